/**
 * Native rollback on the sandbox: a LINEAR release whose new revision answers 30 % 5xx; the 5xx
 * gate fails at the first step's pause. From the run's JSON report: gate detection → rollback
 * start (ContinueServiceDeployment/StopServiceDeployment ROLLBACK sent), and rollback start →
 * production verified 100 % on the original target group; the bench process also watches the rule
 * itself (every 10 ms) for when ELB serves it back whole.
 *   npm exec -- node bench/native-rollback.ts     (prints, and updates its section of RESULTS.md)
 */
import { readFileSync } from 'node:fs';
import type { NativeReport } from '../shared/engine/native/context.ts';
import { nativeCanaryInputs, nativeRuleWeights, NATIVE_MINUTE_MS, startNativeStage } from '../sandbox/rehearsal/native-rehearsal.ts';
import { sandboxEnv, writeRelease } from '../sandbox/rehearsal/rehearsal.ts';
import { runBundle } from '../sandbox/rehearsal/run-bundle.ts';
import { writeSection } from './section.ts';

const RUNS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function benchNativeRollback(): Promise<string[]> {
  const detectToStart: number[] = [];
  const startToVerified: number[] = [];
  const startToServed: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const stage = await startNativeStage(40);
    try {
      const { sandbox, dir } = stage;
      const original = sandbox.native!.targetGroups.primary.name;
      const release = writeRelease(dir, sandbox, 'v3', { FAULT_RATE: '0.3' });
      let servedBack: number | undefined;
      let shifted = false;
      const watcher = setInterval(() => {
        const weight = nativeRuleWeights(sandbox)[original];
        if (weight !== undefined && weight < 100) shifted = true;
        if (shifted && weight === 100 && servedBack === undefined) servedBack = Date.now();
      }, 10);
      const result = await runBundle('canary', {
        inputs: nativeCanaryInputs(sandbox, release, { steps: '25,50,75,100' }),
        env: sandboxEnv(sandbox, dir),
      });
      clearInterval(watcher);
      const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as NativeReport;
      if (report.result !== 'rolled-back') throw new Error(`expected rolled-back, got ${report.result}: ${result.errors.join('; ')}`);
      const failed = report.steps.find((step) => step.verdict === 'fail')!;
      const detected = Date.parse(failed.startedAt) + failed.durationMs;
      const at = (pattern: RegExp) => Date.parse(report.timeline.find((entry) => pattern.test(entry.message))!.at);
      const started = at(/^ROLLBACK at|^StopServiceDeployment\(ROLLBACK\)/);
      const verified = at(/^Verified: production rule 100 %/);
      detectToStart.push(started - detected);
      startToVerified.push(verified - started);
      if (servedBack !== undefined) startToServed.push(servedBack - started);
    } finally {
      await stage.stop();
    }
  }
  return [
    `Median of ${RUNS} runs of the canary bundle in native mode (\`service\`, steps 25,50,75,100, 5xx gate with 1 s periods,`,
    `poll-interval 1s) on a fresh sandbox each; one ECS minute lasts ${NATIVE_MINUTE_MS} ms, the scheduler ticks every 50 ms.`,
    "The gate fails at the first step (the new revision answers 30 % 5xx). Times from the run's report (ms clock of the",
    'runner) and, for "ELB serves it", from the bench process watching the production rule.',
    '',
    '| Gate detection → rollback start | Rollback start → production verified on the original target group | Rollback start → ELB serves it 100 % on the original (observed) |',
    '|---|---|---|',
    `| ${s(median(detectToStart))} | ${s(median(startToVerified))} | ${startToServed.length ? s(median(startToServed)) : 'n/a'} |`,
    '',
    'Rollback start is the ContinueServiceDeployment(ROLLBACK) at the pause; verification waits for ECS to report',
    'ROLLBACK_SUCCESSFUL (polled every poll-interval), then reads the rule. On AWS, ECS takes minutes for the rollback',
    "(draining, CLEAN_UP): these figures are the action's own overhead around the sandbox's fast ECS.",
  ];
}

if (import.meta.main) {
  const lines = await benchNativeRollback();
  writeSection('Native rollback on the sandbox', lines);
  console.log(lines.join('\n'));
}
