import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { forwardTargets, terminalAction } from './elb/actions.ts';
import { ruleMatches, WeightedPicker } from './elb/routing.ts';
import type { ElbState, ListenerState, Target, TargetGroupState } from './elb/state.ts';
import { randomHex } from './ids.ts';
import { ALB_NAMESPACE, recordAlbRequest, type MetricStore } from './metrics.ts';

export interface ProxiedRequest {
  at: number;
  /** Which listener answered: `production`, `test`, or the listener port. */
  listener: string;
  method: string;
  path: string;
  targetGroup: string | undefined;
  /** `127.0.0.1:<port>` of the task that answered. */
  target: string | undefined;
  status: number;
  latencyMs: number;
  /** Who produced the status: the target, or the load balancer itself. */
  source: 'target' | 'elb';
}

export class RequestLog {
  #entries: ProxiedRequest[] = [];
  readonly #max: number;

  constructor(max = 50_000) {
    this.#max = max;
  }

  push(entry: ProxiedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#max) this.#entries.splice(0, this.#entries.length - this.#max);
  }

  list(): ProxiedRequest[] {
    return [...this.#entries];
  }

  reset(): void {
    this.#entries = [];
  }
}

const ELB_PAGES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

const STICKY_COOKIE = 'AWSALBTG';

export interface ListenerServer {
  port: number;
  close(): Promise<void>;
}

interface ProxyDeps {
  elb: ElbState;
  metrics: MetricStore;
  requestLog: RequestLog;
  /** ALB idle timeout: a target slower than this gets a 504. */
  targetTimeoutMs: number;
  log: (line: string) => void;
}

/** One ALB listener: a real HTTP server that routes by rules and weights to healthy targets. */
export async function startListenerServer(
  listener: ListenerState,
  label: string,
  host: string,
  port: number,
  deps: ProxyDeps,
): Promise<ListenerServer> {
  const { elb } = deps;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const pickers = new Map<string, WeightedPicker>();
  const roundRobin = new Map<string, number>();

  function chooseTargetGroup(
    action: Action,
    pickerKey: string,
    req: IncomingMessage,
  ): { tg: TargetGroupState | undefined; sticky: boolean; duration: number } {
    const choices = forwardTargets(action);
    const stickiness = action.ForwardConfig?.TargetGroupStickinessConfig;
    const sticky = stickiness?.Enabled === true;
    if (sticky) {
      const cookie = /(?:^|;\s*)AWSALBTG=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const wanted = cookie ? Buffer.from(cookie, 'base64url').toString('utf8') : undefined;
      if (wanted && choices.some((c) => c.arn === wanted && c.weight > 0)) {
        return { tg: elb.targetGroups.get(wanted), sticky, duration: stickiness?.DurationSeconds ?? 0 };
      }
    }
    let picker = pickers.get(pickerKey);
    if (!picker) {
      picker = new WeightedPicker();
      pickers.set(pickerKey, picker);
    }
    const arn = picker.pick(choices);
    return { tg: arn ? elb.targetGroups.get(arn) : undefined, sticky, duration: stickiness?.DurationSeconds ?? 0 };
  }

  function chooseTarget(tg: TargetGroupState): Target | undefined {
    const healthy = [...tg.targets.values()].filter((t) => t.state === 'healthy');
    if (healthy.length === 0) return undefined;
    const next = (roundRobin.get(tg.arn) ?? 0) + 1;
    roundRobin.set(tg.arn, next);
    return healthy[next % healthy.length];
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const at = Date.now();
    const current = elb.listeners.get(listener.arn);
    const lb = current ? elb.loadBalancers.get(current.loadBalancerArn) : undefined;
    const url = new URL(req.url ?? '/', 'http://alb');
    const rule = current ? elb.rulesOf(current.arn).find((r) => ruleMatches(r.conditions, req, url)) : undefined;
    const actions = rule ? rule.actions.current : (current?.defaultActions.current ?? []);
    const action = terminalAction(actions);
    const lbDimension = lb?.dimension ?? 'app/unknown/0';

    type Outcome = Pick<ProxiedRequest, 'target' | 'status' | 'source'>;
    const finish = (outcome: Outcome, tg: TargetGroupState | undefined, targetResponseTimeSec?: number): void => {
      const latencyMs = performance.now() - started;
      const entry = { ...outcome, targetGroup: tg?.name };
      deps.requestLog.push({ at, listener: label, method: req.method ?? 'GET', path: req.url ?? '/', latencyMs, ...entry });
      recordAlbRequest(deps.metrics, {
        at,
        loadBalancer: lbDimension,
        targetGroup: tg?.dimension,
        targetStatus: entry.source === 'target' ? entry.status : undefined,
        elbStatus: entry.source === 'elb' ? entry.status : undefined,
        targetResponseTimeSec,
      });
    };

    const elbError = (status: number, tg: TargetGroupState | undefined): void => {
      const title = ELB_PAGES[status] ?? String(status);
      const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
      if (!res.headersSent)
        res.writeHead(status, { server: 'awselb/2.0', 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      finish({ target: undefined, status, source: 'elb' }, tg);
    };

    req.on('error', () => res.destroy());

    if (!action) {
      elbError(503, undefined);
      return;
    }
    if (action.Type === 'fixed-response') {
      const config = action.FixedResponseConfig;
      const status = Number(config?.StatusCode ?? 200);
      const body = config?.MessageBody ?? '';
      res.writeHead(status, {
        server: 'awselb/2.0',
        'content-type': config?.ContentType ?? 'text/plain',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      req.resume();
      deps.metrics.put(ALB_NAMESPACE, 'HTTP_Fixed_Response_Count', [{ Name: 'LoadBalancer', Value: lbDimension }], 1, { t: at });
      finish({ target: undefined, status, source: 'elb' }, undefined);
      return;
    }
    if (action.Type === 'redirect') {
      const config = action.RedirectConfig;
      const hostHeader = (req.headers.host ?? `127.0.0.1:${listener.port}`).replace(/:\d+$/, '');
      const substitute = (value: string | undefined, fallback: string): string =>
        (value ?? fallback)
          .replace('#{protocol}', 'http')
          .replace('#{host}', hostHeader)
          .replace('#{port}', String(listener.port))
          .replace('#{path}', url.pathname.slice(1))
          .replace('#{query}', url.search.slice(1));
      const query = substitute(config?.Query, '#{query}');
      const location = `${substitute(config?.Protocol, 'http').toLowerCase()}://${substitute(config?.Host, '#{host}')}:${substitute(config?.Port, '#{port}')}${substitute(config?.Path, '/#{path}')}${query ? `?${query}` : ''}`;
      const status = config?.StatusCode === 'HTTP_301' ? 301 : 302;
      res.writeHead(status, { server: 'awselb/2.0', location, 'content-length': 0 });
      res.end();
      req.resume();
      deps.metrics.put(ALB_NAMESPACE, 'HTTP_Redirect_Count', [{ Name: 'LoadBalancer', Value: lbDimension }], 1, { t: at });
      finish({ target: undefined, status, source: 'elb' }, undefined);
      return;
    }

    const { tg, sticky, duration } = chooseTargetGroup(action, rule?.arn ?? listener.defaultRuleArn, req);
    const target = tg ? chooseTarget(tg) : undefined;
    if (!tg || !target) {
      req.resume();
      elbError(503, tg);
      return;
    }

    const headers = { ...req.headers };
    const forwardedFor = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, 127.0.0.1` : '127.0.0.1';
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-port'] = String(listener.port);
    headers['x-amzn-trace-id'] = `Root=1-${Math.floor(at / 1000).toString(16)}-${randomHex(24)}`;
    const sent = performance.now();
    let settled = false;
    const upstream = request(
      { host: target.id, port: target.port, method: req.method, path: req.url, headers, agent, timeout: deps.targetTimeoutMs },
      (upstreamRes) => {
        const responseTime = (performance.now() - sent) / 1000;
        const outHeaders = { ...upstreamRes.headers };
        if (sticky) {
          const value = Buffer.from(tg.arn).toString('base64url');
          outHeaders['set-cookie'] = [...(outHeaders['set-cookie'] ?? []), `${STICKY_COOKIE}=${value}; Max-Age=${duration}; Path=/`];
        }
        res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
        upstreamRes.pipe(res);
        upstreamRes.on('end', () => {
          if (settled) return;
          settled = true;
          finish({ target: `${target.id}:${target.port}`, status: upstreamRes.statusCode ?? 502, source: 'target' }, tg, responseTime);
        });
        upstreamRes.on('error', () => res.destroy());
      },
    );
    upstream.on('timeout', () => {
      upstream.destroy();
      if (settled) return;
      settled = true;
      elbError(504, tg);
    });
    upstream.on('error', () => {
      if (settled) return;
      settled = true;
      if (res.headersSent) res.destroy();
      else elbError(502, tg);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
