/**
 * The committed bundles in native mode (`service`), run as the GitHub runner runs them, against
 * the sandbox's ECS-native deployments: ECS moves the production rule itself, the action gates
 * each step at a PAUSE hook. One ECS minute lasts 400 ms here, so hook timeouts are seconds.
 */
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.ts';
import { clients } from '../sandbox/clients.ts';
import { nativeCanaryInputs, nativeRuleWeights, startNativeStage } from '../../sandbox/rehearsal/native-rehearsal.ts';
import { sandboxEnv, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';
import type { Stage } from '../../sandbox/rehearsal/scenario.ts';

let stage: Stage;
let sandbox: Sandbox;
let dir: string;

beforeEach(async () => {
  stage = await startNativeStage();
  ({ sandbox, dir } = stage);
});
afterEach(() => stage.stop());

const native = () => sandbox.native!;
const nativeInputs = (taskDefinition: string, overrides: Record<string, string> = {}) =>
  nativeCanaryInputs(sandbox, taskDefinition, overrides);
const ruleWeights = (rule?: 'nativeProductionRule' | 'nativeTestRule') => nativeRuleWeights(sandbox, rule);

const onOriginal = () => ({ [native().targetGroups.primary.name]: 100, [native().targetGroups.alternate.name]: 0 });
const onNew = () => ({ [native().targetGroups.primary.name]: 0, [native().targetGroups.alternate.name]: 100 });

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function deploymentStatus(arn: string): Promise<string | undefined> {
  const out = await clients(sandbox).ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  return out.serviceDeployments?.[0]?.status;
}

/** The service's deployment configuration as the team has it (the world's: BLUE_GREEN, no hooks). */
async function configuration() {
  const out = await clients(sandbox).ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: [native().service.name] }));
  const config = out.services?.[0]?.deploymentConfiguration;
  return { strategy: config?.strategy, hooks: config?.lifecycleHooks ?? [] };
}

describe('native canary bundle against the sandbox', () => {
  it('promotes a good release after gated pauses: production ends 100 % on the new target group, configuration as it was', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const result = await runBundle('canary', { inputs: nativeInputs(release), env: sandboxEnv(sandbox, dir) });

    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ result: 'promoted', 'live-service': 'web', weights: 'tg-web-1=0,tg-web-2=100' });
    expect(result.outputs['task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    expect(result.outputs['previous-task-definition-arn']).toMatch(/:task-definition\/web:1$/);
    expect(await deploymentStatus(result.outputs['service-deployment-arn']!)).toBe('SUCCESSFUL');
    expect(ruleWeights()).toEqual(onNew());
    expect(result.stdout).toMatch(/CONTINUE at PRE_PRODUCTION_TRAFFIC_SHIFT \(10% on the new revision, every gate passing\)/);
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
    expect(result.summary).toContain('## ✅ Promoted: canary on demo (native)');
    expect(result.summary).toMatch(/\| 1 \| 10% \|/);
  }, 90_000);

  it('LINEAR: a gate failing at step 2 ends the deployment through ECS, production verified on the original target group', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', {
      inputs: nativeInputs(release, { steps: '25,50,75,100', alarms: 'demo-5xx' }),
      env: sandboxEnv(sandbox, dir),
    });
    // The 5xx gate needs a few seconds of published metrics at each step: the alarm fires inside step 2's judgement.
    await until(() => ruleWeights()[native().targetGroups.alternate.name] === 50, 'step 2 (50 %)');
    sandbox.control.pinAlarm('demo-5xx', 'ALARM');
    const result = await run.done;

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'rolled-back', weights: 'tg-web-1=100,tg-web-2=0' });
    expect(result.errors[0]).toMatch(/^Gate failed with 50% of production on the new revision/);
    expect(result.stdout).toMatch(/demo-5xx in ALARM/);
    expect(result.stdout).toContain('Verified: production rule 100 % on tg-web-1');
    expect(await deploymentStatus(result.outputs['service-deployment-arn']!)).toBe('ROLLBACK_SUCCESSFUL');
    expect(ruleWeights()).toEqual(onOriginal());
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
    expect(result.summary).toContain('## ↩️ Rolled back: canary on demo (native)');
  }, 90_000);

  it('SIGTERM mid-bake: ECS rolls the deployment back and the run verifies production before it exits', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    // Never enough requests: the step stays inconclusive at its pause until the signal.
    const run = startBundle('canary', {
      inputs: nativeInputs(release, { 'min-requests': '1000000', 'inconclusive-timeout': '10m' }),
      env: sandboxEnv(sandbox, dir),
    });
    await until(() => ruleWeights()[native().targetGroups.alternate.name] === 10, 'the canary step (10 %)');
    run.child.kill('SIGTERM');
    const result = await run.done;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Received SIGTERM');
    expect(result.outputs.result).toBe('rolled-back');
    expect(await deploymentStatus(result.outputs['service-deployment-arn']!)).toBe('ROLLBACK_SUCCESSFUL');
    expect(ruleWeights()).toEqual(onOriginal());
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
  }, 90_000);

  it('SIGKILL mid-bake: the post step rolls back from the saved service deployment and restores the configuration', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', {
      inputs: nativeInputs(release, { 'min-requests': '1000000', 'inconclusive-timeout': '10m' }),
      env: sandboxEnv(sandbox, dir),
    });
    await until(() => ruleWeights()[native().targetGroups.alternate.name] === 10, 'the canary step (10 %)');
    run.child.kill('SIGKILL');
    const main = await run.done;
    expect(main.state['native-phase']).toBe('deploying');
    expect(ruleWeights()[native().targetGroups.alternate.name]).toBe(10);

    const post = await runBundle('canary', { step: 'post', state: main.state, env: sandboxEnv(sandbox, dir) });
    expect(post.stdout).toContain('The run was interrupted during');
    expect(post.stdout).toContain('Post step: rolled-back (ROLLBACK_SUCCESSFUL)');
    expect(await deploymentStatus(main.state['native-deployment-arn']!)).toBe('ROLLBACK_SUCCESSFUL');
    expect(ruleWeights()).toEqual(onOriginal());
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
  }, 90_000);

  it('refuses a service without advancedConfiguration before any change (no UpdateService)', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const result = await runBundle('canary', {
      inputs: nativeInputs(release, { service: sandbox.services.blue.name }),
      env: sandboxEnv(sandbox, dir),
    });

    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('failed');
    expect(result.errors[0]).toMatch(
      /^web-blue cannot be deployed natively: no load balancer has advancedConfiguration\. Set loadBalancers/,
    );
    expect(result.errors[0]).toContain('docs/native-mode.md#setting-up-a-single-service');
    expect(sandbox.control.callCounts()['ecs:UpdateService'] ?? 0).toBe(0);
    expect(sandbox.control.callCounts()['ecs:RegisterTaskDefinition'] ?? 0).toBe(0);
  }, 90_000);
});

