import {
  ContinueServiceDeploymentCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type DeploymentLifecycleHookDetail,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type NativeApp, type Sandbox } from '../../sandbox/index.ts';
import { clients, FAST, get } from './clients.ts';

/** One sandbox "minute" of bake time and hook timeout. */
const MINUTE_MS = 400;
const ALLOWED_PAUSE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;

describe('sandbox ECS-native deployments (BLUE_GREEN, CANARY, LINEAR) of one service', { timeout: 90_000 }, () => {
  let sandbox: Sandbox;
  let app: NativeApp;
  let aws: ReturnType<typeof clients>;
  let version = 1;

  beforeAll(async () => {
    sandbox = await startSandbox({ ...FAST, ecs: { ...FAST.ecs, taskStartTimeoutMs: 60_000, minuteMs: MINUTE_MS } });
    if (!sandbox.native) throw new Error('the default world has no single-service app');
    app = sandbox.native;
    aws = clients(sandbox);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  const register = async (env: Record<string, string> = {}): Promise<{ arn: string; version: string }> => {
    version += 1;
    const v = `v${version}`;
    const out = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [
          {
            name: 'app',
            image: `${sandbox.ecrRepositoryUri}:v2`,
            essential: true,
            environment: Object.entries({ VERSION: v, ...env }).map(([name, value]) => ({ name, value })),
          },
        ],
      }),
    );
    return { arn: out.taskDefinition?.taskDefinitionArn ?? '', version: v };
  };

  const describeService = async (): Promise<Service> => {
    const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: [app.service.name] }));
    const service = out.services?.[0];
    if (!service) throw new Error('no service');
    return service;
  };

  /** UpdateService with a new revision and a full native configuration; returns the service deployment ARN. */
  const deploy = async (configuration: DeploymentConfiguration, env: Record<string, string> = {}) => {
    const td = await register(env);
    const out = await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'demo',
        service: app.service.name,
        taskDefinition: td.arn,
        deploymentConfiguration: { lifecycleHooks: [], alarms: { alarmNames: [], enable: false, rollback: false }, ...configuration },
      }),
    );
    const arn = out.service?.currentServiceDeployment ?? '';
    expect(arn).toMatch(/:service-deployment\/demo\/web\//);
    // The new deployment is the current one, even right after a rollback left the previous one current.
    expect(['PENDING', 'IN_PROGRESS']).toContain((await describeDeployment(arn)).status);
    return { arn, td };
  };

  const describeDeployment = async (arn: string): Promise<ServiceDeployment> => {
    const out = await aws.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    const found = out.serviceDeployments?.[0];
    if (!found) throw new Error(`no service deployment ${arn}`);
    return found;
  };

  const poll = async (arn: string, done: (d: ServiceDeployment) => boolean, timeoutMs = 45_000): Promise<ServiceDeployment> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = await describeDeployment(arn);
      if (done(d)) return d;
      if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify({ status: d.status, stage: d.lifecycleStage })}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const awaitingHook = (d: ServiceDeployment): DeploymentLifecycleHookDetail | undefined =>
    d.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');

  const waitPause = async (arn: string): Promise<{ deployment: ServiceDeployment; hook: DeploymentLifecycleHookDetail }> => {
    const deployment = await poll(arn, (d) => awaitingHook(d) !== undefined || !['PENDING', 'IN_PROGRESS'].includes(d.status ?? ''));
    const hook = awaitingHook(deployment);
    if (!hook) throw new Error(`no pause; status ${deployment.status}`);
    return { deployment, hook };
  };

  const proceed = (arn: string, hookId: string | undefined, action: 'CONTINUE' | 'ROLLBACK' = 'CONTINUE') =>
    aws.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action }));

  /** Production or test rule weights as ELBv2 describes them, by target group name. */
  const ruleWeights = async (ruleArn: string): Promise<Record<string, number>> => {
    const out = await aws.elb.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
    const groups = out.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
    const names: Record<string, string> = {
      [app.targetGroups.primary.arn]: app.targetGroups.primary.name,
      [app.targetGroups.alternate.arn]: app.targetGroups.alternate.name,
    };
    return Object.fromEntries(groups.map((g) => [names[g.TargetGroupArn ?? ''] ?? '?', g.Weight ?? 0]));
  };

  /** Which versions the listener serves over `n` requests (the proxy's weighted round-robin is exact per window). */
  const versions = async (url: string, n: number): Promise<Record<string, number>> => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const v = String((await get(`${url}/`)).json?.version);
      seen[v] = (seen[v] ?? 0) + 1;
    }
    return seen;
  };

  /** The target group carrying production now (they alternate across deployments). */
  const liveTargetGroup = async (): Promise<string> => {
    const w = await ruleWeights(app.productionRuleArn);
    return Object.entries(w).find(([, weight]) => weight > 0)?.[0] ?? '?';
  };

  it('describes the service with its strategy and the load balancer advancedConfiguration', async () => {
    const service = await describeService();
    expect(service.deploymentController).toEqual({ type: 'ECS' });
    expect(service.deploymentConfiguration).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 });
    expect(service.loadBalancers?.[0]).toEqual({
      targetGroupArn: app.targetGroups.primary.arn,
      containerName: 'app',
      containerPort: 8080,
      advancedConfiguration: {
        alternateTargetGroupArn: app.targetGroups.alternate.arn,
        productionListenerRule: app.productionRuleArn,
        testListenerRule: app.testRuleArn,
        roleArn: app.roleArn,
      },
    });
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ 'tg-web-1': 100, 'tg-web-2': 0 });
    expect((await get(`${app.listenerUrl}/`)).json?.version).toBe('v1');
  });

  it('BLUE_GREEN runs every stage in order, pauses at each PAUSE hook until Continue, and promotes', async () => {
    const { arn, td } = await deploy({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [...ALLOWED_PAUSE_STAGES], timeoutConfiguration: { timeoutInMinutes: 60 } }],
    });
    const paused: string[] = [];
    for (;;) {
      const d = await poll(arn, (x) => awaitingHook(x) !== undefined || (x.status !== 'IN_PROGRESS' && x.status !== 'PENDING'));
      const hook = awaitingHook(d);
      if (!hook) break;
      paused.push(String(d.lifecycleStage));
      expect(hook).toMatchObject({ targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' });
      expect(hook.hookId).toMatch(/^ecs-pause-[A-Za-z0-9_-]{43}$/);
      expect(hook.expiresAt).toBeInstanceOf(Date);
      expect(hook.expiresAt?.getTime()).toBeGreaterThan(Date.now());
      if (d.lifecycleStage === 'POST_SCALE_UP') {
        // The new revision runs in the other target group and gets no traffic yet.
        expect(d.targetServiceRevision).toMatchObject({ arn: expect.any(String), runningTaskCount: 2, requestedTestTrafficWeight: 0 });
        expect(await versions(app.testListenerUrl, 4)).toEqual({ v1: 4 });
      }
      if (d.lifecycleStage === 'POST_TEST_TRAFFIC_SHIFT') {
        // ECS moved the test rule: the new revision answers there; production is untouched.
        expect(await ruleWeights(app.testRuleArn)).toEqual({ 'tg-web-1': 0, 'tg-web-2': 100 });
        expect(await ruleWeights(app.productionRuleArn)).toEqual({ 'tg-web-1': 100, 'tg-web-2': 0 });
        expect(await versions(app.testListenerUrl, 4)).toEqual({ [td.version]: 4 });
        expect(await versions(app.listenerUrl, 4)).toEqual({ v1: 4 });
        expect(d.targetServiceRevision).toMatchObject({ requestedTestTrafficWeight: 100, requestedProductionTrafficWeight: 0 });
        expect(d.sourceServiceRevisions?.[0]).toMatchObject({ requestedTestTrafficWeight: 0, requestedProductionTrafficWeight: 100 });
      }
      if (d.lifecycleStage === 'POST_PRODUCTION_TRAFFIC_SHIFT') {
        expect(await ruleWeights(app.productionRuleArn)).toEqual({ 'tg-web-1': 0, 'tg-web-2': 100 });
        expect(await versions(app.listenerUrl, 4)).toEqual({ [td.version]: 4 });
        // The old revision is still up until the bake time is over.
        expect(d.sourceServiceRevisions?.[0]?.runningTaskCount).toBe(2);
      }
      await proceed(arn, hook.hookId);
    }
    // PRE_SCALE_UP first: RECONCILE_SERVICE runs only with more than one active revision.
    expect(paused).toEqual([
      'PRE_SCALE_UP',
      'POST_SCALE_UP',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
    ]);
    const done = await describeDeployment(arn);
    expect(done).toMatchObject({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(sandbox.control.serviceDeploymentStages(arn)).toEqual([
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
    const service = await describeService();
    expect(service.taskDefinition).toBe(td.arn);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 2 });
    expect(service.currentServiceDeployment).toBe(arn);
    // The declared target group stays; ECS alternates by the rule's weights.
    expect(service.loadBalancers?.[0]?.targetGroupArn).toBe(app.targetGroups.primary.arn);
    await sandbox.control.waitFor(() => sandbox.control.snapshot().targetHealth['tg-web-1']?.length === 0, {
      description: 'old targets drained',
    });
    expect(sandbox.control.snapshot().targetHealth['tg-web-2']?.map((t) => t.state)).toEqual(['healthy', 'healthy']);
  });

  it('CANARY shifts canaryPercent, bakes, then 100 %, with PRE_PRODUCTION_TRAFFIC_SHIFT before each step', async () => {
    const from = await liveTargetGroup();
    const to = from === 'tg-web-1' ? 'tg-web-2' : 'tg-web-1';
    const { arn, td } = await deploy({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    const first = await waitPause(arn);
    expect(first.deployment.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ [from]: 100, [to]: 0 });
    await proceed(arn, first.hook.hookId);

    const second = await waitPause(arn);
    expect(second.hook.hookId).not.toBe(first.hook.hookId);
    expect(second.deployment.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ [from]: 80, [to]: 20 });
    expect(second.deployment.targetServiceRevision?.requestedProductionTrafficWeight).toBe(20);
    expect(await versions(app.listenerUrl, 10)).toEqual({ [`v${version - 1}`]: 8, [td.version]: 2 });
    await proceed(arn, second.hook.hookId);

    await poll(arn, (d) => d.status === 'SUCCESSFUL');
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ [from]: 0, [to]: 100 });
    expect(sandbox.control.serviceDeploymentStages(arn).slice(5)).toEqual([
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
  });

  it('LINEAR shifts stepPercent per step (30, 60, 90, 100) on the production rule', async () => {
    const from = await liveTargetGroup();
    const to = from === 'tg-web-1' ? 'tg-web-2' : 'tg-web-1';
    const { arn } = await deploy({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 0 },
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    const seen: number[] = [];
    for (;;) {
      const { deployment, hook } = await waitPause(arn);
      seen.push((await ruleWeights(app.productionRuleArn))[to] ?? -1);
      expect(deployment.targetServiceRevision?.requestedProductionTrafficWeight).toBe(seen.at(-1));
      await proceed(arn, hook.hookId);
      if (deployment.lifecycleStage === 'POST_PRODUCTION_TRAFFIC_SHIFT') break;
    }
    expect(seen).toEqual([0, 30, 60, 90, 100]);
    await poll(arn, (d) => d.status === 'SUCCESSFUL');
    expect(sandbox.control.serviceDeploymentStages(arn).filter((s) => s === 'PRODUCTION_TRAFFIC_SHIFT')).toHaveLength(4);
  });

  it('PAUSE → ContinueServiceDeployment(ROLLBACK): traffic back on the original target group, new tasks stopped', async () => {
    const before = await describeService();
    const from = await liveTargetGroup();
    const to = from === 'tg-web-1' ? 'tg-web-2' : 'tg-web-1';
    const { arn } = await deploy({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 0 },
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    await proceed(arn, (await waitPause(arn)).hook.hookId);
    const second = await waitPause(arn);
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ [from]: 50, [to]: 50 });
    await proceed(arn, second.hook.hookId, 'ROLLBACK');

    const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(done.rollback?.reason).toContain('ROLLBACK');
    expect(done.rollback?.startedAt).toBeInstanceOf(Date);
    expect(done.rollback?.serviceRevisionArn).toBe(done.sourceServiceRevisions?.[0]?.arn);
    expect(done.lifecycleHookDetails?.[0]).toMatchObject({ hookId: second.hook.hookId, status: 'FAILED' });
    expect(done.targetServiceRevision).toMatchObject({ runningTaskCount: 0, requestedProductionTrafficWeight: 0 });
    expect(await ruleWeights(app.productionRuleArn)).toEqual({ [from]: 100, [to]: 0 });
    expect(await ruleWeights(app.testRuleArn)).toEqual({ [from]: 100, [to]: 0 });
    expect(await versions(app.listenerUrl, 4)).toEqual({ [`v${version - 1}`]: 4 });
    const service = await describeService();
    expect(service.taskDefinition).toBe(before.taskDefinition);
    expect(service.deployments?.map((d) => d.status)).toEqual(['PRIMARY']);
    // The latest service deployment stays the current one, as the rolled-back deployment.
    expect(service.currentServiceDeployment).toBe(arn);
    expect(sandbox.control.snapshot().targetHealth[to]?.every((t) => t.state === 'draining')).toBe(true);
  });

  it('a PAUSE hook that times out rolls back (timeout action ROLLBACK, the default)', async () => {
    const from = await liveTargetGroup();
    const { arn } = await deploy({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 1 } },
      ],
    });
    const { hook } = await waitPause(arn);
    const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(done.lifecycleHookDetails).toEqual([{ ...hook, status: 'TIMED_OUT' }]);
    expect(done.rollback?.reason).toMatch(/timed out/);
    expect(await liveTargetGroup()).toBe(from);
    expect(sandbox.control.serviceDeploymentStages(arn)).not.toContain('PRODUCTION_TRAFFIC_SHIFT');
  });

  it('a PAUSE hook with timeout action CONTINUE continues by itself', async () => {
    const from = await liveTargetGroup();
    const { arn } = await deploy({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
        },
      ],
    });
    expect((await waitPause(arn)).hook.timeoutAction).toBe('CONTINUE');
    const done = await poll(arn, (d) => d.status === 'SUCCESSFUL');
    expect(done.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT');
    expect(await liveTargetGroup()).not.toBe(from);
  });

  it('StopServiceDeployment(ROLLBACK) mid-canary: ROLLBACK_REQUESTED, then rolled back; idempotent; refused once finished', async () => {
    const from = await liveTargetGroup();
    const { arn } = await deploy({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 60 },
      bakeTimeInMinutes: 0,
    });
    await poll(arn, (d) => d.targetServiceRevision?.requestedProductionTrafficWeight === 10);
    expect(await liveTargetGroup()).toBe(from);
    const stopped = await aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    expect(stopped.serviceDeploymentArn).toBe(arn);
    // ROLLBACK_REQUESTED lasts one scheduler pass before ROLLBACK_IN_PROGRESS.
    expect((await describeDeployment(arn)).status).toMatch(/^ROLLBACK_(REQUESTED|IN_PROGRESS)$/);
    await aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(done.rollback?.reason).toBe('Service deployment rolled back by StopServiceDeployment.');
    expect(done.stoppedAt).toBeInstanceOf(Date);
    const weights = await ruleWeights(app.productionRuleArn);
    expect(weights[from]).toBe(100);
    await expect(aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }))).rejects.toMatchObject(
      {
        name: 'ConflictException',
      },
    );
    await expect(aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ABORT' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('a deployment alarm in ALARM during the bake rolls back and is reported as triggered', async () => {
    const from = await liveTargetGroup();
    const { arn } = await deploy({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 60,
      alarms: { alarmNames: ['demo-5xx'], enable: true, rollback: true },
    });
    const baking = await poll(arn, (d) => d.lifecycleStage === 'BAKE_TIME');
    expect(baking.alarms).toEqual({ status: 'MONITORING', alarmNames: ['demo-5xx'], triggeredAlarmNames: [] });
    expect(await liveTargetGroup()).not.toBe(from);
    sandbox.control.pinAlarm('demo-5xx', 'ALARM');
    try {
      const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
      expect(done.alarms).toEqual({ status: 'TRIGGERED', alarmNames: ['demo-5xx'], triggeredAlarmNames: ['demo-5xx'] });
      expect(done.rollback?.reason).toContain('demo-5xx');
      expect(done.statusReason).toContain('demo-5xx');
      expect(await liveTargetGroup()).toBe(from);
    } finally {
      sandbox.control.pinAlarm('demo-5xx', undefined);
    }
  });

  it('refuses PAUSE hooks at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT, and AWS_LAMBDA hooks, without deploying', async () => {
    const before = await describeService();
    const td = await register();
    for (const stage of ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'] as const) {
      await expect(
        aws.ecs.send(
          new UpdateServiceCommand({
            cluster: 'demo',
            service: app.service.name,
            taskDefinition: td.arn,
            deploymentConfiguration: {
              strategy: 'BLUE_GREEN',
              bakeTimeInMinutes: 0,
              lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: [stage] }],
            },
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining(stage) });
    }
    await expect(
      aws.ecs.send(
        new UpdateServiceCommand({
          cluster: 'demo',
          service: app.service.name,
          taskDefinition: td.arn,
          deploymentConfiguration: {
            lifecycleHooks: [{ hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', lifecycleStages: ['POST_SCALE_UP'] }],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedFeatureException' });
    const after = await describeService();
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.currentServiceDeployment).toBe(before.currentServiceDeployment);
    expect(after.deploymentConfiguration).toEqual(before.deploymentConfiguration);
  });

  it('validates native configurations as ECS does', async () => {
    const update = (service: string, deploymentConfiguration: DeploymentConfiguration) =>
      aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service, deploymentConfiguration }));
    await expect(update('web-green', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('advancedConfiguration'),
    });
    await expect(update(app.service.name, { strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'linearConfiguration.stepPercent must be a multiple of 0.1 from 3.0 to 100.0.',
    });
    await expect(update(app.service.name, { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 0.05 } })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'canaryConfiguration.canaryPercent must be a multiple of 0.1 from 0.1 to 100.0.',
    });
    await expect(
      update(app.service.name, {
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 20_161 } }],
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('ContinueServiceDeployment errors: unknown deployment, unknown hook, hook no longer awaiting', async () => {
    await expect(proceed(`${app.service.arn.replace(':service/', ':service-deployment/')}/nope`, 'ecs-pause-x')).rejects.toMatchObject({
      name: 'ServiceDeploymentNotFoundException',
    });
    const { arn } = await deploy({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_SCALE_UP'] }],
    });
    const { hook } = await waitPause(arn);
    await expect(proceed(arn, 'ecs-pause-unknown')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await proceed(arn, hook.hookId);
    await expect(proceed(arn, hook.hookId)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await poll(arn, (d) => d.status === 'SUCCESSFUL');
  });

  it('a crashing revision trips the circuit breaker in SCALE_UP: rollback before any traffic moves', async () => {
    const from = await liveTargetGroup();
    const { arn } = await deploy({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 }, { CRASH_ON_START: '1' });
    const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(done.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
    expect(done.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
    expect(done.rollback?.reason).toBe('Circuit breaker triggered a rollback.');
    expect(sandbox.control.serviceDeploymentStages(arn)).toEqual(['PRE_SCALE_UP', 'SCALE_UP']);
    expect(await liveTargetGroup()).toBe(from);
  });

  it('ListServiceDeployments lists native deployments newest first with their final statuses', async () => {
    const all = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: app.service.name }));
    const statuses = all.serviceDeployments?.map((d) => d.status) ?? [];
    expect(statuses.slice(0, 9)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    const rolledBack = await aws.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'demo', service: app.service.name, status: ['ROLLBACK_SUCCESSFUL'] }),
    );
    expect(rolledBack.serviceDeployments).toHaveLength(5);
  });

  it('CreateService takes a native strategy with advancedConfiguration, starts its tasks and describes them back', async () => {
    const td = await register();
    const advancedConfiguration = {
      alternateTargetGroupArn: sandbox.targetGroups.green.arn,
      productionListenerRule: sandbox.ruleArn,
      roleArn: app.roleArn,
    };
    await expect(
      aws.ecs.send(
        new CreateServiceCommand({
          cluster: 'demo',
          serviceName: 'api',
          taskDefinition: td.arn,
          desiredCount: 1,
          deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10 } },
          loadBalancers: [{ targetGroupArn: sandbox.targetGroups.blue.arn, containerName: 'app', containerPort: 8080 }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('advancedConfiguration') });
    const created = await aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'demo',
        serviceName: 'api',
        taskDefinition: td.arn,
        desiredCount: 1,
        deploymentController: { type: 'ECS' },
        deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 } },
        loadBalancers: [
          { targetGroupArn: sandbox.targetGroups.blue.arn, containerName: 'app', containerPort: 8080, advancedConfiguration },
        ],
      }),
    );
    expect(created.service).toMatchObject({
      serviceName: 'api',
      desiredCount: 1,
      deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 } },
      loadBalancers: [{ targetGroupArn: sandbox.targetGroups.blue.arn, advancedConfiguration }],
    });
    expect(created.service?.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS', runningCount: 0 });
    await expect(
      aws.ecs.send(new CreateServiceCommand({ cluster: 'demo', serviceName: 'api', taskDefinition: td.arn, desiredCount: 1 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const deadline = Date.now() + 45_000;
    for (;;) {
      const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['api'] }));
      const primary = out.services?.[0]?.deployments?.[0];
      if (primary?.rolloutState === 'COMPLETED') {
        expect(primary).toMatchObject({ runningCount: 1, taskDefinition: td.arn });
        break;
      }
      if (Date.now() > deadline) throw new Error(`api never completed: ${JSON.stringify(primary)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('StopServiceDeployment rolls a rolling deployment back to the last completed revision', async () => {
    const before = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web-green'] }));
    const td = await register({ START_DELAY_MS: '3000' });
    const out = await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: td.arn }));
    const arn = out.service?.currentServiceDeployment ?? '';
    await aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const done = await poll(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(done.rollback?.reason).toBe('Service deployment rolled back by StopServiceDeployment.');
    const after = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web-green'] }));
    expect(after.services?.[0]?.taskDefinition).toBe(before.services?.[0]?.taskDefinition);
  });
});
