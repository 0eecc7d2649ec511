import { describe, expect, it } from 'vitest';
import { DeployError } from '../../../shared/errors.ts';
import { runRollback, type RollbackPlan, type RollbackPorts } from '../../../shared/engine/two-color/rollback.ts';
import type { Gate } from '../../../shared/engine/ports.ts';
import {
  FakeFleet,
  FakeRouter,
  MemoryRecord,
  ScriptedGate,
  TG,
  fakePorts,
  taskDef,
  throttled,
} from '../../../sandbox/rehearsal/engine-fakes.ts';

function plan(overrides: Partial<RollbackPlan> = {}, gates: Gate[] = []): RollbackPlan {
  return {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    to: { kind: 'previous' },
    pollMs: 15_000,
    waitTimeoutMs: 600_000,
    bakeMs: 0,
    extensionMs: 0,
    gates: () => gates,
    ...overrides,
  };
}

/** Ports plus what the engine told the deployment record it was about to make live. */
function world(blueRevision: number, greenRevision: number, weights: { blue: number; green: number }) {
  const ports = fakePorts({ fleet: new FakeFleet({ blueRevision, greenRevision }), router: new FakeRouter(weights) });
  const told: string[] = [];
  const record = new MemoryRecord();
  const all: RollbackPorts = { ...ports, record, onTaskDefinition: async (arn) => void told.push(arn) };
  return { ports, all, told, record, deploys: () => ports.fleet.faults.calls.filter((c) => c === 'deploy').length };
}

const TO_BLUE = { [TG.blue]: 100, [TG.green]: 0 };
const TO_GREEN = { [TG.blue]: 0, [TG.green]: 100 };

/** Leaves web-green with a FAILED deployment of `revision` next to the one it failed to replace. */
async function failDeployment(fleet: FakeFleet, revision: number): Promise<void> {
  fleet.rollout = { kind: 'fails', afterPolls: 1, reason: 'tasks failed to start' };
  await fleet.deploy('web-green', taskDef(revision), 2);
  await fleet.describeServices(['web-green']);
  fleet.rollout = { kind: 'completes', afterPolls: 2 };
}

