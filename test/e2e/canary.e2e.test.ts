/**
 * The committed canary bundle, run as the GitHub runner runs it, against the loopback AWS
 * sandbox with real task processes and real traffic through the weighted listener.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';

let sandbox: Sandbox;
let load: LoadHandle;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox(FAST_SANDBOX);
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 40 });
  dir = workspace();
});
afterEach(async () => {
  await load.stop();
  await sandbox.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('canary bundle against the sandbox', () => {
  it('promotes a good release: all traffic ends on the new version', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const result = await runBundle('canary', { inputs: canaryInputs(sandbox, release), env: sandboxEnv(sandbox, dir) });

    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({
      result: 'promoted',
      'live-service': 'web-green',
      'previous-service': 'web-blue',
      weights: 'blue=0,green=100',
    });
    expect(result.outputs['task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    expect(liveWeights(sandbox)).toEqual({ blue: 0, green: 100 });
    const after = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(load.summary(after).byVersion).toEqual({ v2: expect.any(Number) });
    expect(result.summary).toContain('## ✅ Promoted: canary on demo');
    expect(result.summary).toMatch(/\| 1 \| blue=50 green=50 \|/);
    expect(result.summary).toMatch(/\| 5xx rate \| \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \| 0\.00% \(\d+\/\d+\) \| – \| ≤ 5% \| ✅ pass \|/);
  }, 90_000);

  it('rolls back a release that answers 5xx: caught at the first step, traffic verified back', async () => {
    const release = writeRelease(dir, sandbox, 'v2', { FAULT_RATE: '0.5' });
    const result = await runBundle('canary', { inputs: canaryInputs(sandbox, release, { alarms: '' }), env: sandboxEnv(sandbox, dir) });

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'rolled-back', 'live-service': 'web-blue', weights: 'blue=100,green=0' });
    expect(result.errors[0]).toMatch(/^Gate failed at step 1 \(50% on green\)\. Traffic is back on blue/);
    expect(result.stdout).toMatch(/5xx rate: \d+\.\d+% \(\d+\/\d+\) \(threshold ≤ 5%\)/);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    expect(result.summary).toContain('## ↩️ Rolled back: canary on demo');
  }, 90_000);

  it('fails a release whose tasks crash before any traffic moves, with ECS events and stopped-task reasons', async () => {
    const release = writeRelease(dir, sandbox, 'v2', { CRASH_ON_START: '1' });
    const result = await runBundle('canary', { inputs: canaryInputs(sandbox, release), env: sandboxEnv(sandbox, dir) });

    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('failed');
    expect(result.errors[0]).toMatch(
      /^ECS deployment of web-green failed: deployment ecs-svc\/\d+ (FAILED: ECS deployment circuit breaker|is no longer PRIMARY: ECS now runs web:1|is gone: ECS now runs web:1)/,
    );
    expect(result.stdout).toMatch(/stopped task \w+: /);
    expect(result.stdout).toMatch(/event .*web-green/);
    expect(sandbox.control.callCounts()['elbv2:ModifyListener'] ?? 0).toBe(0);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('shifts a listener rule, leaving the default action alone', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const inputs = canaryInputs(sandbox, release, {
      'listener-arn': '',
      'listener-rule-arn': sandbox.ruleArn,
      'max-5xx-rate': '',
      alarms: '',
    });
    const result = await runBundle('canary', { inputs, env: sandboxEnv(sandbox, dir) });

    expect(result.outputs.result).toBe('promoted');
    expect(liveWeights(sandbox, 'rule')).toEqual({ blue: 0, green: 100 });
    expect(liveWeights(sandbox, 'listener')).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('SIGTERM in the middle of a step: the main step restores traffic before it exits', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '60s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    run.child.kill('SIGTERM');
    const result = await run.done;

    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('rolled-back');
    expect(result.errors[0]).toMatch(/^The run was cancelled/);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    expect(result.state.phase).toBe('done');
  }, 90_000);

  it('killed in the middle of a step: the post step restores traffic from the saved state', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '60s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    run.child.kill('SIGKILL');
    const main = await run.done;
    expect(main.state.phase).toBe('shift');
    expect(liveWeights(sandbox)).toEqual({ blue: 50, green: 50 });

    const post = await runBundle('canary', { step: 'post', state: main.state, env: sandboxEnv(sandbox, dir) });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Restored and verified weights');
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('two runs racing on the same services: the second refuses and touches nothing', async () => {
    const first = startBundle('canary', {
      inputs: canaryInputs(sandbox, writeRelease(dir, sandbox, 'v2'), { 'bake-time': '60s' }),
      env: sandboxEnv(sandbox, dir),
    });
    // Whether the first run is still deploying or already shifting, the second must refuse.
    await until(() => (sandbox.control.callCounts()['ecs:UpdateService'] ?? 0) > 0, 'the first run to deploy');
    const updatesBefore = sandbox.control.callCounts()['ecs:UpdateService'] ?? 0;

    const second = await runBundle('canary', {
      inputs: canaryInputs(sandbox, writeRelease(dir, sandbox, 'v3')),
      env: sandboxEnv(sandbox, dir),
    });
    expect(second.code).toBe(1);
    expect(second.errors[0]).toMatch(/^web-green already has a deployment in progress|^Traffic is split/);
    expect(second.outputs.result).toBe('failed');
    expect(sandbox.control.callCounts()['ecs:UpdateService'] ?? 0).toBe(updatesBefore);
    expect(second.stdout).not.toContain('Deploying');

    first.child.kill('SIGTERM');
    await first.done;
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('rides out AWS throttling: the run completes', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    sandbox.control.failNext('ecs:DescribeServices', 'ThrottlingException', 3);
    sandbox.control.failNext('elbv2:ModifyListener', 'Throttling', 2);
    const result = await runBundle('canary', { inputs: canaryInputs(sandbox, release), env: sandboxEnv(sandbox, dir) });
    expect(result.outputs.result).toBe('promoted');
    expect(sandbox.control.callCounts()['elbv2:ModifyListener']).toBe(4);
  }, 90_000);
});
