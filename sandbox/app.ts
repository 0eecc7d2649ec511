/**
 * The sample application every sandbox ECS task runs. Its behaviour comes from the
 * container environment of the task definition, so a release is "bad" only because
 * its task definition says so, exactly like a real bad image.
 *
 *   PORT            port to listen on (0 = any; the chosen port is reported on stdout)
 *   VERSION         reported in every response (defaults to the image tag)
 *   FAULT_RATE      0..1, fraction of non-health requests answered 500 (spread evenly, not random)
 *   LATENCY_MS      added to every non-health request
 *   UNHEALTHY=1     GET /health answers 503
 *   CRASH_ON_START=1  exit 1 before listening
 *   START_DELAY_MS  wait before listening (slow boot)
 *   EXIT_AFTER_MS   exit 1 this long after listening (crash while serving)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const env = process.env;
const numberFrom = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
};

const imageTag = (env.IMAGE ?? '').split('@')[0]?.split('/').pop()?.split(':')[1];
const version = env.VERSION ?? imageTag ?? 'unknown';
const serviceName = env.SANDBOX_SERVICE ?? '';
const color = env.COLOR ?? /-(blue|green)$/.exec(serviceName)?.[1];
const faultRate = Math.min(1, Math.max(0, numberFrom(env.FAULT_RATE, 0)));
const latencyMs = Math.max(0, numberFrom(env.LATENCY_MS, 0));
const unhealthy = env.UNHEALTHY === '1' || env.UNHEALTHY === 'true';

// The sandbox keeps a pipe open on stdin; when it closes the sandbox is gone, and so are we.
if (env.SANDBOX_PARENT_PIPE === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

if (env.CRASH_ON_START === '1' || env.CRASH_ON_START === 'true') {
  process.stderr.write(`app ${version}: CRASH_ON_START is set, exiting with code 1\n`);
  process.exit(1);
}

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

function listen(): void {
  server.listen(numberFrom(env.PORT, 0), env.HOST ?? '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ event: 'listening', port, version })}\n`);
    const exitAfter = numberFrom(env.EXIT_AFTER_MS, 0);
    if (exitAfter > 0) {
      setTimeout(() => {
        process.stderr.write(`app ${version}: EXIT_AFTER_MS reached, exiting with code 1\n`);
        process.exit(1);
      }, exitAfter);
    }
  });
}

const startDelay = numberFrom(env.START_DELAY_MS, 0);
if (startDelay > 0) setTimeout(listen, startDelay);
else listen();

const shutdown = (): void => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