describe('rollback engine (two colors)', () => {
  it('from 100/0: makes the other color live in one verified weight change when it still runs the previous version', async () => {
    const { ports, all, told, deploys } = world(2, 1, { blue: 100, green: 0 });
    ports.router.lag = 2;
    const { report, error } = await runRollback(plan({ reason: 'p99 doubled' }), all);

    expect(error).toBeUndefined();
    expect(report.result).toBe('rolled-back');
    expect(report.taskDefinitionArn).toBe(taskDef(1));
    expect(report.liveColor).toBe('green');
    expect(report.previousColor).toBe('blue');
    expect(report.facts['Reason']).toBe('p99 doubled');
    expect(ports.router.writes).toEqual([TO_GREEN]);
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
    expect(deploys()).toBe(0);
    expect(told).toEqual([taskDef(1)]);
  });

  it('from 0/100: makes blue live again', async () => {
    const { ports, all } = world(1, 2, { blue: 0, green: 100 });
    const { report } = await runRollback(plan(), all);
    expect(report.result).toBe('rolled-back');
    expect(report.liveColor).toBe('blue');
    expect(ports.router.writes).toEqual([TO_BLUE]);
  });

  it('from 30/70 (a canary killed past half way): converges to the color running the previous version in one write', async () => {
    const { ports, all, deploys } = world(1, 2, { blue: 30, green: 70 });
    const { report } = await runRollback(plan(), all);
    expect(report.result).toBe('rolled-back');
    expect(report.previousColor).toBe('green');
    expect(ports.router.writes).toEqual([TO_BLUE]);
    expect(deploys()).toBe(0);
  });

  it('from 70/30 with the new version on the smaller side: still converges to the previous version, not the smaller side', async () => {
    const { ports, all } = world(1, 2, { blue: 70, green: 30 });
    const { report } = await runRollback(plan(), all);
    expect(report.liveColor).toBe('blue');
    expect(ports.router.writes).toEqual([TO_BLUE]);
  });

  it('from 30/70 towards a named version: converges to the color that runs it', async () => {
    const { ports, all } = world(1, 2, { blue: 30, green: 70 });
    const { report } = await runRollback(plan({ to: { kind: 'task-definition', reference: 'web:2' } }), all);
    expect(report.liveColor).toBe('green');
    expect(ports.router.writes).toEqual([TO_GREEN]);
  });

  it('redeploys the previous version when its color was scaled to 0, waits for it, then switches', async () => {
    const { ports, all, told } = world(2, 1, { blue: 100, green: 0 });
    await ports.fleet.scale('web-green', 0);
    const { report, error } = await runRollback(plan(), all);

    expect(error).toBeUndefined();
    expect(report.result).toBe('rolled-back');
    expect(ports.fleet.primary('web-green')).toMatchObject({ taskDefinition: taskDef(1), desiredCount: 2, rolloutState: 'COMPLETED' });
    expect(ports.router.writes).toEqual([TO_GREEN]);
    expect(told).toEqual([taskDef(1)]);
    expect(report.timeline.map((t) => t.message).join('\n')).toMatch(/No color runs it ready for traffic: deploying web:1 to green/);
  });

  it('from a failed ECS deployment on the idle color: redeploys the version it failed to replace, then switches', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    await failDeployment(ports.fleet, 3);
    expect(ports.fleet.primary('web-green')).toMatchObject({ taskDefinition: taskDef(3), rolloutState: 'FAILED' });

    const { report, error } = await runRollback(plan(), all);
    expect(error).toBeUndefined();
    expect(report.taskDefinitionArn).toBe(taskDef(1));
    expect(ports.fleet.primary('web-green')).toMatchObject({ taskDefinition: taskDef(1), rolloutState: 'COMPLETED' });
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
  });

  it('is idempotent: a second run reports already-live and changes nothing (both after a switch and after a redeploy)', async () => {
    for (const scaledDown of [false, true]) {
      const { ports, all, told, deploys } = world(2, 1, { blue: 100, green: 0 });
      if (scaledDown) await ports.fleet.scale('web-green', 0);
      expect((await runRollback(plan(), all)).report.result).toBe('rolled-back');
      const [writes, deployed] = [ports.router.writes.length, deploys()];

      const second = await runRollback(plan(), all);
      expect(second.error).toBeUndefined();
      expect(second.report.result).toBe('already-live');
      expect(second.report.liveColor).toBe('green');
      expect(ports.router.writes).toHaveLength(writes);
      expect(deploys()).toBe(deployed);
      expect(told).toHaveLength(1);
    }
  });

  it('deploys a named version that neither color runs to the idle color, and a second run is already-live', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    const first = await runRollback(plan({ to: { kind: 'task-definition', reference: 'web:7' } }), all);
    expect(first.report.result).toBe('rolled-back');
    expect(ports.fleet.primary('web-green').taskDefinition).toBe(taskDef(7));
    expect(ports.router.writes).toEqual([TO_GREEN]);

    const second = await runRollback(plan({ to: { kind: 'task-definition', reference: 'web:7' } }), all);
    expect(second.report.result).toBe('already-live');
    expect(ports.router.writes).toHaveLength(1);
  });

  it('rolls back to the last successful deployment of the record', async () => {
    const { ports, all, record } = world(3, 2, { blue: 100, green: 0 });
    const web = { environment: 'production', cluster: 'demo', services: ['web-green', 'web-blue'], strategy: 'canary' as const };
    await record.finish(await record.start({ ...web, taskDefinitionArn: taskDef(2) }), 'success', 'promoted');
    await record.start({ ...web, taskDefinitionArn: taskDef(3) });
    // Newer successes of other apps in the same environment: another service set, cluster, account, region.
    const worker = 'arn:aws:ecs:us-east-1:123456789012:task-definition/worker:1';
    for (const other of [
      { ...web, services: ['worker-blue', 'worker-green'], taskDefinitionArn: worker },
      { ...web, services: ['web-blue'], taskDefinitionArn: worker },
      { ...web, cluster: 'other', taskDefinitionArn: worker },
      { ...web, taskDefinitionArn: 'arn:aws:ecs:us-east-1:999999999999:task-definition/web:9' },
      { ...web, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:9' },
    ]) {
      await record.finish(await record.start(other), 'success', 'promoted');
    }

    const { report } = await runRollback(plan({ to: { kind: 'last-successful', environment: 'production' } }), all);
    expect(report.taskDefinitionArn).toBe(taskDef(2));
    expect(report.liveColor).toBe('green');
    expect(ports.router.writes).toEqual([TO_GREEN]);
  });

  it('fails without moving traffic when the record has no successful deployment, or cannot be read', async () => {
    const empty = world(2, 1, { blue: 100, green: 0 });
    const none = await runRollback(plan({ to: { kind: 'last-successful', environment: 'production' } }), empty.all);
    expect(none.report.result).toBe('failed');
    expect(none.error?.message).toBe('The deployment record of environment "production" has no successful deployment of these services');
    expect(none.error?.why).toEqual([
      'only entries of cluster demo, services web-blue, web-green, account 123456789012, region us-east-1 count',
    ]);

    const unreadable = world(2, 1, { blue: 100, green: 0 });
    unreadable.record.readError = new DeployError('Could not read the deployment record of environment "production"');
    const failed = await runRollback(plan({ to: { kind: 'last-successful', environment: 'production' } }), unreadable.all);
    expect(failed.error?.message).toMatch(/Could not read the deployment record/);
    expect(unreadable.ports.router.writes).toEqual([]);
    expect(empty.ports.router.writes).toEqual([]);
  });

  it('leaves traffic where it was when the redeployment fails, with the ECS evidence', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    await ports.fleet.scale('web-green', 0);
    ports.fleet.rollout = { kind: 'fails', afterPolls: 2, reason: 'CannotPullContainerError' };
    const { report, error } = await runRollback(plan(), all);
    expect(report.result).toBe('failed');
    expect(error?.message).toMatch(/ECS deployment of web-green failed: .*CannotPullContainerError/);
    expect(ports.router.writes).toEqual([]);
    expect(report.weights).toEqual({ blue: 100, green: 0 });
  });

  it('on cancel while waiting for the redeployment: stops with traffic untouched', async () => {
    const { ports, all } = world(1, 2, { blue: 30, green: 70 });
    await ports.fleet.scale('web-blue', 0);
    ports.fleet.rollout = { kind: 'hangs' };
    const controller = new AbortController();
    ports.clock.onSleep = () => {
      if (ports.clock.slept >= 45_000) controller.abort();
    };
    const { report, error } = await runRollback(plan(), all, controller.signal);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.writes).toEqual([]);
    expect(ports.router.colors()).toEqual({ blue: 30, green: 70 });
    expect(ports.fleet.primary('web-blue')).toMatchObject({ taskDefinition: taskDef(1), rolloutState: 'IN_PROGRESS' });
  });

  it('on cancel during the weight change: finishes the write and its read-back, never leaving traffic split', async () => {
    const { ports, all } = world(1, 2, { blue: 30, green: 70 });
    ports.router.lag = 3;
    const controller = new AbortController();
    ports.clock.onSleep = () => controller.abort();
    const { report } = await runRollback(plan(), all, controller.signal);
    expect(controller.signal.aborted).toBe(true);
    expect(report.result).toBe('rolled-back');
    expect(ports.router.writes).toEqual([TO_BLUE]);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('on cancel while watching the gates: reports the cancel, traffic stays on the restored version', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    const controller = new AbortController();
    ports.clock.onSleep = () => controller.abort();
    const { report, error } = await runRollback(plan({ bakeMs: 60_000 }, [new ScriptedGate('alarms', ['pass'])]), all, controller.signal);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('The run was cancelled');
    expect(report.steps[0]!.verdict).toBe('cancelled');
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
  });

  it('cancelled before it starts: changes nothing', async () => {
    const { ports, all, deploys } = world(2, 1, { blue: 100, green: 0 });
    const controller = new AbortController();
    controller.abort();
    const { report, error } = await runRollback(plan(), all, controller.signal);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.writes).toEqual([]);
    expect(deploys()).toBe(0);
  });

  it('watches the gates once live: a failing gate fails the run but leaves traffic on the restored version', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    const gate = new ScriptedGate('alarms', ['pass', 'fail']);
    const { report, error } = await runRollback(plan({ bakeMs: 60_000, extensionMs: 60_000 }, [gate]), all);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('Rolled back, but the version now live fails its gates');
    expect(error?.why).toEqual(['alarms: scripted fail (threshold script)']);
    expect(ports.router.writes).toEqual([TO_GREEN]);
    expect(report.steps[0]).toMatchObject({ weight: 100, verdict: 'fail' });
  });

  it('when a gate keeps failing to read while watching: the step says error (as in a canary), traffic stays', async () => {
    const { ports, all } = world(2, 1, { blue: 100, green: 0 });
    const gate = new ScriptedGate('alarms', ['pass']);
    gate.faults.failNext('evaluate', throttled(), 10);
    const { report, error } = await runRollback(plan({ bakeMs: 60_000 }, [gate]), all);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('AWS kept failing on gate "alarms".evaluate (4 attempts)');
    expect(report.steps[0]).toMatchObject({ weight: 100, verdict: 'error' });
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
  });

  it('with passing gates, bakes for the bake time and succeeds', async () => {
    const { all } = world(2, 1, { blue: 100, green: 0 });
    const { report, error } = await runRollback(plan({ bakeMs: 60_000, extensionMs: 0 }, [new ScriptedGate('alarms', ['pass'])]), all);
    expect(error).toBeUndefined();
    expect(report.steps[0]).toMatchObject({ verdict: 'pass', durationMs: 60_000 });
  });

  it('redeploys when the color running the target has unhealthy targets', async () => {
    const { ports, all, deploys } = world(2, 1, { blue: 100, green: 0 });
    let broken = true;
    ports.router.health = (tg) =>
      tg === TG.green && broken ? { healthy: 0, total: 2, problems: ['10.0.0.9:80 unhealthy'] } : { healthy: 2, total: 2, problems: [] };
    ports.clock.onSleep = () => (broken = false);
    const { report } = await runRollback(plan(), all);
    expect(report.result).toBe('rolled-back');
    expect(deploys()).toBe(1);
  });
});
