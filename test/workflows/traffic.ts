/**
 * What the workflow simulation asserts, shared by simulation.test.ts and the broken copies in
 * broken.test.ts: the behaviour of each of our actions' steps under a fault, every combination of
 * faults, and the promise about traffic that must hold in each run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { WORKFLOWS } from './model.ts';
import {
  isTrue,
  loadSimWorkflow,
  simulate,
  type Gate,
  type RunResult,
  type SimJob,
  type SimStep,
  type SimWorkflow,
  type StepBehaviour,
} from './simulate.ts';

export const CAPTURED = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2';
const NEW = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3';
export const URL = 'https://www.example.com';

export const load = async (file: string, dir = WORKFLOWS) => loadSimWorkflow(file, readFileSync(join(dir, file), 'utf8'));

// ── What each step is ────────────────────────────────────────────────────────

export const isMover = (step: SimStep, with_: Record<string, string>) =>
  step.uses === '$/actions/canary' || (step.uses === '$/actions/blue-green' && with_.phase === 'switch');
export const isRestore = (step: SimStep) => step.uses === '$/actions/rollback';
/** The migration: a one-off task with the release's task definition. */
export const isMigration = (step: SimStep) => step.uses === '$/actions/run-task';
/** Starts the new version where it can reach the database: a migration must have succeeded first. */
export const startsNewVersion = (step: SimStep, with_: Record<string, string>) =>
  isMover(step, with_) || (step.uses === '$/actions/blue-green' && with_.phase === 'prepare');
/** The jobs that may move traffic: a canary, a blue-green switch, or a rollback. */
export const movesTraffic = (job: SimJob) =>
  job.steps.some((s) => s.uses === '$/actions/canary' || s.uses === '$/actions/rollback' || s.uses === '$/actions/blue-green');

// ── What a step does, by fault ───────────────────────────────────────────────

export type Fault = { job: string; step: number; kind: 'failure' | 'failure-no-outputs' | 'cancel' } | { job: string; gate: Gate };

export function succeed(step: SimStep, with_: Record<string, string>): StepBehaviour {
  if (step.run !== undefined) return { outcome: /\bexit 1\s*$/.test(step.run) ? 'failure' : 'success', outputs: {} };
  switch (step.uses) {
    case '$/actions/preflight':
      return {
        outcome: 'success',
        outputs: with_.service
          ? { result: 'pass', 'live-service': with_.service, 'live-task-definition-arn': CAPTURED, weights: '' }
          : { result: 'pass', 'live-service': 'web-green', 'live-task-definition-arn': CAPTURED, weights: 'blue=0,green=100' },
      };
    case '$/actions/run-task':
      return { outcome: 'success', outputs: { result: 'succeeded', 'exit-code': '0', 'task-arn': TASK, 'log-url': 'https://logs' } };
    case '$/actions/blue-green':
      return with_.phase === 'prepare'
        ? { outcome: 'success', outputs: { result: 'prepared', 'task-definition-arn': NEW, 'test-url': 'http://test.example.com' } }
        : { outcome: 'success', outputs: promoted };
    case '$/actions/canary':
      return { outcome: 'success', outputs: promoted };
    case '$/actions/smoke':
      return { outcome: 'success', outputs: { result: 'passed' } };
    case '$/actions/rollback':
      return { outcome: 'success', outputs: { result: 'rolled-back', 'live-service': 'web-green', 'task-definition-arn': with_.to ?? '' } };
    default:
      return { outcome: 'success', outputs: {} };
  }
}

const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/staging/0123456789abcdef';
const promoted = { result: 'promoted', 'task-definition-arn': NEW, 'previous-task-definition-arn': CAPTURED, 'live-service': 'web-blue' };

function failing(step: SimStep, with_: Record<string, string>, kind: 'failure' | 'failure-no-outputs'): StepBehaviour {
  if (kind === 'failure-no-outputs') return { outcome: 'failure', outputs: {} };
  if (step.uses === '$/actions/preflight') return { outcome: 'failure', outputs: { ...succeed(step, with_).outputs, result: 'fail' } };
  if (step.uses === '$/actions/smoke') return { outcome: 'failure', outputs: { result: 'failed' } };
  if (isMigration(step)) return { outcome: 'failure', outputs: { result: 'failed', 'exit-code': '1', 'task-arn': TASK } };
  if (isMover(step, with_))
    return {
      outcome: 'failure',
      outputs: { result: 'rolled-back', 'previous-task-definition-arn': CAPTURED, 'live-service': 'web-green' },
    };
  return { outcome: 'failure', outputs: {} };
}

export function run(
  workflow: SimWorkflow,
  inputs: Record<string, string>,
  faults: Fault[],
  secrets: Record<string, string> = {},
): RunResult {
  const result = simulate(workflow, {
    inputs,
    secrets,
    gate: (job) => faults.find((f): f is Extract<Fault, { gate: Gate }> => 'gate' in f && f.job === job)?.gate ?? 'run',
    step: (job, step, with_) => {
      const fault = faults.find((f): f is Extract<Fault, { step: number }> => 'step' in f && f.job === job.id && f.step === step.index);
      if (!fault) return succeed(step, with_);
      return fault.kind === 'cancel' ? 'cancel' : failing(step, with_, fault.kind);
    },
  });
  result.inputs = inputs;
  return result;
}

