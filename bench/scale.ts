/**
 * N canaries at once against one sandbox, as a matrix job over N services would run them: the
 * committed bundle dist/canary/index.js, one process per service, each with its own credentials
 * (so the sandbox can count each one's AWS requests), all started together. The sandbox seeds N
 * two-colour apps with in-process tasks and throttles ECS, ELBv2 and CloudWatch at AWS's
 * published per-account rates. First one canary alone on the same sandbox, then N at once.
 *   npm run bench -- --scale 50      (updates its section of RESULTS.md)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoad, startSandbox, type LoadHandle, type Sandbox, type TwoColorApp } from '../sandbox/index.ts';
import { FAST_SANDBOX } from '../test/support/rehearsal.ts';
import { startBundle } from '../test/support/run-bundle.ts';

/** Short bakes: the figures are about contention, not bake time, and the CPU is shared. */
const CANARY = {
  steps: '50,100',
  'bake-time': '10s',
  'poll-interval': '2s',
  'metric-period': '1s',
  'min-requests': '5',
  'max-5xx-rate': '5',
  alarms: '',
  'wait-timeout': '120s',
};
const RPS_PER_APP = 6;

interface CanaryRun {
  app: string;
  result: string;
  code: number | null;
  wallMs: number;
  /** Every request the sandbox received with this canary's credentials, throttled ones included. */
  requests: number;
  throttled: number;
  maxRssKb: number;
  error: string | undefined;
}