describe('native blue-green bundle against the sandbox', () => {
  const blueGreen = (overrides: Record<string, string>) => ({
    cluster: sandbox.cluster,
    service: native().service.name,
    'bake-time': '0s',
    'poll-interval': '1s',
    'metric-period': '1s',
    'min-requests': '5',
    'max-5xx-rate': '5',
    alarms: '',
    ...overrides,
  });

  it('prepare and switch in separate processes: prepare leaves the deployment paused on the test rule, switch promotes it', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const prepare = await runBundle('blue-green', {
      inputs: blueGreen({ phase: 'prepare', 'task-definition': release, 'approval-timeout': '30m' }),
      env: sandboxEnv(sandbox, dir),
    });
    expect(prepare.errors).toEqual([]);
    expect(prepare.code).toBe(0);
    expect(prepare.outputs.result).toBe('paused');
    expect(prepare.outputs['task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    expect(prepare.outputs['test-url']).toMatch(/^http:\/\//);
    expect(JSON.parse(prepare.outputs['config-snapshot']!)).toMatchObject({ strategy: 'BLUE_GREEN' });
    expect(await deploymentStatus(prepare.outputs['service-deployment-arn']!)).toBe('IN_PROGRESS');
    expect(ruleWeights('nativeTestRule')).toEqual(onNew());
    expect(ruleWeights()).toEqual(onOriginal());
    // The post step of a prepare that paused on purpose leaves the deployment alone.
    const preparePost = await runBundle('blue-green', { step: 'post', state: prepare.state, env: sandboxEnv(sandbox, dir) });
    expect(preparePost.code).toBe(0);
    expect(await deploymentStatus(prepare.outputs['service-deployment-arn']!)).toBe('IN_PROGRESS');

    // As the workflow passes them: outputs of prepare → inputs of switch, in a new process.
    const switched = await runBundle('blue-green', {
      inputs: blueGreen({
        phase: 'switch',
        'task-definition-arn': prepare.outputs['task-definition-arn']!,
        'service-deployment-arn': prepare.outputs['service-deployment-arn']!,
        'config-snapshot': prepare.outputs['config-snapshot']!,
      }),
      env: sandboxEnv(sandbox, dir),
    });
    expect(switched.errors).toEqual([]);
    expect(switched.code).toBe(0);
    expect(switched.outputs).toMatchObject({ result: 'promoted', weights: 'tg-web-1=0,tg-web-2=100' });
    expect(await deploymentStatus(prepare.outputs['service-deployment-arn']!)).toBe('SUCCESSFUL');
    expect(ruleWeights()).toEqual(onNew());
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
  }, 90_000);

  it('approval timeout: ECS rolls the paused deployment back by itself, and a later switch reports it', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const prepare = await runBundle('blue-green', {
      inputs: blueGreen({ phase: 'prepare', 'task-definition': release, 'approval-timeout': '10m' }),
      env: sandboxEnv(sandbox, dir),
    });
    expect(prepare.code).toBe(0);
    const arn = prepare.outputs['service-deployment-arn']!;
    // 10 ECS minutes: 4 s in this sandbox.
    await until(async () => (await deploymentStatus(arn)) === 'ROLLBACK_SUCCESSFUL', 'ECS to roll back at the hook timeout');
    expect(ruleWeights()).toEqual(onOriginal());

    const switched = await runBundle('blue-green', {
      inputs: blueGreen({
        phase: 'switch',
        'task-definition-arn': prepare.outputs['task-definition-arn']!,
        'service-deployment-arn': arn,
        'config-snapshot': prepare.outputs['config-snapshot']!,
      }),
      env: sandboxEnv(sandbox, dir),
    });
    expect(switched.code).toBe(1);
    expect(switched.outputs.result).toBe('rolled-back');
    expect(switched.errors[0]).toMatch(
      /^The approval window expired: ECS rolled the prepared deployment back \(ROLLBACK_SUCCESSFUL\) before switch/,
    );
    expect(ruleWeights()).toEqual(onOriginal());
    expect(await configuration()).toEqual({ strategy: 'BLUE_GREEN', hooks: [] });
  }, 90_000);
});