// ── What must hold in every run ──────────────────────────────────────────────

export interface Verdict {
  moved: boolean;
  completed: boolean;
  restores: { job: string; to: string }[];
  reported: string | undefined;
}

export function verdict(result: RunResult): Verdict {
  const steps = [...result.jobs.values()].flatMap((job) => job.steps.map((s) => ({ job: job.job.id, ...s })));
  const ran = steps.filter((s) => s.outcome !== 'skipped');
  const movers = ran.filter((s) => isMover(s.step, s.with));
  const moved = movers.length > 0;
  const promotedAt = steps.findIndex((s) => isMover(s.step, s.with) && s.outcome === 'success');
  const completed =
    promotedAt >= 0 &&
    steps.slice(promotedAt + 1).some((s) => s.step.uses === '$/actions/smoke' && s.with.url === URL && s.outcome === 'success');
  const restores = ran.filter((s) => isRestore(s.step)).map((s) => ({ job: s.job, to: s.with.to ?? '' }));
  const report = steps.find((s) => 'MOVED' in s.env && s.outcome !== 'skipped');
  return { moved, completed, restores, reported: report?.env.MOVED };
}

function expectSafe(result: RunResult, label: string) {
  const v = verdict(result);
  // A rollback runs if and only if traffic may have moved and the release did not complete.
  expect(v.restores.length > 0, `${label}: a restore runs iff traffic may have moved and the release did not complete`).toBe(
    v.moved && !v.completed,
  );
  // And it targets exactly the version preflight captured before anything changed.
  for (const restore of v.restores) expect(restore.to, `${label}: restore target`).toBe(CAPTURED);
  // The summary tells whether traffic moved, whatever happened (also when nothing ran).
  expect(v.reported, `${label}: the report job says whether traffic moved`).toBe(v.moved ? 'true' : '');
  expect(result.outputs.result, `${label}: the workflow's result`).toBe(
    v.completed ? 'deployed' : v.restores.length > 0 && !result.cancelledRestore ? 'rolled-back' : 'failed',
  );
}

declare module './simulate.ts' {
  interface RunResult {
    cancelledRestore?: boolean;
    /** The inputs the run was called with (set by run()). */
    inputs?: Record<string, string>;
  }
}

/**
 * The migration, when one is asked for: it runs once, with the release's task definition and the
 * command, in the captured live service's network; nothing starts the new version or moves traffic
 * unless it succeeded before; and when it did not, nothing moved and nothing is restored.
 */
export function expectMigration(result: RunResult, label: string) {
  const inputs = result.inputs ?? {};
  const steps = [...result.jobs.values()].flatMap((job) => job.steps.map((s) => ({ job: job.job.id, ...s })));
  const ran = steps.filter((s) => s.outcome !== 'skipped');
  const migrations = ran.filter((s) => isMigration(s.step));
  const wanted = (inputs['migration-command'] ?? '') !== '';
  if (!wanted) {
    expect(migrations, `${label}: no migration without migration-command`).toEqual([]);
    return;
  }
  expect(migrations.length, `${label}: the migration runs at most once`).toBeLessThanOrEqual(1);
  const migration = migrations[0];
  const succeededAt = ran.findIndex((s) => isMigration(s.step) && s.outcome === 'success');
  ran.forEach((s, index) => {
    if (startsNewVersion(s.step, s.with))
      expect(succeededAt >= 0 && succeededAt < index, `${label}: ${s.job}.${s.step.id} runs only after the migration succeeded`).toBe(true);
  });
  if (migration) {
    const preflight = ran.find((s) => s.step.uses === '$/actions/preflight' && s.outcome === 'success');
    expect(preflight && ran.indexOf(preflight) < ran.indexOf(migration), `${label}: the migration runs after preflight`).toBe(true);
    expect(migration.with, `${label}: the migration's inputs`).toMatchObject({
      command: inputs['migration-command'],
      'task-definition': inputs['task-definition'],
      'network-from-service': inputs.service || 'web-green',
      cluster: inputs.cluster,
    });
    if (migration.outcome !== 'success') {
      const v = verdict(result);
      expect({ moved: v.moved, restores: v.restores }, `${label}: a failed migration moves nothing and restores nothing`).toEqual({
        moved: false,
        restores: [],
      });
      expect(result.outputs['migration-result'], `${label}: the workflow's migration-result`).toBe(migration.outputs.result ?? '');
    }
  }
}

// ── Enumerations ─────────────────────────────────────────────────────────────

/** Every fault one job can meet: each step failing (the traffic step also without outputs) or cancelled while it runs. */
function faultsOf(job: SimJob, gates: Gate[] = []): Fault[] {
  return [
    ...gates.map((gate): Fault => ({ job: job.id, gate })),
    ...job.steps.flatMap((step): Fault[] => [
      { job: job.id, step: step.index, kind: 'failure' },
      { job: job.id, step: step.index, kind: 'failure-no-outputs' },
      { job: job.id, step: step.index, kind: 'cancel' },
    ]),
  ];
}

