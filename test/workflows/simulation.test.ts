/**
 * The deploy workflows run as GitHub runs them (see simulate.ts), for every combination of
 * job outcomes this suite can meet: each job succeeding, failing or cancelled at each of its
 * steps (or skipped by its `if:`), an approval rejected or cancelled while waiting, a release
 * failing with and without outputs, in each configuration (strategy, with or without a test
 * listener). Whatever happens, traffic ends where it may: restored to exactly the version
 * preflight captured whenever it may have moved and the release did not complete, untouched
 * otherwise, and the summary says which.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMapping, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, loadWorkflow, WORKFLOWS } from './model.ts';
import {
  concurrencyOf,
  isTrue,
  loadSimWorkflow,
  mappingOf,
  simulate,
  type Gate,
  type RunResult,
  type SimJob,
  type SimStep,
  type SimWorkflow,
  type StepBehaviour,
} from './simulate.ts';

const CAPTURED = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2';
const NEW = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3';
const URL = 'https://www.example.com';

const load = async (file: string, dir = WORKFLOWS) => loadSimWorkflow(file, readFileSync(join(dir, file), 'utf8'));

// ── What each step is ────────────────────────────────────────────────────────

const isMover = (step: SimStep, with_: Record<string, string>) =>
  step.uses === '$/actions/canary' || (step.uses === '$/actions/blue-green' && with_.phase === 'switch');
const isRestore = (step: SimStep) => step.uses === '$/actions/rollback';
/** The jobs that may move traffic: a canary, a blue-green switch, or a rollback. */
const movesTraffic = (job: SimJob) =>
  job.steps.some((s) => s.uses === '$/actions/canary' || s.uses === '$/actions/rollback' || s.uses === '$/actions/blue-green');

// ── What a step does, by fault ───────────────────────────────────────────────

type Fault = { job: string; step: number; kind: 'failure' | 'failure-no-outputs' | 'cancel' } | { job: string; gate: Gate };

