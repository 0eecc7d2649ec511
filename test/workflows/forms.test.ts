/**
 * The single-service form, the notification secrets and the manual migration, in every reusable
 * workflow, run as GitHub runs them (simulate.ts) and read as the contract checks read them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formProblems, notifyProblems } from './forms.ts';
import { actionInterface, loadWorkflow, OWN_ACTION, workflowPaths, WORKFLOWS } from './model.ts';
import { CAPTURED, load, MIGRATION, productionConfigs, productionInputs, run, SINGLE, stagingInputs, URL } from './traffic.ts';

const two = { 'blue-service': 'web-blue', 'green-service': 'web-green' };
const base: Record<string, Record<string, string>> = {
  'deploy-staging.yml': stagingInputs,
  'deploy-production.yml': productionInputs(productionConfigs[0]!),
  'rollback.yml': { environment: 'production', to: 'previous', reason: 'bad', cluster: 'production', ...two },
  'chaos.yml': {
    'aws-role-arn': 'arn:aws:iam::123456789012:role/chaos',
    'aws-region': 'eu-west-1',
    cluster: 'staging',
    'allowed-clusters': 'staging',
    url: URL,
    ...two,
  },
  'migrate.yml': { environment: 'production', command: MIGRATION, cluster: 'production', ...two },
};
const files = Object.keys(base);

/** Every step that ran, with the job it ran in. */
const ranSteps = (result: ReturnType<typeof run>) =>
  [...result.jobs.values()].flatMap((job) => job.steps.filter((s) => s.outcome !== 'skipped').map((s) => ({ job: job.job.id, ...s })));

describe('one ECS service (`service`) or two (`blue-service` + `green-service`): exactly one form', () => {
  it.each(files)('%s: the single form reaches every action that takes a service, and the colors stay empty', async (file) => {
    const result = run(await load(file), { ...base[file]!, ...SINGLE }, []);
    const steps = ranSteps(result).filter(
      (s) => s.step.uses && 'service' in (actionInterface(OWN_ACTION.exec(s.step.uses)?.[1] ?? '')?.inputs ?? {}),
    );
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps)
      expect(s.with, `${s.job}.${s.step.id}`).toMatchObject({ service: 'web', 'blue-service': '', 'green-service': '' });
    expect(ranSteps(result).filter((s) => s.outcome === 'failure')).toEqual([]);
  });

  it.each(files)('%s: both forms, neither, or half of the two: refused in the first step, before any AWS call', async (file) => {
    const workflow = await load(file);
    const wrong: Record<string, string>[] = [
      { ...base[file]!, service: 'web' },
      { ...base[file]!, 'blue-service': '', 'green-service': '' },
      { ...base[file]!, 'green-service': '' },
      { ...base[file]!, ...SINGLE, 'green-service': 'web-green' },
    ];
    for (const inputs of wrong) {
      const steps = ranSteps(run(workflow, inputs, []));
      const label = `${file} ${JSON.stringify({ s: inputs.service, b: inputs['blue-service'], g: inputs['green-service'] })}`;
      expect(steps[0]?.outcome, label).toBe('failure');
      expect(steps[0]?.step.run, label).toMatch(/::error::Inputs service, blue-service, green-service: give either service/);
      // Nothing that reads or changes AWS (a smoke of the URL may still run, as after any failure).
      expect(
        steps.filter(
          (s) => s.step.uses?.startsWith('aws-actions/') || (OWN_ACTION.test(s.step.uses ?? '') && s.step.uses !== '$/actions/smoke'),
        ),
        label,
      ).toEqual([]);
    }
  });

  it.each(workflowPaths().map((p) => [p.split('/').pop()!, p]))(
    '%s: passes service, blue-service and green-service as given',
    (_, path) => {
      expect(formProblems(loadWorkflow(path))).toEqual([]);
    },
  );
});