/** Every combination: per job, no fault or one of its faults (jobs before the traffic job: each outcome once). */
export function combinations(workflow: SimWorkflow, approvalJob: string, idle: string[] = []): Fault[][] {
  const perJob = workflow.jobs.map((job): (Fault | undefined)[] => {
    // A job these inputs skip (the migration without migration-command): its faults never happen.
    if (idle.includes(job.id)) return [undefined];
    const all = faultsOf(job, job.id === approvalJob ? ['rejected', 'cancelled-waiting'] : []);
    if (movesTraffic(job) || job.id === approvalJob) return [undefined, ...all];
    // The report job only observes (no AWS access): its own faults change no traffic.
    if (job.id === 'report') return [undefined];
    // Before the traffic moves only the job's outcome matters: success, failure or cancel, at its last step.
    const last = job.steps.length - 1;
    return [undefined, { job: job.id, step: last, kind: 'failure' }, { job: job.id, step: last, kind: 'cancel' }];
  });
  return perJob.reduce<Fault[][]>((all, options) => all.flatMap((faults) => options.map((f) => (f ? [...faults, f] : faults))), [[]]);
}

export const productionConfigs: Record<string, string>[] = [
  { strategy: 'blue-green', 'test-listener-arn': '' },
  { strategy: 'blue-green', 'test-listener-arn': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/p/1/2' },
  { strategy: 'canary', 'test-listener-arn': '' },
];
export const MIGRATION = '["alembic", "upgrade", "head"]';
/** One ECS service, deployed natively: no colors, no listener (the service names its rules). */
export const SINGLE = { service: 'web', 'blue-service': '', 'green-service': '', 'listener-arn': '' };
/** With a migration, and with one service (with and without a migration). */
export const migrationConfigs: Record<string, string>[] = [
  { ...productionConfigs[1]!, 'migration-command': MIGRATION },
  { ...productionConfigs[2]!, 'migration-command': MIGRATION },
  { strategy: 'blue-green', 'test-listener-arn': '', ...SINGLE, 'migration-command': MIGRATION },
  { strategy: 'canary', 'test-listener-arn': '', ...SINGLE },
];
export const configLabel = (c: Record<string, string>) =>
  [c.strategy, c.service ? 'one service' : '', c['test-listener-arn'] ? 'a test listener' : '', c['migration-command'] ? 'a migration' : '']
    .filter(Boolean)
    .join(', ');
/** Jobs that these inputs skip before they start. */
export const idleJobs = (inputs: Record<string, string>) => (inputs['migration-command'] ? [] : ['migrate']);
export const productionInputs = (config: Record<string, string>) => ({
  'aws-role-arn': 'arn:aws:iam::123456789012:role/release',
  'aws-prepare-role-arn': 'arn:aws:iam::123456789012:role/prepare',
  'aws-region': 'eu-west-1',
  cluster: 'production',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/p/1/1',
  'task-definition': 'deploy/task-definition.json',
  url: URL,
  ...config,
});
export const stagingInputs = {
  'aws-role-arn': 'arn:aws:iam::123456789012:role/staging',
  'aws-region': 'eu-west-1',
  cluster: 'staging',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/s/1/1',
  'task-definition': 'deploy/task-definition.json',
  url: URL,
};

export function check(result: RunResult, label: string) {
  // A restore that a cancel interrupted cannot report rolled-back.
  result.cancelledRestore = [...result.jobs.values()].some((j) =>
    j.steps.some((s) => isRestore(s.step) && s.outcome !== 'success' && s.outcome !== 'skipped'),
  );
  expectSafe(result, label);
  expectMigration(result, label);
}

export function resultCombinations(needs: string[]): string[][] {
  const results = ['success', 'failure', 'cancelled', 'skipped'];
  return needs.reduce<string[][]>((all) => all.flatMap((prefix) => results.map((r) => [...prefix, r])), [[]]);
}

/** Every job that moves traffic is cancelled by a cancel, whatever its needs ended with; returns the jobs that are not. */
export function uncancellable(workflow: SimWorkflow): string[] {
  const movers = workflow.jobs.filter(
    (job) => movesTraffic(job) || job.steps.some((s) => s.uses === '$/actions/chaos' || s.uses === '$/actions/run-task'),
  );
  return movers.flatMap((job) =>
    resultCombinations(job.needs)
      .filter((results) => {
        const needs = Object.fromEntries(
          job.needs.map((n, i) => [n, { result: results[i]!, outputs: { 'live-task-definition-arn': CAPTURED } }]),
        );
        const inputs = { strategy: 'canary', 'test-listener-arn': '', environment: 'production', 'migration-command': MIGRATION };
        return isTrue(job.condition, { inputs, needs, github: {}, vars: {} }, { success: false, failure: false, cancelled: true });
      })
      .map((results) => `${job.id} (needs ${results.join(',') || 'none'})`),
  );
}