function success(step: SimStep, with_: Record<string, string>): StepBehaviour {
  if (step.run !== undefined) return { outcome: /\bexit 1\s*$/.test(step.run) ? 'failure' : 'success', outputs: {} };
  switch (step.uses) {
    case '$/actions/preflight':
      return {
        outcome: 'success',
        outputs: { result: 'pass', 'live-service': 'web-green', 'live-task-definition-arn': CAPTURED, weights: 'blue=0,green=100' },
      };
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

const promoted = { result: 'promoted', 'task-definition-arn': NEW, 'previous-task-definition-arn': CAPTURED, 'live-service': 'web-blue' };

function failing(step: SimStep, with_: Record<string, string>, kind: 'failure' | 'failure-no-outputs'): StepBehaviour {
  if (kind === 'failure-no-outputs') return { outcome: 'failure', outputs: {} };
  if (step.uses === '$/actions/preflight') return { outcome: 'failure', outputs: { ...success(step, with_).outputs, result: 'fail' } };
  if (step.uses === '$/actions/smoke') return { outcome: 'failure', outputs: { result: 'failed' } };
  if (isMover(step, with_))
    return {
      outcome: 'failure',
      outputs: { result: 'rolled-back', 'previous-task-definition-arn': CAPTURED, 'live-service': 'web-green' },
    };
  return { outcome: 'failure', outputs: {} };
}

function run(workflow: SimWorkflow, inputs: Record<string, string>, faults: Fault[]): RunResult {
  return simulate(workflow, {
    inputs,
    gate: (job) => faults.find((f): f is Extract<Fault, { gate: Gate }> => 'gate' in f && f.job === job)?.gate ?? 'run',
    step: (job, step, with_) => {
      const fault = faults.find((f): f is Extract<Fault, { step: number }> => 'step' in f && f.job === job.id && f.step === step.index);
      if (!fault) return success(step, with_);
      return fault.kind === 'cancel' ? 'cancel' : failing(step, with_, fault.kind);
    },
  });
}

// ── What must hold in every run ──────────────────────────────────────────────

interface Verdict {
  moved: boolean;
  completed: boolean;
  restores: { job: string; to: string }[];
  reported: string | undefined;
}

function verdict(result: RunResult): Verdict {
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
function combinations(workflow: SimWorkflow, approvalJob: string): Fault[][] {
  const perJob = workflow.jobs.map((job): (Fault | undefined)[] => {
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

const productionConfigs = [
  { strategy: 'blue-green', 'test-listener-arn': '' },
  { strategy: 'blue-green', 'test-listener-arn': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/p/1/2' },
  { strategy: 'canary', 'test-listener-arn': '' },
];
const productionInputs = (config: Record<string, string>) => ({
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
const stagingInputs = {
  'aws-role-arn': 'arn:aws:iam::123456789012:role/staging',
  'aws-region': 'eu-west-1',
  cluster: 'staging',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/s/1/1',
  'task-definition': 'deploy/task-definition.json',
  url: URL,
};

let production: SimWorkflow;
let staging: SimWorkflow;
beforeAll(async () => {
  production = await load('deploy-production.yml');
  staging = await load('deploy-staging.yml');
});

function check(result: RunResult, label: string) {
  // A restore that a cancel interrupted cannot report rolled-back.
  result.cancelledRestore = [...result.jobs.values()].some((j) =>
    j.steps.some((s) => isRestore(s.step) && s.outcome !== 'success' && s.outcome !== 'skipped'),
  );
  expectSafe(result, label);
}

describe('deploy-production.yml, every combination of outcomes', () => {
  it.each(productionConfigs.map((c) => [`${c.strategy}${c['test-listener-arn'] ? ' with a test listener' : ''}`, c]))(
    '%s: a restore runs iff traffic may have moved, always to the captured version',
    (_, config) => {
      const combos = combinations(production, 'release');
      expect(combos.length).toBeGreaterThan(500);
      for (const faults of combos)
        check(run(production, productionInputs(config), faults), `${JSON.stringify(config)} ${JSON.stringify(faults)}`);
    },
    // Thousands of runs each; not a timing assertion.
    180_000,
  );

  it('the stories of the issue: prepare crashes, approval rejected, cancel while waiting, release fails with and without outputs', () => {
    const inputs = productionInputs(productionConfigs[0]!);
    const prepare = production.jobs.find((j) => j.id === 'prepare')!;
    const release = production.jobs.find((j) => j.id === 'release')!;
    const mover = release.steps.find((s) => s.id === 'switch')!.index;
    const stories: [string, Fault[], { moved: boolean; restored: boolean }][] = [
      [
        'prepare crashes',
        [{ job: 'prepare', step: prepare.steps.length - 1, kind: 'failure-no-outputs' }],
        { moved: false, restored: false },
      ],
      ['approval rejected', [{ job: 'release', gate: 'rejected' }], { moved: false, restored: false }],
      ['cancelled while waiting for approval', [{ job: 'release', gate: 'cancelled-waiting' }], { moved: false, restored: false }],
      ['switch fails with outputs', [{ job: 'release', step: mover, kind: 'failure' }], { moved: true, restored: true }],
      ['switch fails without outputs', [{ job: 'release', step: mover, kind: 'failure-no-outputs' }], { moved: true, restored: true }],
      ['cancel during the switch', [{ job: 'release', step: mover, kind: 'cancel' }], { moved: true, restored: true }],
    ];
    for (const [story, faults, expected] of stories) {
      const result = run(production, inputs, faults);
      const v = verdict(result);
      expect({ story, moved: v.moved, restored: v.restores.length > 0 }).toEqual({ story, ...expected });
      expect(v.restores.every((r) => r.to === CAPTURED)).toBe(true);
    }
  });

  it('the smoke on the live URL runs after the shift in every configuration, and its failure restores the captured version', () => {
    for (const config of productionConfigs) {
      const happy = verdict(run(production, productionInputs(config), []));
      expect(happy, config.strategy).toMatchObject({ moved: true, completed: true, restores: [] });
      const release = production.jobs.find((j) => j.id === 'release')!;
      const smoke = release.steps.find((s) => s.uses === '$/actions/smoke')!;
      const failed = verdict(run(production, productionInputs(config), [{ job: 'release', step: smoke.index, kind: 'failure' }]));
      expect(failed, config.strategy).toMatchObject({ moved: true, completed: false, restores: [{ job: 'release', to: CAPTURED }] });
    }
  });
});

describe('deploy-staging.yml, every combination of outcomes', () => {
  it('a restore runs iff traffic may have moved, always to the captured version', () => {
    const combos = combinations(staging, 'deploy');
    expect(combos.length).toBeGreaterThan(40);
    for (const faults of combos) check(run(staging, stagingInputs, faults), JSON.stringify(faults));
  });
});

describe('jobs that move traffic', () => {
  it.each(['deploy-production.yml', 'deploy-staging.yml', 'rollback.yml', 'chaos.yml'])(
    '%s: each is cancelled by a cancel, whatever its needs ended with (no always())',
    async (file) => {
      const workflow = await load(file);
      const movers = workflow.jobs.filter((job) => movesTraffic(job) || job.steps.some((s) => s.uses === '$/actions/chaos'));
      expect(movers.length).toBeGreaterThan(0);
      for (const job of movers) {
        for (const results of resultCombinations(job.needs)) {
          const needs = Object.fromEntries(
            job.needs.map((n, i) => [n, { result: results[i]!, outputs: { 'live-task-definition-arn': CAPTURED } }]),
          );
          const inputs = { strategy: 'canary', 'test-listener-arn': '', environment: 'production' };
          expect(
            isTrue(job.condition, { inputs, needs, github: {}, vars: {} }, { success: false, failure: false, cancelled: true }),
            `${job.id} ${results}`,
          ).toBe(false);
        }
      }
    },
  );

  it('a cancel during any step of the release interrupts it, and the restore still runs after it when traffic may have moved', () => {
    for (const config of productionConfigs) {
      const release = production.jobs.find((j) => j.id === 'release')!;
      for (const step of release.steps) {
        const result = run(production, productionInputs(config), [{ job: 'release', step: step.index, kind: 'cancel' }]);
        const job = result.jobs.get('release')!;
        if (!result.cancelled) continue; // the strategy skips this step: nothing was cancelled
        expect(job.cancelledWhileRunning, `${config.strategy} cancel at ${step.id}`).toBe(true);
        expect(job.steps.find((s) => s.step.index === step.index)!.outcome).toBe('cancelled');
        const v = verdict(result);
        expect(v.restores.length > 0, `${config.strategy} cancel at ${step.id}`).toBe(v.moved);
      }
    }
  });
});

function resultCombinations(needs: string[]): string[][] {
  const results = ['success', 'failure', 'cancelled', 'skipped'];
  return needs.reduce<string[][]>((all) => all.flatMap((prefix) => results.map((r) => [...prefix, r])), [[]]);
}

// ── The lock ─────────────────────────────────────────────────────────────────

/** The `with:` a caller passes to a reusable workflow, as GitHub evaluates it for these event inputs. */
function callInputs(exampleFile: string, eventInputs: Record<string, string>): Record<string, string> {
  const parsed = parseWorkflow(
    { name: exampleFile, content: readFileSync(join(EXAMPLES, exampleFile), 'utf8') },
    new NoOperationTraceWriter(),
  );
  expect(parsed.context.errors.getErrors()).toEqual([]);
  const jobs = (parsed.value as MappingToken).find('jobs') as MappingToken;
  const job = jobs.get(0).value as MappingToken;
  const with_ = job.find('with');
  expect(with_ && isMapping(with_)).toBe(true);
  return mappingOf(with_, { inputs: eventInputs, github: { sha: 'abc', event: { release: { tag_name: 'v1' } } }, vars: {} });
}

describe('one lock per cluster and services', () => {
  it('deploys, chaos and rollbacks of the same services share one concurrency group, the manual path included as the example calls it', async () => {
    const groups = async (file: string, inputs: Record<string, string>) => concurrencyOf(await load(file), inputs)!;
    const prod = await groups('deploy-production.yml', callInputs('deploy-production.yml', {}));
    const manualProd = await groups(
      'rollback.yml',
      callInputs('rollback.yml', { environment: 'production', to: 'previous', reason: 'bad' }),
    );
    const stage = await groups('deploy-staging.yml', callInputs('deploy-staging.yml', {}));
    const chaos = await groups('chaos.yml', callInputs('chaos.yml', {}));
    const manualStage = await groups('rollback.yml', callInputs('rollback.yml', { environment: 'staging', to: 'previous', reason: 'bad' }));
    expect(manualProd.group).toBe(prod.group);
    expect(stage.group).toBe(chaos.group);
    expect(manualStage.group).toBe(stage.group);
    expect(prod.group).not.toBe(stage.group);
    expect(prod.group).toBe('ecs-deploy production web-blue web-green');
  });

  it('deploys and chaos wait in order; a manual rollback ends a running deploy, whose cancel restores the captured version first', async () => {
    for (const file of ['deploy-production.yml', 'deploy-staging.yml', 'chaos.yml']) {
      expect(concurrencyOf(await load(file), { cluster: 'c', 'blue-service': 'b', 'green-service': 'g' }), file).toMatchObject({
        cancelInProgress: false,
        queue: 'max',
      });
    }
    expect(concurrencyOf(await load('rollback.yml'), { cluster: 'c', 'blue-service': 'b', 'green-service': 'g' })).toMatchObject({
      cancelInProgress: true,
    });
    // The rollback's cancel-in-progress cancels the deploy run: at whatever step it is, traffic is restored before the run ends.
    const release = production.jobs.find((j) => j.id === 'release')!;
    for (const step of release.steps) {
      const result = run(production, productionInputs(productionConfigs[2]!), [{ job: 'release', step: step.index, kind: 'cancel' }]);
      if (!result.cancelled) continue; // the strategy skips this step
      const v = verdict(result);
      if (v.moved) expect(v.restores, `cancel at ${step.id}`).toEqual([{ job: 'release', to: CAPTURED }]);
      else expect(v.restores).toEqual([]);
    }
  });

  it("the manual rollback's inputs carry the cluster and services (a group cannot read environment variables)", () => {
    const rollback = loadWorkflow(join(WORKFLOWS, 'rollback.yml'));
    for (const trigger of ['workflow_call', 'workflow_dispatch'] as const)
      for (const name of ['cluster', 'blue-service', 'green-service'])
        expect(rollback.on[trigger]?.inputs?.[name]?.required, `${trigger} ${name}`).toBe(true);
    expect(readFileSync(join(WORKFLOWS, 'rollback.yml'), 'utf8')).not.toMatch(/vars\.ECS_(CLUSTER|BLUE_SERVICE|GREEN_SERVICE)/);
  });
});

// ── Reading the workflows as GitHub does ─────────────────────────────────────

describe('every if: is one expression', () => {
  it.each(['deploy-production.yml', 'deploy-staging.yml', 'rollback.yml', 'chaos.yml', 'security-scan.yml'])(
    '%s: no text around ${{ }} (GitHub would read a non-empty string: always true)',
    async (file) => {
      const workflow = await load(file);
      const conditions = workflow.jobs.flatMap((j) => [j.condition, ...j.steps.map((s) => s.condition)]);
      expect(conditions.filter((c) => /\bformat\('/.test(c))).toEqual([]);
    },
  );
});

describe('the approval is an AWS boundary', () => {
  it('only jobs under the approved environment assume the role that moves production traffic; preflight and prepare use the prepare role', () => {
    const workflow = loadWorkflow(join(WORKFLOWS, 'deploy-production.yml'));
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const role = job.steps?.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'];
      const environment = typeof job.environment === 'object' ? (job.environment as { name?: string }).name : job.environment;
      if (role === '${{ inputs.aws-role-arn }}') expect(environment, name).toBe('${{ inputs.environment }}');
      else if (role !== undefined) {
        expect(role, name).toBe('${{ inputs.aws-prepare-role-arn }}');
        expect(environment, name).toBe('${{ inputs.prepare-environment }}');
      }
      const movers = (job.steps ?? []).filter(
        (s) =>
          s.uses === '$/actions/canary' ||
          s.uses === '$/actions/rollback' ||
          (s.uses === '$/actions/blue-green' && s.with?.phase === 'switch'),
      );
      if (movers.length > 0) expect(role, `${name} moves traffic`).toBe('${{ inputs.aws-role-arn }}');
    }
    expect(workflow.on.workflow_call?.inputs?.['prepare-environment']?.default).toBe('production-prepare');
  });
});
