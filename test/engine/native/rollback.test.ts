import { describe, expect, it } from 'vitest';
import { runNativeBlueGreen } from '../../../shared/engine/native/blue-green.ts';
import { runNativeCanary } from '../../../shared/engine/native/canary.ts';
import { restoreNative } from '../../../shared/engine/native/post.ts';
import { runNativeRollback, type NativeRollbackPlan } from '../../../shared/engine/native/rollback.ts';
import { ScriptedGate, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { TEAM_SETTINGS, TG_A, TG_B } from './fake-ecs.ts';
import { basePlan, nativePorts } from './support.ts';

const plan = (overrides: Partial<NativeRollbackPlan> = {}): NativeRollbackPlan => ({ ...basePlan(), to: taskDef(1), ...overrides });

describe('native rollback engine', () => {
  it('rolls a paused deployment back through ECS (ROLLBACK at the pause) and verifies production', async () => {
    const ports = nativePorts();
    await runNativeBlueGreen(
      { ...basePlan(), phase: 'prepare', taskDefinition: { reference: 'web:2' }, approvalTimeoutMs: 3_600_000 },
      ports,
    );
    const { report, error } = await runNativeRollback(plan({ reason: 'smoke failed' }), {
      ...nativePorts(),
      ecs: ports.ecs,
      clock: ports.clock,
    });
    expect(error).toBeUndefined();
    expect(report.result).toBe('rolled-back');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(ports.ecs.continues.map((c) => c.action)).toEqual(['ROLLBACK']);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(ports.ecs.updates).toHaveLength(1);
  });

  it('stops a running deployment with StopServiceDeployment(ROLLBACK) when no pause awaits', async () => {
    const ports = nativePorts();
    await ports.ecs.startDeployment('web', taskDef(2));
    const { report } = await runNativeRollback(plan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(ports.ecs.stops).toEqual([ports.ecs.deployments[0]!.arn]);
    expect(ports.ecs.service.taskDefinition).toBe(taskDef(1));
  });

  it('with nothing in flight deploys `to` natively with the service’s own configuration and verifies', async () => {
    const ports = nativePorts();
    ports.ecs.service.taskDefinition = taskDef(2);
    const { report } = await runNativeRollback(plan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(report.finalStatus).toBe('SUCCESSFUL');
    expect(ports.ecs.updates).toEqual([{ taskDefinition: taskDef(1), configuration: undefined }]);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 0, [TG_B]: 100 });
  });

  it('is idempotent: a service already on `to` with nothing in flight is left alone', async () => {
    const ports = nativePorts();
    const { report } = await runNativeRollback(plan(), ports);
    expect(report.result).toBe('already-live');
    expect(ports.ecs.calls).not.toContain('startDeployment');
    expect(ports.ecs.calls).not.toContain('rollbackDeployment');
  });

  it('fails when the deployment of `to` is rolled back by ECS', async () => {
    const ports = nativePorts();
    ports.ecs.service.taskDefinition = taskDef(2);
    ports.ecs.onTick = (d) => {
      if (d.stages[d.index]?.name === 'SCALE_UP' && d.status === 'IN_PROGRESS') ports.ecs.startRollback(d, 'circuit breaker');
    };
    const { report, error } = await runNativeRollback(plan(), ports);
    expect(report.result).toBe('failed');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(error?.why).toContain('rollback reason: circuit breaker');
  });

  it('refuses a service without advancedConfiguration', async () => {
    const ports = nativePorts();
    ports.ecs.service.wiring = undefined;
    const { report, error } = await runNativeRollback(plan(), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toContain('advancedConfiguration');
  });
});

describe('native post step', () => {
  it('rolls back from the saved service deployment ARN after a killed run and restores the configuration', async () => {
    const ports = nativePorts();
    // The process dies while a step bakes: the gate never answers.
    const gate = new ScriptedGate('alarms', ['pass']);
    let killed = false;
    gate.evaluate = async () => {
      killed = true;
      return new Promise(() => {});
    };
    void runNativeCanary(
      { ...basePlan([gate]), taskDefinition: { reference: 'web:2' }, shape: { strategy: 'CANARY', percent: 10 } },
      ports,
    );
    for (let i = 0; i < 50 && !killed; i++) await new Promise((r) => setImmediate(r));
    expect(killed).toBe(true);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 90, [TG_B]: 10 });
    const saved = ports.checkpoint.state;
    expect(saved.get('native-phase')).toBe('deploying');
    expect(saved.get('native-deployment-arn')).toBe(ports.ecs.deployments[0]!.arn);

    const post = nativePorts();
    const outcome = await restoreNative(
      (key) => saved.get(key) ?? '',
      { pollMs: 5_000, waitTimeoutMs: 600_000 },
      { ...post, ecs: ports.ecs, clock: ports.clock },
    );
    expect(outcome?.report.result).toBe('rolled-back');
    expect(ports.ecs.stops).toEqual([ports.ecs.deployments[0]!.arn]);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
    expect(post.checkpoint.state.get('native-phase')).toBe('done');
  });

  it('finds the deployment when the run died between UpdateService and saving its ARN', async () => {
    const ports = nativePorts();
    await ports.ecs.startDeployment('web', taskDef(2));
    const saved = new Map([
      ['native-phase', 'deploying'],
      ['native-cluster', 'demo'],
      ['native-service', 'web'],
      ['native-original-tg', TG_A],
    ]);
    const outcome = await restoreNative((key) => saved.get(key) ?? '', { pollMs: 5_000, waitTimeoutMs: 600_000 }, ports);
    expect(outcome?.report.result).toBe('rolled-back');
    expect(ports.ecs.stops).toEqual([ports.ecs.deployments[0]!.arn]);
  });

  it('a switch saves what its post step needs: the deployment, and prepare’s configuration to restore', async () => {
    const ports = nativePorts();
    const prepared = await runNativeBlueGreen(
      { ...basePlan(), phase: 'prepare', taskDefinition: { reference: 'web:2' }, approvalTimeoutMs: 3_600_000 },
      ports,
    );
    const job = { ...nativePorts(), ecs: ports.ecs, clock: ports.clock };
    const controller = new AbortController();
    job.clock.onSleep = () => controller.abort();
    const snapshot = prepared.report.facts['config-snapshot'];
    // The switch is killed at its first wait: only its checkpoint survives.
    const switched = runNativeBlueGreen(
      { ...basePlan(), phase: 'switch', configSnapshot: snapshot, approvalTimeoutMs: 3_600_000 },
      job,
      controller.signal,
    );
    await switched;
    expect(job.checkpoint.state.get('native-deployment-arn')).toBe(ports.ecs.deployments[0]!.arn);
    expect(job.checkpoint.state.get('native-config-snapshot')).toBe(snapshot);
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('does nothing after a run that ended or paused on purpose', async () => {
    const ports = nativePorts();
    await runNativeBlueGreen(
      { ...basePlan(), phase: 'prepare', taskDefinition: { reference: 'web:2' }, approvalTimeoutMs: 3_600_000 },
      ports,
    );
    const saved = ports.checkpoint.state;
    const outcome = await restoreNative(
      (key) => saved.get(key) ?? '',
      { pollMs: 5_000, waitTimeoutMs: 600_000 },
      { ...nativePorts(), ecs: ports.ecs, clock: ports.clock },
    );
    expect(outcome).toBeUndefined();
    expect(ports.ecs.deployments[0]!.hook?.status).toBe('AWAITING_ACTION');
  });
});
