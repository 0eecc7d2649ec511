import {
  DescribeCapacityProvidersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  ListTaskDefinitionsCommand,
  type ContainerInstance,
} from '@aws-sdk/client-ecs';
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { TG, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { AwsWorld, deployment, fargateTaskDefinition, healthy, service } from './aws-world.ts';
import { runCheck } from './plan.ts';

let world: AwsWorld;
beforeEach(() => {
  world = new AwsWorld();
});

const single = { scope: { kind: 'single', service: 'web-blue' } } as const;

describe('service-health', () => {
  it('passes when both colors run one steady deployment and the live targets are healthy', async () => {
    const result = await runCheck(world, 'service-health');
    expect(result).toMatchObject({ status: 'pass', summary: 'web-blue and web-green healthy' });
    expect(result.evidence).toContain('web-blue (blue 100%): ACTIVE, 2/2 running, web:41, 1 deployment(s)');
    expect(result.evidence).toContain('targetgroup/tg-blue/0000000000000001: 2/2 healthy');
    // One DescribeServices for both colors, however many checks read them.
    expect(world.mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(1);
  });

  it('warns when some live targets are unhealthy, with their reasons', async () => {
    world.targets.set(TG.blue, [
      ...healthy(1),
      { Target: { Id: '10.0.0.9', Port: 8080 }, TargetHealth: { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' } },
    ]);
    const result = await runCheck(world, 'service-health');
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'web-blue: 1/2 targets healthy in targetgroup/tg-blue/0000000000000001 (desired 2)',
    });
    expect(result.evidence).toContain('10.0.0.9:8080 unhealthy (Target.FailedHealthChecks)');
  });

  it('only warns when the color without traffic is unhealthy', async () => {
    world.targets.set(TG.green, []);
    const result = await runCheck(world, 'service-health');
    expect(result.status).toBe('warn');
    expect(result.summary).toBe('web-green: no healthy targets in targetgroup/tg-green/0000000000000002');
  });

  it('fails when the live color has no healthy target, citing service events', async () => {
    world.targets.set(TG.blue, []);
    const result = await runCheck(world, 'service-health');
    expect(result).toMatchObject({ status: 'fail', summary: 'web-blue: no healthy targets in targetgroup/tg-blue/0000000000000001' });
    expect(result.evidence.some((e) => e.includes('has reached a steady state'))).toBe(true);
  });

  it('fails when a service does not exist', async () => {
    world.services.delete('web-green');
    const result = await runCheck(world, 'service-health');
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('ECS service not found or not ACTIVE in cluster demo: web-green');
    expect(result.evidence).toContain('web-green: MISSING');
  });

  it('checks a single service without a listener', async () => {
    world.services.set('web-blue', service('web-blue', TG.blue, taskDef(41), 2, { runningCount: 1 }));
    const result = await runCheck(world, 'service-health', single, { router: false });
    expect(result).toMatchObject({ status: 'warn', summary: 'web-blue runs 1 of 2 desired task(s)' });
    expect(world.mocks.elb.commandCalls(DescribeListenersCommand)).toHaveLength(0);
  });
});

describe('no-deployment-in-progress', () => {
  it('passes with steady services and all traffic on one color', async () => {
    const result = await runCheck(world, 'no-deployment-in-progress');
    expect(result).toMatchObject({ status: 'pass', summary: 'no deployment in progress, traffic on one color' });
    expect(result.evidence).toContain('weights: blue=100,green=0 (blue live)');
  });

  it('warns when the last deployment failed', async () => {
    const green = world.services.get('web-green')!;
    green.deployments = [deployment(taskDef(40), 2, { rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker' })];
    const result = await runCheck(world, 'no-deployment-in-progress');
    expect(result).toMatchObject({ status: 'warn', summary: "web-green's last deployment ecs-svc/40 FAILED (circuit breaker)" });
  });

  it('fails while a deployment is IN_PROGRESS on either color', async () => {
    const green = world.services.get('web-green')!;
    green.deployments = [
      deployment(taskDef(42), 2, { id: 'ecs-svc/9', rolloutState: 'IN_PROGRESS', runningCount: 1 }),
      deployment(taskDef(40), 2, { status: 'ACTIVE' }),
    ];
    const result = await runCheck(world, 'no-deployment-in-progress');
    expect(result).toMatchObject({ status: 'fail', summary: 'web-green (green 0%) has deployment ecs-svc/9 IN_PROGRESS (web:42)' });
  });

  it('fails on half-shifted weights: another run holds the lock', async () => {
    world.weights = { blue: 50, green: 50 };
    const result = await runCheck(world, 'no-deployment-in-progress');
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('traffic is split (blue=50,green=50): another run holds it or was interrupted; run rollback or wait');
  });
});

describe('no-active-incident', () => {
  it('passes when no alarm is in ALARM', async () => {
    expect(await runCheck(world, 'no-active-incident')).toMatchObject({
      status: 'pass',
      summary: '1 alarm(s) OK',
      evidence: ['web-5xx: OK'],
    });
  });

  it('warns on INSUFFICIENT_DATA', async () => {
    world.alarms = [{ AlarmName: 'web-5xx', StateValue: 'INSUFFICIENT_DATA', StateReason: 'no datapoints' }];
    expect(await runCheck(world, 'no-active-incident')).toMatchObject({
      status: 'warn',
      evidence: ['web-5xx: INSUFFICIENT_DATA (no datapoints)'],
    });
  });

  it('fails when an alarm is in ALARM, with its reason', async () => {
    world.alarms.push({ AlarmName: 'web-latency', StateValue: 'ALARM', StateReason: 'Threshold Crossed: 3 datapoints > 0.5' });
    const result = await runCheck(
      world,
      'no-active-incident',
      { alarms: ['web-5xx', 'web-latency'] },
      { alarms: ['web-5xx', 'web-latency'] },
    );
    expect(result).toMatchObject({ status: 'fail', summary: '1 alarm(s) in ALARM: web-latency' });
    expect(result.evidence).toContain('web-latency: ALARM (Threshold Crossed: 3 datapoints > 0.5)');
  });

  it('fails when an alarm name does not exist', async () => {
    const result = await runCheck(world, 'no-active-incident', { alarms: ['Web-5xx'] }, { alarms: ['Web-5xx'] });
    expect(result.summary).toBe('alarm(s) not found: Web-5xx (names are case-sensitive and must be in this region)');
  });
});

describe('rollback-ready', () => {
  it('passes instantly when the previous color still runs the previous version', async () => {
    const result = await runCheck(world, 'rollback-ready');
    expect(result).toMatchObject({ status: 'pass', summary: 'instant: web-green still runs web:40; a weight switch rolls back' });
    expect(world.mocks.ecs.commandCalls(ListTaskDefinitionsCommand)).toHaveLength(0);
  });

  it('passes with a previous ACTIVE revision when the previous color is scaled down', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0));
    const result = await runCheck(world, 'rollback-ready');
    expect(result).toMatchObject({ status: 'pass', summary: 'web:40 is ACTIVE: a rollback redeploys it to web-green' });
    expect(world.mocks.ecs.commandCalls(ListTaskDefinitionsCommand)[0]!.args[0].input).toEqual({
      familyPrefix: 'web',
      status: 'ACTIVE',
      sort: 'DESC',
      maxResults: 20,
    });
  });

  it('warns when the previous color runs only part of its tasks and no older revision is ACTIVE', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 2, { runningCount: 1 }));
    world.taskDefinitions.delete(taskDef(40));
    const result = await runCheck(world, 'rollback-ready');
    expect(result).toMatchObject({ status: 'warn', summary: 'web-green runs the previous version with only 1/2 task(s)' });
  });

  it('fails with no warm color and no older ACTIVE revision', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0));
    world.taskDefinitions.set(taskDef(40), fargateTaskDefinition(40, { status: 'INACTIVE' }));
    const result = await runCheck(world, 'rollback-ready');
    expect(result).toMatchObject({
      status: 'fail',
      summary: 'no way back: web-green does not run a previous version and no ACTIVE revision of web older than web:41',
    });
  });

  it('for a single service, looks for a previous revision only', async () => {
    const result = await runCheck(world, 'rollback-ready', single, { router: false });
    expect(result).toMatchObject({ status: 'pass', summary: 'web:40 is ACTIVE: a rollback redeploys it' });
  });
});

