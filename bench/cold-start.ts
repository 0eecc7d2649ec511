/**
 * Median cold start of each AWS-calling bundle to its first AWS request: spawn with valid inputs
 * and AWS_ENDPOINT_URL pointing at a loopback endpoint, stop the clock when the request lands.
 * With BENCH_BASELINE=<an older checkout of this repository, with its dist/>, that checkout's
 * bundles run in the same rounds, alternating, so the two columns share the machine's load.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { actionYml, ROOT } from '../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const TWO_COLORS = { cluster: 'demo', 'blue-service': 'web-blue', 'green-service': 'web-green', 'listener-arn': LISTENER };

/** Minimal valid inputs per action. */
export const VALID_INPUTS: Record<string, Record<string, string>> = {
  canary: { ...TWO_COLORS, 'task-definition': 'web:2' },
  'blue-green': { ...TWO_COLORS, 'task-definition': 'web:2' },
  rollback: { ...TWO_COLORS },
  preflight: { ...TWO_COLORS, checks: 'service-health' },
  chaos: { cluster: 'demo', service: 'web-blue', 'allowed-clusters': 'demo', experiment: 'stop-tasks', count: '1' },
};

/** The commit a baseline checkout is at (for the figures' heading). */
const baselineCommit = (dir: string) => {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not a git checkout';
  }
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function once(action: string, endpoint: { url: string; next: () => Promise<void> }, root = ROOT): Promise<number> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
    AWS_ENDPOINT_URL: endpoint.url,
    GITHUB_WORKSPACE: root,
  };
  const yml = actionYml(action, root);
  for (const [name, spec] of Object.entries(yml.inputs ?? {}))
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = spec.default;
  for (const [name, value] of Object.entries(VALID_INPUTS[action]!)) env[`INPUT_${name.toUpperCase()}`] = value;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, 'actions', action, yml.runs.main)], { env, stdio: 'ignore' });
  await endpoint.next();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill('SIGKILL');
  return elapsed;
}

export async function benchColdStarts(runs = 10, actions = Object.keys(VALID_INPUTS)): Promise<string[]> {
  let waiting: (() => void) | undefined;
  const server = createServer((req, res) => {
    waiting?.();
    waiting = undefined;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const next = () => new Promise<void>((resolve) => (waiting = resolve));
  const baseline = process.env.BENCH_BASELINE;
  const lines = baseline
    ? [
        `Baseline: the bundles of ${baseline} (${baselineCommit(baseline)}), run in the same rounds, alternating.`,
        '',
        `| Bundle | Cold start to first AWS request (median of ${runs}) | Baseline |`,
        '|---|---:|---:|',
      ]
    : [`| Bundle | Cold start to first AWS request (median of ${runs}) |`, '|---|---:|'];
  try {
    for (const action of actions) {
      const times: number[] = [];
      const before: number[] = [];
      for (let i = 0; i < runs; i++) {
        times.push(await once(action, { url, next }));
        if (baseline) before.push(await once(action, { url, next }, baseline));
      }
      const row = `| dist/${action}/index.js | ${median(times).toFixed(0)} ms |`;
      lines.push(baseline ? `${row} ${median(before).toFixed(0)} ms |` : row);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  return lines;
}

// `node bench/cold-start.ts canary rollback`: only those actions.
if (import.meta.main) console.log((await benchColdStarts(10, process.argv.length > 2 ? process.argv.slice(2) : undefined)).join('\n'));
