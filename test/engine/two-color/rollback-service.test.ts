import { describe, expect, it } from 'vitest';
import { runServiceRollback, type ServiceRollbackPlan } from '../../../shared/engine/two-color/rollback-service.ts';
import { FakeFleet, FakeRouter, MemoryRecord, fakePorts, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';

const TG_API = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-api/0000000000000003';

function plan(overrides: Partial<ServiceRollbackPlan> = {}): ServiceRollbackPlan {
  return { cluster: 'demo', service: 'api', to: { kind: 'previous' }, pollMs: 15_000, waitTimeoutMs: 600_000, ...overrides };
}

function world(opts: { targetGroup?: boolean } = {}) {
  const fleet = new FakeFleet();
  fleet.addService('api', TG_API, taskDef(4), 3);
  if (opts.targetGroup === false) fleet.service('api').targetGroupArns = [];
  const health = new FakeRouter();
  health.health = () => ({ healthy: 3, total: 3, problems: [] });
  const base = fakePorts({ fleet, router: health });
  const record = new MemoryRecord();
  const told: string[] = [];
  const ports = { ...base, health, record, onTaskDefinition: async (arn: string) => void told.push(arn) };
  return { fleet, health, ports, record, told, deploys: () => fleet.faults.calls.filter((c) => c === 'deploy').length };
}

/** api deploys `revision`, which fails; ECS still lists the deployment it was replacing. */
async function failingDeployment(fleet: FakeFleet, revision: number) {
  fleet.rollout = { kind: 'fails', afterPolls: 1, reason: 'tasks failed to start' };
  await fleet.deploy('api', taskDef(revision), 3);
  await fleet.describeServices(['api']);
  fleet.rollout = { kind: 'completes', afterPolls: 2 };
}

describe('rollback engine (one service)', () => {
  it('from a failed deployment: updates the service to the version it was replacing and waits for it, targets included', async () => {
    const { fleet, health, ports, told } = world();
    await failingDeployment(fleet, 5);
    const { report, error } = await runServiceRollback(plan({ reason: 'bad release' }), ports);

    expect(error).toBeUndefined();
    expect(report.result).toBe('rolled-back');
    expect(report.taskDefinitionArn).toBe(taskDef(4));
    expect(report.facts['Reason']).toBe('bad release');
    expect(fleet.primary('api')).toMatchObject({ taskDefinition: taskDef(4), rolloutState: 'COMPLETED', desiredCount: 3 });
    expect(health.faults.calls).toContain('targetHealth');
    expect(told).toEqual([taskDef(4)]);
  });

  it('supersedes a deployment still in progress with the version it was replacing', async () => {
    const { fleet, ports } = world();
    fleet.rollout = { kind: 'hangs' };
    await fleet.deploy('api', taskDef(5), 3);
    fleet.rollout = { kind: 'completes', afterPolls: 2 };
    const { report } = await runServiceRollback(plan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(fleet.primary('api').taskDefinition).toBe(taskDef(4));
  });

  it('is idempotent with a named version: the second run is already-live and deploys nothing', async () => {
    const { ports, deploys, told } = world();
    const first = await runServiceRollback(plan({ to: { kind: 'task-definition', reference: 'web:2' } }), ports);
    expect(first.report.result).toBe('rolled-back');
    const second = await runServiceRollback(plan({ to: { kind: 'task-definition', reference: 'web:2' } }), ports);
    expect(second.error).toBeUndefined();
    expect(second.report.result).toBe('already-live');
    expect(deploys()).toBe(1);
    expect(told).toHaveLength(1);
  });

  it('refuses `previous` on a steady service: ECS no longer knows what came before', async () => {
    const { ports, deploys } = world();
    const { report, error } = await runServiceRollback(plan(), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('api has no previous version in ECS: it is steady on web:4');
    expect(error?.fix).toMatch(/Name the version in `to`/);
    expect(deploys()).toBe(0);
  });

  it('rolls back to the last successful deployment of the record', async () => {
    const { ports, record, fleet } = world();
    await record.finish(
      await record.start({
        environment: 'staging',
        cluster: 'demo',
        services: ['api'],
        taskDefinitionArn: taskDef(3),
        strategy: 'rollback',
      }),
      'success',
      'ok',
    );
    const { report } = await runServiceRollback(plan({ to: { kind: 'last-successful', environment: 'staging' } }), ports);
    expect(report.result).toBe('rolled-back');
    expect(fleet.primary('api').taskDefinition).toBe(taskDef(3));
  });

  it('without a target group, running = desired is the whole check', async () => {
    const { ports, health } = world({ targetGroup: false });
    const { report } = await runServiceRollback(plan({ to: { kind: 'task-definition', reference: 'web:2' } }), ports);
    expect(report.result).toBe('rolled-back');
    expect(health.faults.calls).not.toContain('targetHealth');
    expect(report.timeline.map((t) => t.message)).toContain('api has no target group: its running task count is the whole health check');
  });

  it('fails with the ECS evidence when the rollback deployment fails', async () => {
    const { ports, fleet } = world();
    fleet.rollout = { kind: 'circuit-breaker', afterPolls: 2 };
    const { report, error } = await runServiceRollback(plan({ to: { kind: 'task-definition', reference: 'web:2' } }), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toMatch(/ECS deployment of api failed/);
    expect(error?.why.join('\n')).toMatch(/stopped task abc123: Essential container in task exited/);
  });

  it('stops on cancel while waiting', async () => {
    const { ports, fleet } = world();
    fleet.rollout = { kind: 'hangs' };
    const controller = new AbortController();
    ports.clock.onSleep = () => controller.abort();
    const { report, error } = await runServiceRollback(
      plan({ to: { kind: 'task-definition', reference: 'web:2' } }),
      ports,
      controller.signal,
    );
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
  });
});
