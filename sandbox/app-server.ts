/**
 * The sample application's HTTP behaviour, read from a container environment (see app.ts for
 * the variables). Shared by the task process (app.ts) and by in-process tasks (in-process-fleet.ts).
 */
import { createServer, type Server } from 'node:http';

export interface SampleApp {
  server: Server;
  version: string;
  /** CRASH_ON_START: exit 1 before listening. */
  crashOnStart: boolean;
  /** START_DELAY_MS: wait this long before listening. */
  startDelayMs: number;
  /** EXIT_AFTER_MS: exit 1 this long after listening (0 = never). */
  exitAfterMs: number;
}

const numberFrom = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
};

const flag = (value: string | undefined): boolean => value === '1' || value === 'true';

export function createSampleApp(env: Record<string, string | undefined>): SampleApp {
  const imageTag = (env.IMAGE ?? '').split('@')[0]?.split('/').pop()?.split(':')[1];
  const version = env.VERSION ?? imageTag ?? 'unknown';
  const serviceName = env.SANDBOX_SERVICE ?? '';
  const color = env.COLOR ?? /-(blue|green)$/.exec(serviceName)?.[1];
  const faultRate = Math.min(1, Math.max(0, numberFrom(env.FAULT_RATE, 0)));
  const latencyMs = Math.max(0, numberFrom(env.LATENCY_MS, 0));
  const unhealthy = flag(env.UNHEALTHY);

  let served = 0;
  const server = createServer((req, res) => {
    if (req.url === '/health' || req.url?.startsWith('/health?')) {
      const status = unhealthy ? 503 : 200;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(unhealthy ? 'unhealthy' : 'ok');
      return;
    }
    // Error diffusion keeps the fault fraction exact over any window of requests.
    const before = Math.floor(served * faultRate);
    served += 1;
    const fail = Math.floor(served * faultRate) > before;
    const respond = (): void => {
      const status = fail ? 500 : 200;
      const body = JSON.stringify({
        version,
        ...(color ? { color } : {}),
        service: serviceName || undefined,
        task: env.SANDBOX_TASK_ID,
        // Which OS process answered: a task's own, or the sandbox's for in-process tasks.
        pid: process.pid,
        path: req.url,
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    req.resume();
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  });

  // Longer than the ALB idle timeout (60 s), as AWS advises for targets: the load balancer,
  // not the target, closes idle connections, so a reused connection is never reset under it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    version,
    crashOnStart: flag(env.CRASH_ON_START),
    startDelayMs: numberFrom(env.START_DELAY_MS, 0),
    exitAfterMs: numberFrom(env.EXIT_AFTER_MS, 0),
  };
}