describe('capacity', () => {
  const ec2Instance = (id: string, cpu: number, memory: number, provider?: string): ContainerInstance => ({
    containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/demo/${id}`,
    ec2InstanceId: id,
    agentConnected: true,
    capacityProviderName: provider,
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: cpu },
      { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
    ],
  });

  it('Fargate: passes with the quota far away, noting capacity is not checkable', async () => {
    const result = await runCheck(world, 'capacity');
    expect(result).toMatchObject({
      status: 'pass',
      summary: 'Fargate has no cluster capacity to check; vCPU quota use 11 of 100 after the deployment',
    });
    expect(result.evidence).toContain('needs: 2 task(s) on web-green to match web-blue');
  });

  it('Fargate: warns when the vCPU quota is nearly used', async () => {
    world.fargate = { used: 95, quota: 100 };
    const result = await runCheck(world, 'capacity');
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'Fargate vCPU quota nearly used: 96 of 100 vCPU after the deployment (ask for a quota increase)',
    });
  });

  it('EC2: passes when the instances have room for the idle color at the live count', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0, { launchType: 'EC2' }));
    world.instances = [ec2Instance('i-1', 1024, 2048), ec2Instance('i-2', 512, 4096)];
    const result = await runCheck(world, 'capacity');
    expect(result).toMatchObject({ status: 'pass', summary: 'room for 3 task(s) of 512 cpu/1024 MiB; the deployment needs 2' });
    expect(world.mocks.ecs.commandCalls(DescribeContainerInstancesCommand)[0]!.args[0].input.containerInstances).toHaveLength(2);
  });

  it('EC2: warns when tasks do not fit now but managed scaling adds instances', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0, { launchType: undefined }));
    world.clusterDefaultProviders = ['asg-a'];
    world.providers = [
      {
        name: 'asg-a',
        status: 'ACTIVE',
        autoScalingGroupProvider: { autoScalingGroupArn: 'arn:asg', managedScaling: { status: 'ENABLED' } },
      },
    ];
    world.instances = [ec2Instance('i-1', 512, 1024, 'asg-a'), ec2Instance('i-2', 4096, 8192, 'other')];
    const result = await runCheck(world, 'capacity');
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'only 1 of 2 task(s) fit now; managed scaling of asg-a should add instances (its maximum size is not checked)',
    });
    expect(world.mocks.ecs.commandCalls(DescribeCapacityProvidersCommand)[0]!.args[0].input).toEqual({ capacityProviders: ['asg-a'] });
  });

  it('EC2: fails when the tasks do not fit and nothing scales', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0, { launchType: 'EC2' }));
    world.instances = [ec2Instance('i-1', 256, 8192)];
    const result = await runCheck(world, 'capacity');
    expect(result).toMatchObject({
      status: 'fail',
      summary: 'only 0 of 2 task(s) of 512 cpu/1024 MiB fit on 1 instance(s), and nothing scales the cluster',
    });
    expect(result.evidence).toContain('i-1: 256 cpu, 8192 MiB left (fits 0)');
  });

  it('sizes the tasks from the task definition being deployed', async () => {
    world.services.set('web-green', service('web-green', TG.green, taskDef(40), 0, { launchType: 'EC2' }));
    world.instances = [ec2Instance('i-1', 4096, 4096)];
    const doc = { family: 'web', containerDefinitions: [{ name: 'app', image: 'x:1', cpu: 2048, memory: 2048 }] };
    const result = await runCheck(world, 'capacity', {
      taskDefinition: {
        source: { file: 'td.json', text: JSON.stringify(doc) },
        containerName: undefined,
        image: undefined,
        launchType: undefined,
      },
    });
    expect(result.evidence).toContain('task size: 2048 cpu units, 2048 MiB (td.json)');
    expect(result.status).toBe('pass');
  });
});