describe('notifications', () => {
  it.each(workflowPaths().map((p) => [p.split('/').pop()!, p]))(
    '%s: secrets are declared, passed explicitly to each notifying step, and nowhere else',
    (_, path) => {
      expect(notifyProblems(loadWorkflow(path))).toEqual([]);
    },
  );

  it('every notifying step of the deploy workflows gets the secrets, and no run: or env: sees them', async () => {
    const secrets = { SLACK_BOT_TOKEN: 'xoxb-secret-token', NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/s3cret' };
    for (const file of files) {
      const workflow = loadWorkflow(join(WORKFLOWS, file));
      const call = workflow.on.workflow_call as { secrets?: Record<string, unknown> };
      expect(Object.keys(call.secrets ?? {}).sort(), file).toEqual([
        'NOTIFY_WEBHOOK_SECRET',
        'NOTIFY_WEBHOOK_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_WEBHOOK_URL',
        'TEAMS_WEBHOOK_URL',
      ]);
      expect(workflow.text, file).not.toMatch(/secrets: inherit/);
      const sim = await load(file);
      const result = run(sim, { ...base[file]!, 'migration-command': MIGRATION, 'slack-channel': '#deploys' }, [], secrets);
      const steps = ranSteps(result);
      const notifying = steps.filter((s) => /^\$\/actions\/(canary|blue-green|rollback|chaos|run-task)$/.test(s.step.uses ?? ''));
      expect(notifying.length, file).toBeGreaterThan(0);
      for (const s of notifying)
        expect(s.with, `${file} ${s.job}.${s.step.id}`).toMatchObject({
          'slack-bot-token': 'xoxb-secret-token',
          'slack-channel': '#deploys',
          'notify-webhook-url': 'https://hooks.example.com/s3cret',
          'slack-webhook-url': '',
        });
      for (const s of steps.filter((s) => s.step.run !== undefined))
        expect(JSON.stringify({ env: s.env, run: s.step.run }), `${file} ${s.job}`).not.toMatch(/s3cret|xoxb-secret/);
    }
  });
});

describe('the migration container', () => {
  it.each(['deploy-staging.yml', 'deploy-production.yml'])(
    '%s: another container than the one the image is rendered into is refused before any AWS call',
    async (file) => {
      const inputs = { ...base[file]!, 'migration-command': MIGRATION, 'container-name': 'web', image: 'web:2' };
      const wrong = ranSteps(run(await load(file), { ...inputs, 'migration-container': 'migrator' }, []));
      expect(wrong.find((s) => s.outcome === 'failure')?.step.run).toMatch(/::error::Input migration-container: /);
      expect(wrong.filter((s) => s.step.uses?.startsWith('aws-actions/'))).toEqual([]);
      for (const container of ['', 'web']) {
        const steps = ranSteps(run(await load(file), { ...inputs, 'migration-container': container }, []));
        expect(steps.find((s) => s.step.uses === '$/actions/run-task')?.with).toMatchObject({ 'container-name': 'web', image: 'web:2' });
      }
    },
  );
});

describe('the manual migration (migrate.yml)', () => {
  it('runs the command under the chosen environment, with the live task definition by default, in the live service network', async () => {
    const workflow = await load('migrate.yml');
    expect(workflow.jobs.map((j) => j.id)).toEqual(['migrate']);
    for (const inputs of [base['migrate.yml']!, { ...base['migrate.yml']!, ...SINGLE }]) {
      const result = run(workflow, inputs, []);
      const task = ranSteps(result).find((s) => s.step.uses === '$/actions/run-task')!;
      expect(task.with).toMatchObject({
        command: MIGRATION,
        'task-definition': CAPTURED,
        'network-from-service': inputs.service || 'web-green',
        cluster: 'production',
      });
      expect(result.outputs.result).toBe('succeeded');
      const named = run(workflow, { ...inputs, 'task-definition': 'web:41' }, []);
      expect(ranSteps(named).find((s) => s.step.uses === '$/actions/run-task')!.with['task-definition']).toBe('web:41');
    }
    const raw = loadWorkflow(join(WORKFLOWS, 'migrate.yml'));
    expect(raw.jobs.migrate!.environment).toBe('${{ inputs.environment }}');
    expect(raw.on.workflow_dispatch?.inputs?.environment?.type).toBe('environment');
    expect(raw.on.workflow_call?.inputs?.command?.required).toBe(true);
  });

  it('production: the migration runs under the prepare environment and role, before the approval', () => {
    const production = loadWorkflow(join(WORKFLOWS, 'deploy-production.yml'));
    const migrate = production.jobs.migrate!;
    expect(migrate.environment).toBe('${{ inputs.prepare-environment }}');
    expect(migrate.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume']).toBe(
      '${{ inputs.aws-prepare-role-arn }}',
    );
    expect([production.jobs.prepare!.needs, production.jobs.release!.needs].flat()).toContain('migrate');
  });
});
