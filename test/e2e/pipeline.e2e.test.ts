/**
 * The production workflow's jobs, played on the sandbox in the order GitHub would run them: the
 * bundles run as the runner runs them, and which step runs next (and with which inputs) comes from
 * the workflow file itself, evaluated by the simulation (GitHub's parser and expression evaluator).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle } from '../../sandbox/rehearsal/run-bundle.ts';
import type { RunResult, SimWorkflow } from '../workflows/simulate.ts';
import { load, productionInputs, run, verdict, type Fault } from '../workflows/traffic.ts';

let sandbox: Sandbox;
let load_: LoadHandle;
let dir: string;
let production: SimWorkflow;

beforeAll(async () => {
  production = await load('deploy-production.yml');
});
beforeEach(async () => {
  sandbox = await startSandbox(FAST_SANDBOX);
  load_ = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 40 });
  dir = workspace();
});
afterEach(async () => {
  await load_.stop();
  await sandbox.stop();
});

const topology = () => ({
  cluster: sandbox.cluster,
  'blue-service': sandbox.services.blue.name,
  'green-service': sandbox.services.green.name,
  'listener-arn': sandbox.listenerArn,
});

/** The preflight job: its bundle reads what is live before anything changes. */
async function preflight() {
  const result = await runBundle('preflight', {
    inputs: { ...topology(), checks: 'service-health,rollback-ready', 'max-retries': '2' },
    env: sandboxEnv(sandbox, dir),
  });
  return result.outputs;
}

/** The report job's script, run by bash as the runner runs a `run:` step, with the env the workflow gives it. */
function report(result: RunResult): string {
  const step = result.jobs.get('report')!.steps.find((s) => s.step.run !== undefined)!;
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '');
  execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.step.run!], {
    env: { PATH: process.env.PATH, GITHUB_STEP_SUMMARY: summary, ...step.env },
  });
  return readFileSync(summary, 'utf8');
}

const blueGreen = productionInputs({ strategy: 'blue-green', 'test-listener-arn': '' });
const stepOf = (job: string, id: string) => production.jobs.find((j) => j.id === job)!.steps.find((s) => s.id === id)!.index;

describe('the production workflow on the sandbox', () => {
  it('prepare crashes: v2 live, v1 warm, a v3 prepare crashes → v2 stays live and the load sees only v2', async () => {
    // v2 live on green, v1 still warm on blue.
    const v2 = await runBundle('canary', {
      inputs: canaryInputs(sandbox, writeRelease(dir, sandbox, 'v2')),
      env: sandboxEnv(sandbox, dir),
    });
    expect(v2.outputs.result).toBe('promoted');
    expect(liveWeights(sandbox)).toEqual({ blue: 0, green: 100 });

    const captured = await preflight();
    expect(captured).toMatchObject({ 'live-service': 'web-green', weights: 'blue=0,green=100' });
    expect(captured['live-task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    const since = Date.now();

    const prepare = await runBundle('blue-green', {
      inputs: {
        ...topology(),
        phase: 'prepare',
        'task-definition': writeRelease(dir, sandbox, 'v3', { CRASH_ON_START: '1' }),
        'wait-timeout': '60s',
      },
      env: sandboxEnv(sandbox, dir),
    });
    expect(prepare.code).toBe(1);

    // What the workflow does next: prepare failed, so the release never starts and nothing restores.
    const result = run(production, blueGreen, [{ job: 'prepare', step: stepOf('prepare', 'prepare'), kind: 'failure-no-outputs' }]);
    expect(verdict(result)).toMatchObject({ moved: false, restores: [] });
    expect(report(result)).toContain('no traffic moved; nothing to roll back');

    // Even a rollback to the captured target (what the workflow would use, had traffic moved) keeps v2.
    const rollback = await runBundle('rollback', {
      inputs: { ...topology(), to: captured['live-task-definition-arn']!, reason: 'prepare crashed' },
      env: sandboxEnv(sandbox, dir),
    });
    expect(rollback.outputs).toMatchObject({ result: 'already-live', 'live-service': 'web-green' });

    expect(liveWeights(sandbox)).toEqual({ blue: 0, green: 100 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(load_.summary(since).byVersion).toEqual({ v2: expect.any(Number) });
  }, 180_000);

  it('a rejected approval: nothing moves, and the summary says so', async () => {
    const captured = await preflight();
    expect(captured).toMatchObject({ 'live-service': 'web-blue', weights: 'blue=100,green=0' });
    const since = Date.now();
    const prepare = await runBundle('blue-green', {
      inputs: { ...topology(), phase: 'prepare', 'task-definition': writeRelease(dir, sandbox, 'v2'), 'wait-timeout': '60s' },
      env: sandboxEnv(sandbox, dir),
    });
    expect(prepare.code).toBe(0);

    const rejected: Fault[] = [{ job: 'release', gate: 'rejected' }];
    const result = run(production, blueGreen, rejected);
    expect(result.jobs.get('release')!.steps).toEqual([]);
    expect(verdict(result)).toMatchObject({ moved: false, restores: [] });
    expect(report(result)).toContain('no traffic moved; nothing to roll back');

    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(load_.summary(since).byVersion).toEqual({ v1: expect.any(Number) });
  }, 180_000);
});
