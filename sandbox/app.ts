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
import type { AddressInfo } from 'node:net';
import { createSampleApp } from './app-server.ts';

const env = process.env;
const app = createSampleApp(env);

// The sandbox keeps a pipe open on stdin; when it closes the sandbox is gone, and so are we.
if (env.SANDBOX_PARENT_PIPE === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

if (app.crashOnStart) {
  process.stderr.write(`app ${app.version}: CRASH_ON_START is set, exiting with code 1\n`);
  process.exit(1);
}

function listen(): void {
  app.server.listen(Number(env.PORT ?? 0) || 0, env.HOST ?? '127.0.0.1', () => {
    const { port } = app.server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ event: 'listening', port, version: app.version })}\n`);
    if (app.exitAfterMs > 0) {
      setTimeout(() => {
        process.stderr.write(`app ${app.version}: EXIT_AFTER_MS reached, exiting with code 1\n`);
        process.exit(1);
      }, app.exitAfterMs);
    }
  });
}

if (app.startDelayMs > 0) setTimeout(listen, app.startDelayMs);
else listen();

const shutdown = (): void => {
  app.server.close(() => process.exit(0));
  app.server.closeIdleConnections();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
