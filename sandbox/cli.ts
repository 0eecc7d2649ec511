/**
 * Starts the default sandbox world and keeps it up until SIGINT/SIGTERM.
 * Prints one JSON line on stdout with the endpoint, listener URLs and ARNs, e.g.
 *
 *   node sandbox/cli.ts --port 4566
 *   AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_REGION=us-east-1 \
 *   AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test node dist/canary/index.js
 *
 * Scale runs: `--apps 50 --in-process-tasks --rate-limits` seeds 50 two-colour apps (listed
 * under `apps`), serves their tasks in-process and throttles at AWS's published API rates.
 */
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'listener-port': { type: 'string' },
    'test-listener-port': { type: 'string' },
    'health-interval-ms': { type: 'string' },
    'deregistration-delay-ms': { type: 'string' },
    'propagation-lag-ms': { type: 'string' },
    'minute-ms': { type: 'string' },
    apps: { type: 'string' },
    'in-process-tasks': { type: 'boolean' },
    'rate-limits': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  },
});

const int = (name: keyof typeof values): number | undefined => {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`sandbox: --${name} must be a non-negative integer\n`);
    process.exit(2);
  }
  return n;
};

const log = (line: string): void => {
  process.stderr.write(`sandbox: ${line}\n`);
};

let sandbox: Sandbox;
try {
  const healthInterval = int('health-interval-ms');
  sandbox = await startSandbox({
    port: int('port') ?? 0,
    listenerPort: int('listener-port') ?? 0,
    testListenerPort: int('test-listener-port') ?? 0,
    ...(healthInterval === undefined ? {} : { healthCheck: { intervalMs: healthInterval } }),
    ...(int('minute-ms') === undefined ? {} : { ecs: { minuteMs: int('minute-ms') } }),
    elb: {
      ...(int('deregistration-delay-ms') === undefined ? {} : { deregistrationDelayMs: int('deregistration-delay-ms') }),
      ...(int('propagation-lag-ms') === undefined ? {} : { propagationLagMs: int('propagation-lag-ms') }),
    },
    ...(int('apps') === undefined ? {} : { apps: int('apps') }),
    ...(values['in-process-tasks'] ? { tasks: 'in-process' as const } : {}),
    ...(values['rate-limits'] ? { rateLimits: true } : {}),
    ...(values.verbose ? { log } : {}),
  });
} catch (error) {
  log(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const { control, stop, throttled, ...description } = sandbox;
void control;
void throttled;
process.stdout.write(`${JSON.stringify(description)}\n`);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  if (values.verbose) log(`${signal}: stopping`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  stop().then(
    () => process.exit(0),
    (error: unknown) => {
      log(`stop failed: ${String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
process.stdout.on('error', () => {
  // A closed stdout pipe must not take the sandbox down.
});
