import { Agent, request } from 'node:http';

export interface LoadResult {
  /** When the request was sent (epoch ms). */
  at: number;
  /** HTTP status, or 0 when the request failed without a response. */
  status: number;
  latencyMs: number;
  /** `version` from the JSON body of the sample app, when present. */
  version: string | undefined;
  color: string | undefined;
  error: string | undefined;
}

export interface LoadSummary {
  total: number;
  byStatus: Record<string, number>;
  byVersion: Record<string, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  /** Requests per second, spread evenly. */
  rps: number;
  onResult?: (result: LoadResult) => void;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
  /** Stop by itself after this long (default: until stop()). */
  durationMs?: number;
  /** Requests beyond this many in flight are skipped rather than queued (default 256). */
  maxInFlight?: number;
}

export interface LoadHandle {
  /** Results so far, in completion order. */
  readonly results: LoadResult[];
  summary(sinceMs?: number): LoadSummary;
  /** Stops sending, waits for requests in flight, returns every result. */
  stop(): Promise<LoadResult[]>;
}

const MAX_BODY = 64 * 1024;

export function summarize(results: LoadResult[], sinceMs = 0): LoadSummary {
  const summary: LoadSummary = { total: 0, byStatus: {}, byVersion: {}, errors: 0 };
  for (const r of results) {
    if (r.at < sinceMs) continue;
    summary.total += 1;
    summary.byStatus[String(r.status)] = (summary.byStatus[String(r.status)] ?? 0) + 1;
    if (r.version !== undefined) summary.byVersion[r.version] = (summary.byVersion[r.version] ?? 0) + 1;
    if (r.status === 0 || r.status >= 500) summary.errors += 1;
  }
  return summary;
}

/** Steady real HTTP traffic against a URL, recording status, latency and the version that answered. */
export function startLoad(options: LoadOptions): LoadHandle {
  if (!(options.rps > 0)) throw new Error('startLoad: rps must be > 0');
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxInFlight = options.maxInFlight ?? 256;
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const results: LoadResult[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  let stopped = false;

  const fire = (): void => {
    const at = Date.now();
    const t0 = performance.now();
    const done = new Promise<void>((resolve) => {
      const finish = (status: number, body: string, error?: string): void => {
        let version: string | undefined;
        let color: string | undefined;
        try {
          const parsed = JSON.parse(body) as { version?: unknown; color?: unknown };
          if (typeof parsed.version === 'string') version = parsed.version;
          if (typeof parsed.color === 'string') color = parsed.color;
        } catch {
          // Not the sample app's JSON (e.g. an ELB error page).
        }
        const result: LoadResult = { at, status, latencyMs: performance.now() - t0, version, color, error };
        results.push(result);
        options.onResult?.(result);
        resolve();
      };
      const req = request(options.url, { agent, timeout: timeoutMs }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.on('end', () => finish(res.statusCode ?? 0, body));
        res.on('error', (e) => finish(0, '', e.message));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => finish(0, '', e.message));
      req.end();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const tickMs = Math.max(5, Math.min(100, Math.floor(1000 / options.rps)));
  const timer = setInterval(() => {
    const now = Date.now();
    if (options.durationMs !== undefined && now - started >= options.durationMs) {
      void stop();
      return;
    }
    const due = Math.floor(((now - started) * options.rps) / 1000) - sent;
    for (let i = 0; i < due; i++) {
      sent += 1;
      if (inFlight.size < maxInFlight) fire();
    }
  }, tickMs);

  async function stop(): Promise<LoadResult[]> {
    if (!stopped) {
      stopped = true;
      clearInterval(timer);
    }
    await Promise.all([...inFlight]);
    agent.destroy();
    return results;
  }

  return { results, summary: (sinceMs) => summarize(results, sinceMs), stop };
}
