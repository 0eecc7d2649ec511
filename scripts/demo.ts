/**
 * `npm run demo`: a local rehearsal of a real deployment. Starts the loopback AWS sandbox and a
 * steady load, then runs the committed bundles as the runner would: a canary of a good release,
 * a canary of a bad one, and a rollback; then, on one service deployed natively by ECS, a canary
 * promoted after gated pauses and a linear release that a gate rolls back. Prints each job summary,
 * the figures, and exits 0 only when every outcome is the expected one.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summaryForTerminal } from '../shared/engine/two-color/summary.ts';
import { summaryPage } from './summary-page.ts';
import { ROOT } from '../sandbox/rehearsal/run-bundle.ts';
import { liveWeights, runAction, runCanaryRelease, startStage, type RunFigures } from '../sandbox/rehearsal/scenario.ts';
import { nativeCanaryInputs, nativeRuleWeights, startNativeStage } from '../sandbox/rehearsal/native-rehearsal.ts';
import { writeRelease } from '../sandbox/rehearsal/rehearsal.ts';
import type { Sandbox } from '../sandbox/index.ts';

const started = Date.now();
const stage = await startStage(40);
const { sandbox } = stage;
/** What `show` prints as the weights now: the two colors, or the native production rule. */
let weightsNow = (): unknown => liveWeights(sandbox);
const checks: [string, boolean][] = [];
const print = (text = '') => process.stdout.write(`${text}\n`);
/** Each job summary also as a page one can open: rendered Markdown and the charts of the run. */
const pages = join(ROOT, 'demo-summaries');
mkdirSync(pages, { recursive: true });

function show(title: string, run: RunFigures, expected: string): void {
  const outcome = run.result.outputs.result ?? `exit ${run.result.code}`;
  checks.push([`${title}: ${outcome} (expected ${expected})`, outcome === expected]);
  print(`\n${'═'.repeat(100)}\n${title}\n${'═'.repeat(100)}`);
  print(summaryForTerminal(run.result.summary).trim());
  const page = join(
    pages,
    `${title
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()}.html`,
  );
  writeFileSync(page, summaryPage(title, run.result.summary));
  print(`\nsummary page: ${page}`);
  if (run.result.errors.length > 0) print(`\nstep failed: ${run.result.errors.join('\n')}`);
  const calls = Object.entries(run.calls)
    .sort(([, a], [, b]) => b - a)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  print(`\nfigures: ${(run.durationMs / 1000).toFixed(1)} s; AWS calls: ${calls}`);
  print(
    `traffic during the run: ${JSON.stringify(run.versions)} by version, ${run.errors} errors; weights now ${JSON.stringify(weightsNow())}`,
  );
  if (run.exposureMs !== undefined) print(`the new version answered traffic for ${(run.exposureMs / 1000).toFixed(1)} s`);
}

try {
  print(`sandbox: ${sandbox.endpoint} (AWS APIs), ${sandbox.listenerUrl} (the load balancer), load: 40 requests/s`);
  const fast = { steps: '25,50,100', 'bake-time': '4s', 'poll-interval': '1s' };

  show('1. canary of a good release (v2)', await runCanaryRelease(stage, 'v2', {}, fast), 'promoted');
  show(
    '2. canary of a bad release (v3: 30 % of requests answer 500)',
    await runCanaryRelease(stage, 'v3', { FAULT_RATE: '0.3' }, fast),
    'rolled-back',
  );

  if (existsSync(join(ROOT, 'dist', 'rollback', 'index.js'))) {
    const rollback = await runAction(stage, 'rollback', {
      cluster: sandbox.cluster,
      'blue-service': sandbox.services.blue.name,
      'green-service': sandbox.services.green.name,
      'listener-arn': sandbox.listenerArn,
      to: `${sandbox.taskDefinitions.family}:1`,
      reason: 'demo: back to the first release',
      'poll-interval': '1s',
    });
    show('3. rollback to the first release (web:1)', rollback, 'rolled-back');
  }
} finally {
  await stage.stop();
}

// One service deployed natively: ECS moves its production rule, the action gates each step at a PAUSE hook.
const nativeStage = await startNativeStage(40);
try {
  const native: Sandbox = nativeStage.sandbox;
  weightsNow = () => nativeRuleWeights(native);
  print(
    `\nnative sandbox: service ${native.native!.service.name}, production listener ${native.native!.listenerUrl}; one ECS minute = 400 ms`,
  );
  const canary = writeRelease(nativeStage.dir, native, 'v2');
  show(
    '4. native canary of a good release (v2, CANARY 10 % then 100 %)',
    await runAction(nativeStage, 'canary', nativeCanaryInputs(native, canary), 'v2'),
    'promoted',
  );
  const linear = writeRelease(nativeStage.dir, native, 'v3', { FAULT_RATE: '0.3' });
  show(
    '5. native linear release of a bad one (v3: 30 % answer 500, LINEAR 25 % steps)',
    await runAction(nativeStage, 'canary', nativeCanaryInputs(native, linear, { steps: '25,50,75,100' }), 'v3'),
    'rolled-back',
  );
} finally {
  await nativeStage.stop();
}

print(`\n${'═'.repeat(100)}\nrehearsal finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [line, ok] of checks) print(`${ok ? '✔' : '✘'} ${line}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