/** Preloaded into each canary (NODE_OPTIONS): writes the process's peak RSS when it exits. */
function rssProbe(dir: string): string {
  const file = join(dir, 'rss-probe.mjs');
  writeFileSync(
    file,
    `import { writeFileSync } from 'node:fs';\n` +
      `process.on('exit', () => { try { writeFileSync(process.env.RSS_PROBE_OUT, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
  );
  return file;
}

function writeRelease(dir: string, app: TwoColorApp, version: string): string {
  const file = `${app.name}-${version}.json`;
  const document = {
    family: app.taskDefinitions.family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: app.taskDefinitions.image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'VERSION', value: version }],
      },
    ],
  };
  writeFileSync(join(dir, file), JSON.stringify(document, null, 2));
  return file;
}

async function runCanaries(sandbox: Sandbox, apps: TwoColorApp[], version: string, dir: string, probe: string): Promise<CanaryRun[]> {
  const started = apps.map((app) => {
    const key = `AKIDSCALE${app.name.toUpperCase()}${version.toUpperCase()}`;
    const rssFile = join(dir, `${key}.rss`);
    const inputs = {
      cluster: sandbox.cluster,
      'blue-service': app.services.blue.name,
      'green-service': app.services.green.name,
      'listener-arn': app.listenerArn,
      'task-definition': writeRelease(dir, app, version),
      ...CANARY,
    };
    const env = {
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_REGION: sandbox.region,
      AWS_ACCESS_KEY_ID: key,
      GITHUB_WORKSPACE: dir,
      NODE_OPTIONS: `--import=${probe}`,
      RSS_PROBE_OUT: rssFile,
    };
    const t0 = Date.now();
    const run = startBundle('canary', { inputs, env });
    return { app, key, rssFile, done: run.done.then((result) => ({ result, wallMs: Date.now() - t0 })) };
  });
  const runs: CanaryRun[] = [];
  for (const s of started) {
    const { result, wallMs } = await s.done;
    const mine = sandbox.control.callLog().filter((c) => c.accessKeyId === s.key);
    let maxRssKb = 0;
    try {
      maxRssKb = Number(readFileSync(s.rssFile, 'utf8'));
    } catch {
      // The process died before its exit handler ran.
    }
    runs.push({
      app: s.app.name,
      result: result.outputs.result ?? '(none)',
      code: result.code,
      wallMs,
      requests: mine.length,
      throttled: mine.filter((c) => /thrott/i.test(c.error ?? '')).length,
      maxRssKb,
      error: result.errors[0],
    });
  }
  return runs;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const pct = (value: number, base: number): string => `${value >= base ? '+' : ''}${(((value - base) / base) * 100).toFixed(0)} %`;

export async function benchScale(count = 50): Promise<string[]> {
  const sandbox = await startSandbox({ ...FAST_SANDBOX, apps: count, tasks: 'in-process', rateLimits: true });
  const loads: LoadHandle[] = sandbox.apps.map((app) => startLoad({ url: `${app.listenerUrl}/`, rps: RPS_PER_APP }));
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  const probe = rssProbe(dir);
  try {
    // Warm the sandbox's metrics for every app before the first canary looks at them.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [single] = await runCanaries(sandbox, [sandbox.apps[0]!], 'v2', dir, probe);
    // Let the buckets refill, as they would between two unrelated runs.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const t0 = Date.now();
    const many = await runCanaries(sandbox, sandbox.apps, 'v3', dir, probe);
    const allMs = Date.now() - t0;
    const one = single!;

    const failed = many.filter((r) => r.result !== 'promoted');
    const requests = many.map((r) => r.requests);
    const throttled = many.reduce((a, r) => a + r.throttled, 0);
    const rss = many.map((r) => r.maxRssKb).filter((kb) => kb > 0);
    const perOp = new Map<string, number>();
    for (const c of sandbox.control.callLog()) {
      if (!c.error || !/thrott/i.test(c.error)) continue;
      perOp.set(`${c.service}:${c.operation}`, (perOp.get(`${c.service}:${c.operation}`) ?? 0) + 1);
    }

    return [
      `${count} canaries of the committed bundle (dist/canary/index.js), one process each, started at once against one sandbox`,
      `(${count} two-colour apps, 4 in-process tasks each, ${RPS_PER_APP} req/s of load per app; ECS, ELBv2 and CloudWatch throttled at`,
      `AWS's published per-account rates, sandbox/rate-limits.ts). Canary: steps ${CANARY.steps}, bake ${CANARY['bake-time']}, poll ${CANARY['poll-interval']},`,
      `5xx gate on 1 s periods. The single canary ran alone on the same sandbox just before.`,
      '',
      '| Figure | One canary | ' + `${count} at once | Goal |`,
      '|---|---:|---:|---|',
      `| Failed deploys | ${one.result === 'promoted' ? 0 : 1} | **${failed.length}** | 0 |`,
      `| Wall time (start to exit; for ${count}: first start to last exit) | ${s(one.wallMs)} | **${s(allMs)}** (${(allMs / one.wallMs).toFixed(2)}×) | ≤ 1.25× |`,
      `| Wall time per canary, median / max | ${s(one.wallMs)} | ${s(median(many.map((r) => r.wallMs)))} / ${s(Math.max(...many.map((r) => r.wallMs)))} | |`,
      `| AWS requests per canary, mean (throttled included) | ${one.requests} | **${mean(requests).toFixed(1)}** (${pct(mean(requests), one.requests)}) | within 10 % |`,
      `| AWS requests per canary, min / max | ${one.requests} | ${Math.min(...requests)} / ${Math.max(...requests)} | |`,
      `| Requests answered with throttling | ${one.throttled} | ${throttled} (${(
        (throttled /
          Math.max(
            1,
            requests.reduce((a, b) => a + b, 0),
          )) *
        100
      ).toFixed(1)} %) | |`,
      `| Peak RSS per action process, median / max | ${mb(one.maxRssKb)} | ${mb(median(rss))} / ${mb(Math.max(...rss))} | |`,
      '',
      `Throttled requests by operation: ${[...perOp.entries()].map(([op, n]) => `${op} ${n}`).join(', ') || 'none'}.`,
      ...(failed.length > 0 ? ['', 'Failed:', ...failed.map((r) => `- ${r.app}: ${r.result} (exit ${r.code}): ${r.error ?? ''}`)] : []),
    ];
  } finally {
    await Promise.all(loads.map((l) => l.stop()));
    await sandbox.stop();
  }
}
