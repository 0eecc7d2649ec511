import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Deployment,
  type Service,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { startLoad } from '../../sandbox/load.ts';
import { clients, FAST, get } from './clients.ts';

describe('sandbox ECS deployments with real task processes', () => {
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;

  const describeService = async (name: string): Promise<Service> => {
    const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: [name] }));
    const service = out.services?.[0];
    if (!service) throw new Error(`no service ${name}`);
    return service;
  };

  /** Polls DescribeServices the way a deploy tool does, until `done` holds. */
  const pollService = async (name: string, done: (s: Service) => boolean, timeoutMs = 20_000): Promise<Service> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const service = await describeService(name);
      if (done(service)) return service;
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(service.deployments)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const register = async (env: Record<string, string>, image = `${sandbox.ecrRepositoryUri}:v2`): Promise<string> => {
    const out = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [
          { name: 'app', image, essential: true, environment: Object.entries(env).map(([name, value]) => ({ name, value })) },
        ],
      }),
    );
    return out.taskDefinition?.taskDefinitionArn ?? '';
  };

  const stoppedTasks = async (deploymentId: string) => {
    const arns =
      (
        await aws.ecs.send(
          new ListTasksCommand({ cluster: 'demo', serviceName: 'web-green', desiredStatus: 'STOPPED', startedBy: deploymentId }),
        )
      ).taskArns ?? [];
    if (arns.length === 0) return [];
    return (await aws.ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
  };

  beforeAll(async () => {
    sandbox = await startSandbox(FAST);
    aws = clients(sandbox);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('a good release: new PRIMARY goes IN_PROGRESS → COMPLETED with healthy targets, old tasks drain', async () => {
    const v2 = await register({ VERSION: 'v2' });
    const updated = await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: v2 }));
    const primary = updated.service?.deployments?.[0];
    expect(primary).toMatchObject({ status: 'PRIMARY', taskDefinition: v2, rolloutState: 'IN_PROGRESS', runningCount: 0 });
    expect(updated.service?.deployments?.[1]).toMatchObject({
      status: 'ACTIVE',
      rolloutState: 'COMPLETED',
      taskDefinition: sandbox.taskDefinitions.initialArn,
    });

    const done = await pollService('web-green', (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED');
    expect(done.deployments?.[0]).toMatchObject({ id: primary?.id, taskDefinition: v2, runningCount: 2, desiredCount: 2, failedTasks: 0 });
    expect(done.deployments?.[0]?.rolloutStateReason).toBe(`ECS deployment ${primary?.id} completed.`);
    const messages = done.events?.map((e) => e.message) ?? [];
    expect(messages[0]).toBe('(service web-green) has reached a steady state.');
    expect(messages).toContain(`(service web-green) (deployment ${primary?.id}) deployment completed.`);
    expect(
      messages.some((m) => /^\(service web-green\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(m ?? '')),
    ).toBe(true);

    const running = (await aws.ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web-green' }))).taskArns ?? [];
    const tasks = (await aws.ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: running }))).tasks ?? [];
    expect(tasks).toHaveLength(2);
    const ports = tasks.map((t) => {
      expect(t).toMatchObject({ lastStatus: 'RUNNING', taskDefinitionArn: v2, startedBy: primary?.id, group: 'service:web-green' });
      return t.containers?.[0]?.networkBindings?.[0]?.hostPort;
    });
    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: sandbox.targetGroups.green.arn }));
    expect(health.TargetHealthDescriptions?.map((d) => d.Target?.Port).sort()).toEqual(ports.sort());
    expect(health.TargetHealthDescriptions?.every((d) => d.TargetHealth?.State === 'healthy')).toBe(true);
    expect((await get(`${sandbox.testListenerUrl}/`)).json?.version).toBe('v2');

    const oldDeploymentId = updated.service?.deployments?.[1]?.id ?? '';
    const drained = await stoppedTasks(oldDeploymentId);
    expect(drained).toHaveLength(2);
    expect(drained[0]).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: `Scaling activity initiated by (deployment ${oldDeploymentId})`,
    });
  });

  it('a crashing release trips the circuit breaker and ECS rolls back, without dropping traffic', async () => {
    const before = await describeService('web-green');
    const goodTd = before.taskDefinition;
    const crashing = await register({ VERSION: 'v3', CRASH_ON_START: '1' });
    const load = startLoad({ url: `${sandbox.testListenerUrl}/`, rps: 20 });
    try {
      const updated = await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: crashing }));
      const failedId = updated.service?.deployments?.[0]?.id ?? '';
      const find = (s: Service, id: string): Deployment | undefined => s.deployments?.find((d) => d.id === id);

      const rolling = await pollService('web-green', (s) => find(s, failedId)?.rolloutState === 'FAILED');
      expect(find(rolling, failedId)).toMatchObject({
        status: 'ACTIVE',
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      });
      expect(find(rolling, failedId)?.failedTasks).toBeGreaterThanOrEqual(3);
      const rollback = rolling.deployments?.[0];
      expect(rollback).toMatchObject({ status: 'PRIMARY', taskDefinition: goodTd, rolloutState: 'IN_PROGRESS' });
      expect(rollback?.id).not.toBe(failedId);
      expect(rolling.taskDefinition).toBe(goodTd);
      const messages = rolling.events?.map((e) => e.message) ?? [];
      expect(messages).toContain(`(service web-green) (deployment ${failedId}) deployment failed: tasks failed to start.`);
      expect(messages.some((m) => m?.startsWith('(service web-green) rolling back to deployment ecs-svc/'))).toBe(true);

      // Tasks still starting when the breaker tripped are stopped by the scheduler instead.
      const crashed = (await stoppedTasks(failedId)).filter((t) => t.stopCode === 'EssentialContainerExited');
      expect(crashed.length).toBeGreaterThanOrEqual(3);
      for (const task of crashed) {
        expect(task).toMatchObject({
          taskDefinitionArn: crashing,
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
        });
        expect(task.containers?.[0]?.exitCode).toBe(1);
      }

      const recovered = await pollService(
        'web-green',
        (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED',
      );
      expect(recovered.deployments?.[0]).toMatchObject({ id: rollback?.id, taskDefinition: goodTd });

      const history = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web-green' }));
      expect(history.serviceDeployments?.[0]).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL' });
    } finally {
      await load.stop();
    }
    const summary = load.summary();
    expect(summary.total).toBeGreaterThan(10);
    expect(summary.byStatus).toEqual({ 200: summary.total });
    expect(Object.keys(summary.byVersion)).toEqual(['v2']);
  });

  it('a release that fails ELB health checks is stopped and rolled back too', async () => {
    const unhealthy = await register({ VERSION: 'v4', UNHEALTHY: '1' });
    const updated = await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: unhealthy }));
    const failedId = updated.service?.deployments?.[0]?.id ?? '';
    const rolling = await pollService(
      'web-green',
      (s) => s.deployments?.some((d) => d.id === failedId && d.rolloutState === 'FAILED') ?? false,
    );
    expect(
      rolling.events?.some((e) =>
        /is unhealthy in \(target-group .*\) due to \(reason Health checks failed with these codes: \[503\]\)/.test(e.message ?? ''),
      ),
    ).toBe(true);
    const stopped = await stoppedTasks(failedId);
    expect(stopped[0]?.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${sandbox.targetGroups.green.arn})`);
    await pollService('web-green', (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED');
  });

  it('an image missing from ECR fails to pull', async () => {
    const missing = await register({ VERSION: 'v9' }, `${sandbox.ecrRepositoryUri}:v9`);
    const updated = await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: missing }));
    const failedId = updated.service?.deployments?.[0]?.id ?? '';
    await pollService('web-green', (s) => s.deployments?.some((d) => d.id === failedId && d.rolloutState === 'FAILED') ?? false);
    const stopped = await stoppedTasks(failedId);
    expect(stopped[0]).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(stopped[0]?.stoppedReason).toMatch(/^CannotPullContainerError: .*web:v9: not found$/);
    await pollService('web-green', (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED');
  });

  it('desiredCount scales tasks and targets up and down', async () => {
    await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-blue', desiredCount: 3 }));
    await pollService('web-blue', (s) => s.runningCount === 3);
    await sandbox.control.waitFor(
      () => sandbox.control.snapshot().targetHealth['tg-blue']?.filter((t) => t.state === 'healthy').length === 3,
      { timeoutMs: 10_000 },
    );
    await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-blue', desiredCount: 2 }));
    const scaled = await pollService(
      'web-blue',
      (s) => s.runningCount === 2 && s.events?.[0]?.message === '(service web-blue) has reached a steady state.',
    );
    expect(scaled.deployments).toHaveLength(1);
    expect(scaled.events?.some((e) => /has stopped 1 running tasks/.test(e.message ?? ''))).toBe(true);
  });

  it('StopTask stops one process and the service replaces it', async () => {
    const arns = (await aws.ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web-blue' }))).taskArns ?? [];
    const victim = arns[0] ?? '';
    const stopped = await aws.ecs.send(new StopTaskCommand({ cluster: 'demo', task: victim, reason: 'chaos test' }));
    expect(stopped.task).toMatchObject({ desiredStatus: 'STOPPED', stoppedReason: 'chaos test', stopCode: 'UserInitiated' });
    await sandbox.control.waitFor(
      () => {
        const blue = sandbox.control.snapshot().services['web-blue'];
        return (
          blue &&
          blue.tasks.length === 2 &&
          blue.tasks.every((t) => t.health === 'healthy') &&
          !blue.tasks.some((t) => victim.endsWith(t.id))
        );
      },
      { timeoutMs: 10_000, description: 'replacement task' },
    );
    const described = await aws.ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: [victim] }));
    expect(described.tasks?.[0]?.lastStatus).toBe('STOPPED');
  });
});
