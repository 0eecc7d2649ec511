import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../sandbox/rehearsal/run-bundle.ts';
import { actionlint } from './actionlint.ts';
import { contractProblems } from './contract.ts';
import { examplePaths, loadWorkflow, workflowPaths } from './model.ts';
import { safetyProblems } from './safety.ts';

const all = [...workflowPaths(), ...examplePaths()];

describe('the workflows and examples', () => {
  it('are all there', () => {
    expect(workflowPaths().map((p) => basename(p))).toEqual(
      expect.arrayContaining([
        'ci.yml',
        'deploy-staging.yml',
        'deploy-production.yml',
        'rollback.yml',
        'security-scan.yml',
        'chaos.yml',
        'migrate.yml',
      ]),
    );
    expect(examplePaths()).toHaveLength(8);
  });

  it.each(all.map((p) => [relative(ROOT, p), p]))('%s passes actionlint', async (_, path) => {
    expect(await actionlint(readFileSync(path, 'utf8'))).toEqual([]);
  });

  it.each(all.map((p) => [relative(ROOT, p), p]))('%s keeps its contracts', (_, path) => {
    expect(contractProblems(loadWorkflow(path))).toEqual([]);
  });

  it.each(all.map((p) => [relative(ROOT, p), p]))('%s is safe', (_, path) => {
    expect(safetyProblems(loadWorkflow(path))).toEqual([]);
  });

  it('every reusable workflow is called by an example', () => {
    const called = examplePaths().flatMap((p) =>
      Object.values(loadWorkflow(p).jobs).map((j) => j.uses?.match(/workflows\/([\w-]+\.yml)@/)?.[1]),
    );
    const reusable = workflowPaths().filter((p) => loadWorkflow(p).on?.workflow_call !== undefined);
    expect(reusable.map((p) => basename(p)).filter((f) => !called.includes(f))).toEqual([]);
  });
});

describe('the shape the issue asks for', () => {
  const wf = (name: string) => loadWorkflow(`${ROOT}/.github/workflows/${name}`);

  it('production: the traffic moves only in the job on the approval environment, one run per cluster and services at a time', () => {
    const production = wf('deploy-production.yml');
    const release = production.jobs.release!;
    expect(release.environment).toEqual({ name: '${{ inputs.environment }}', url: '${{ inputs.url }}' });
    expect(production.on.workflow_call?.inputs?.environment?.default).toBe('production');
    const movers = Object.entries(production.jobs).filter(([, job]) =>
      (job.steps ?? []).some((s) => (s.uses === '$/actions/blue-green' && s.with?.phase === 'switch') || s.uses === '$/actions/canary'),
    );
    expect(movers.map(([name]) => name)).toEqual(['release']);
    expect(production.concurrency).toEqual({
      group: "ecs-deploy ${{ inputs.cluster }} ${{ inputs.service || format('{0} {1}', inputs.blue-service, inputs.green-service) }}",
      'cancel-in-progress': false,
      queue: 'max',
    });
  });

  it('staging: preflight (captures what is live) → migrate (when asked) → canary 50,100 for 1m, smoke and restore in one job → report', () => {
    const staging = wf('deploy-staging.yml');
    expect(Object.keys(staging.jobs)).toEqual(['preflight', 'migrate', 'deploy', 'report']);
    expect(staging.jobs.deploy!.steps!.map((s) => s.id ?? s.uses?.replace(/@.*/, ''))).toEqual([
      'actions/checkout',
      'aws-actions/configure-aws-credentials',
      'canary',
      'smoke',
      'restore',
    ]);
    expect(staging.on.workflow_call?.inputs?.steps?.default).toBe('50,100');
    expect(staging.on.workflow_call?.inputs?.['bake-time']?.default).toBe('1m');
    expect(Object.keys(staging.on.workflow_call?.outputs ?? {})).toEqual([
      'result',
      'task-definition-arn',
      'previous-task-definition-arn',
      'migration-result',
    ]);
  });

  it('rollback: a manual button with environment, to and reason, and the cluster and services the lock needs', () => {
    const rollback = wf('rollback.yml');
    expect(Object.keys(rollback.on.workflow_dispatch?.inputs ?? {})).toEqual([
      'environment',
      'to',
      'reason',
      'cluster',
      'service',
      'blue-service',
      'green-service',
    ]);
    expect(rollback.jobs.rollback!.steps!.map((s) => s.uses?.replace(/@.*/, ''))).toEqual([
      undefined,
      'aws-actions/configure-aws-credentials',
      '$/actions/rollback',
      'actions/checkout',
      '$/actions/smoke',
    ]);
  });

  it('ci: lint, tests on Node 24, and a fresh dist/, with read-only contents', () => {
    const ci = wf('ci.yml');
    const job = ci.jobs.test!;
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(job.steps!.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24);
    expect(job.steps!.filter((s) => s.run).map((s) => s.run)).toEqual([
      'npm ci',
      'npm run lint',
      'npm test',
      'node scripts/build.mjs --check',
    ]);
  });
});
