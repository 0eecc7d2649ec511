/**
 * Cancel → traffic verified restored, while a gate call hangs (accepted, never answered): the
 * canary bundle is mid-bake at 50/50, a CloudWatch GetMetricData hangs, the runner sends SIGINT.
 * Measured: SIGINT → the listener back at 100 % on the previous color (as traffic sees it), and
 * SIGINT → the process exits. The runner allows 7.5 s before SIGTERM.
 * `node bench/cancel-hung.ts` rewrites its section of RESULTS.md.
 */
import { startSandbox, startLoad } from '../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../sandbox/rehearsal/rehearsal.ts';
import { startBundle } from '../sandbox/rehearsal/run-bundle.ts';
import { writeSection } from './section.ts';

const RUNS = 3;

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function once(): Promise<{ restoredMs: number; exitMs: number; result: string }> {
  const sandbox = await startSandbox(FAST_SANDBOX);
  const load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 20 });
  try {
    const dir = workspace();
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '60s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50);
    const before = sandbox.control.callCounts()['cloudwatch:GetMetricData'] ?? 0;
    sandbox.control.failNext('cloudwatch:GetMetricData', 'Hang', 1, { hang: true });
    await until(() => (sandbox.control.callCounts()['cloudwatch:GetMetricData'] ?? 0) > before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = Date.now();
    run.child.kill('SIGINT');
    let restoredAt = 0;
    const watch = until(() => liveWeights(sandbox).blue === 100).then(() => (restoredAt = Date.now()));
    const result = await run.done;
    const exitedAt = Date.now();
    await watch;
    return { restoredMs: restoredAt - sent, exitMs: exitedAt - sent, result: result.outputs.result ?? '?' };
  } finally {
    await load.stop();
    await sandbox.stop();
  }
}

export async function benchCancelHung(): Promise<string[]> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [
    'Canary bundle mid-bake at 50/50 on the sandbox, one CloudWatch GetMetricData accepted and never answered, then SIGINT',
    `(the runner's cancel; it sends SIGTERM 7.5 s later). ${RUNS} runs.`,
    '',
    '| Run | SIGINT → listener verified back at blue=100 | SIGINT → process exit | Result |',
    '|---|---:|---:|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${r.restoredMs} ms | ${r.exitMs} ms | ${r.result} |`),
    `| **median** | **${median(runs.map((r) => r.restoredMs))} ms** | **${median(runs.map((r) => r.exitMs))} ms** | |`,
    '',
    'Before this change (issue 11) a canary sat in a hung DescribeServices for more than 4 minutes: no request timeout, and the',
    'cancel never reached `send()`. Now the cancel aborts the hung request at once and the restore goes out on clients that',
    'carry no abort signal (bounded by the 5 s connect / 30 s request timeouts).',
  ];
}

if (import.meta.main) {
  const lines = await benchCancelHung();
  console.log(lines.join('\n'));
  writeSection('Cancel with a hung AWS call', lines);
}
