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
import { concurrencyOf, mappingOf, type SimWorkflow } from './simulate.ts';
import {
  CAPTURED,
  check,
  combinations,
  configLabel,
  idleJobs,
  load,
  MIGRATION,
  migrationConfigs,
  productionConfigs,
  productionInputs,
  run,
  SINGLE,
  stagingInputs,
  uncancellable,
  verdict,
  type Fault,
} from './traffic.ts';

let production: SimWorkflow;
let staging: SimWorkflow;
beforeAll(async () => {
  production = await load('deploy-production.yml');
  staging = await load('deploy-staging.yml');
});

describe('deploy-production.yml, every combination of outcomes', () => {
  it.each([...productionConfigs, ...migrationConfigs].map((c) => [configLabel(c), c]))(
    '%s: a restore runs iff traffic may have moved, always to the captured version; a migration first, or nothing moves',
    (_, config) => {
      const inputs = productionInputs(config);
      const combos = combinations(production, 'release', idleJobs(inputs));
      expect(combos.length).toBeGreaterThan(500);
      for (const faults of combos) check(run(production, inputs, faults), `${JSON.stringify(config)} ${JSON.stringify(faults)}`);
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
  it.each([
    ['two services', stagingInputs],
    ['two services, a migration', { ...stagingInputs, 'migration-command': MIGRATION }],
    ['one service, a migration', { ...stagingInputs, ...SINGLE, 'migration-command': MIGRATION }],
  ])('%s: a restore runs iff traffic may have moved, always to the captured version; a migration first, or nothing moves', (_, inputs) => {
    const combos = combinations(staging, 'deploy', idleJobs(inputs));
    expect(combos.length).toBeGreaterThan(40);
    for (const faults of combos) check(run(staging, inputs, faults), JSON.stringify(faults));
  });
});

describe('the migration', () => {
  const stories = (workflow: () => SimWorkflow, inputs: Record<string, string>) => {
    const migrate = workflow().jobs.find((j) => j.id === 'migrate')!;
    const task = migrate.steps.find((s) => s.uses === '$/actions/run-task')!.index;
    const faults: [string, Fault[]][] = [
      ['fails', [{ job: 'migrate', step: task, kind: 'failure' }]],
      ['fails without outputs', [{ job: 'migrate', step: task, kind: 'failure-no-outputs' }]],
      ['is cancelled (the task is stopped)', [{ job: 'migrate', step: task, kind: 'cancel' }]],
      ['cannot start (its credentials fail)', [{ job: 'migrate', step: task - 1, kind: 'failure' }]],
    ];
    return faults.map(([story, fault]) => [story, run(workflow(), inputs, fault)] as const);
  };

  it.each([
    ...productionConfigs.map((c) => ({ ...c, 'migration-command': MIGRATION })),
    ...migrationConfigs.filter((c) => c['migration-command']),
  ])(
    'production %#: when it does not succeed, nothing starts the new version, no traffic moves, no restore runs, and the summary says so',
    (config) => {
      for (const [story, result] of stories(() => production, productionInputs(config))) {
        const ran = [...result.jobs.values()].filter((j) => j.result !== 'skipped').map((j) => j.job.id);
        expect(ran, `${configLabel(config)}: the migration ${story}`).not.toContain('prepare');
        expect(ran, `${configLabel(config)}: the migration ${story}`).not.toContain('release');
        expect(verdict(result), story).toMatchObject({ moved: false, restores: [], reported: '' });
        expect(result.jobs.get('report')!.steps[0]!.env.MIGRATION, story).not.toBe('skipped');
        check(result, `${configLabel(config)}: the migration ${story}`);
      }
    },
  );

  it('staging: when it does not succeed, the deploy job never starts and the summary says so', () => {
    for (const inputs of [
      { ...stagingInputs, 'migration-command': MIGRATION },
      { ...stagingInputs, ...SINGLE, 'migration-command': MIGRATION },
    ]) {
      for (const [story, result] of stories(() => staging, inputs)) {
        expect(result.jobs.get('deploy')!.result, story).toBe('skipped');
        expect(verdict(result), story).toMatchObject({ moved: false, restores: [], reported: '' });
        check(result, `staging: the migration ${story}`);
      }
    }
  });

  it('runs after preflight, before prepare and any traffic step, with the release task definition in the live service network', () => {
    for (const config of [...productionConfigs, ...migrationConfigs]) {
      const inputs = productionInputs({ ...config, 'migration-command': MIGRATION });
      const result = run(production, inputs, []);
      const order = [...result.jobs.values()].filter((j) => j.result !== 'skipped').map((j) => j.job.id);
      expect(order.indexOf('migrate'), configLabel(config)).toBe(order.indexOf('preflight') + 1);
      const task = result.jobs.get('migrate')!.steps.find((s) => s.step.uses === '$/actions/run-task')!;
      expect(task.with, configLabel(config)).toMatchObject({
        command: MIGRATION,
        'task-definition': 'deploy/task-definition.json',
        'network-from-service': config.service || 'web-green',
      });
      expect(verdict(result), configLabel(config)).toMatchObject({ moved: true, completed: true, restores: [] });
      check(result, configLabel(config));
    }
  });

  it('does not run, and nothing waits for it, without migration-command', () => {
    for (const config of productionConfigs) {
      const result = run(production, productionInputs(config), []);
      expect(result.jobs.get('migrate')!.result).toBe('skipped');
      expect(verdict(result)).toMatchObject({ moved: true, completed: true });
    }
    const result = run(staging, stagingInputs, []);
    expect(result.jobs.get('migrate')!.result).toBe('skipped');
    expect(verdict(result)).toMatchObject({ moved: true, completed: true });
  });
});

describe('jobs that move traffic', () => {
  it.each(['deploy-production.yml', 'deploy-staging.yml', 'rollback.yml', 'chaos.yml', 'migrate.yml'])(
    '%s: each (and each migration) is cancelled by a cancel, whatever its needs ended with (no always())',
    async (file) => {
      const workflow = await load(file);
      expect(workflow.jobs.some((job) => job.steps.some((s) => /canary|rollback|blue-green|chaos|run-task/.test(s.uses ?? '')))).toBe(true);
      expect(uncancellable(workflow)).toEqual([]);
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
    const migrateProd = await groups('migrate.yml', callInputs('migrate.yml', { environment: 'production', command: MIGRATION }));
    const migrateStage = await groups('migrate.yml', callInputs('migrate.yml', { environment: 'staging', command: MIGRATION }));
    expect(migrateProd.group).toBe(prod.group);
    expect(migrateStage.group).toBe(stage.group);
    expect(manualProd.group).toBe(prod.group);
    expect(stage.group).toBe(chaos.group);
    expect(manualStage.group).toBe(stage.group);
    expect(prod.group).not.toBe(stage.group);
    expect(prod.group).toBe('ecs-deploy production web-blue web-green');
  });

  it('one service: deploys, chaos, migrations and rollbacks of it share one group, and never the group of another service or of two', async () => {
    const groups = async (file: string, example: string, inputs: Record<string, string> = {}) =>
      concurrencyOf(await load(file), callInputs(example, inputs))!.group;
    const prod = await groups('deploy-production.yml', 'single-service-production.yml');
    const stage = await groups('deploy-staging.yml', 'single-service-staging.yml');
    expect(prod).toBe('ecs-deploy production web');
    expect(stage).toBe('ecs-deploy staging web');
    const single = { cluster: 'production', service: 'web', 'blue-service': '', 'green-service': '' };
    for (const file of ['deploy-production.yml', 'deploy-staging.yml', 'rollback.yml', 'chaos.yml', 'migrate.yml']) {
      const workflow = await load(file);
      expect(concurrencyOf(workflow, single)!.group, file).toBe(prod);
      expect(concurrencyOf(workflow, { ...single, service: 'api' })!.group, file).not.toBe(prod);
      expect(
        concurrencyOf(workflow, { cluster: 'production', service: '', 'blue-service': 'web-blue', 'green-service': 'web-green' })!.group,
        file,
      ).toBe('ecs-deploy production web-blue web-green');
    }
  });

  it('deploys, chaos and manual migrations wait in order; a manual rollback ends a running deploy, whose cancel restores the captured version first', async () => {
    for (const file of ['deploy-production.yml', 'deploy-staging.yml', 'chaos.yml', 'migrate.yml']) {
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

  it.each(['rollback.yml', 'migrate.yml'])(
    "the manual %s's inputs carry the cluster and services (a group cannot read environment variables)",
    (file) => {
      const workflow = loadWorkflow(join(WORKFLOWS, file));
      for (const trigger of ['workflow_call', 'workflow_dispatch'] as const) {
        expect(workflow.on[trigger]?.inputs?.cluster?.required, `${trigger} cluster`).toBe(true);
        for (const name of ['service', 'blue-service', 'green-service'])
          expect(workflow.on[trigger]?.inputs?.[name], `${trigger} ${name}`).toBeDefined();
      }
      expect(readFileSync(join(WORKFLOWS, file), 'utf8')).not.toMatch(/vars\.ECS_(CLUSTER|SERVICE|BLUE_SERVICE|GREEN_SERVICE)/);
    },
  );
});

// ── Reading the workflows as GitHub does ─────────────────────────────────────

describe('every if: is one expression', () => {
  it.each(['deploy-production.yml', 'deploy-staging.yml', 'rollback.yml', 'chaos.yml', 'migrate.yml', 'security-scan.yml'])(
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