describe('native rollback and preflight bundles against the sandbox', () => {
  it('rollback with service rolls a paused deployment back through ECS; a second run changes nothing', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const prepare = await runBundle('blue-green', {
      inputs: {
        cluster: sandbox.cluster,
        service: native().service.name,
        phase: 'prepare',
        'task-definition': release,
        'bake-time': '0s',
        'poll-interval': '1s',
        'approval-timeout': '30m',
      },
      env: sandboxEnv(sandbox, dir),
    });
    expect(prepare.outputs.result).toBe('paused');

    const inputs = { cluster: sandbox.cluster, service: native().service.name, reason: 'e2e', 'poll-interval': '1s' };
    const rollback = await runBundle('rollback', { inputs, env: sandboxEnv(sandbox, dir) });
    expect(rollback.errors).toEqual([]);
    expect(rollback.outputs).toMatchObject({ result: 'rolled-back', 'service-deployment-arn': prepare.outputs['service-deployment-arn'] });
    expect(rollback.stdout).toMatch(/ROLLBACK at the POST_TEST_TRAFFIC_SHIFT pause/);
    expect(await deploymentStatus(prepare.outputs['service-deployment-arn']!)).toBe('ROLLBACK_SUCCESSFUL');
    expect(ruleWeights()).toEqual(onOriginal());

    const again = await runBundle('rollback', {
      inputs: { ...inputs, to: `${sandbox.taskDefinitions.family}:1` },
      env: sandboxEnv(sandbox, dir),
    });
    expect(again.code).toBe(0);
    expect(again.outputs.result).toBe('already-live');
  }, 90_000);

  it('preflight with service runs the native checks and outputs the live state in the two-color names', async () => {
    const result = await runBundle('preflight', {
      inputs: { cluster: sandbox.cluster, service: native().service.name, checks: 'native-wiring,native-deployments,service-health' },
      env: sandboxEnv(sandbox, dir),
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({ result: 'passed', 'live-service': 'web', weights: 'tg-web-1=100,tg-web-2=0' });
    expect(result.outputs['live-task-definition-arn']).toMatch(/:task-definition\/web:1$/);

    const refused = await runBundle('preflight', {
      inputs: { cluster: sandbox.cluster, service: sandbox.services.blue.name, checks: 'native-wiring' },
      env: sandboxEnv(sandbox, dir),
    });
    expect(refused.code).toBe(1);
    expect(refused.outputs['failed-checks']).toBe('native-wiring');
    expect(refused.summary).toMatch(/no load balancer has advancedConfiguration/);
  }, 90_000);
});
