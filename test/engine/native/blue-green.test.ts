import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_MS, runNativeBlueGreen, type NativeBlueGreenPlan } from '../../../shared/engine/native/blue-green.ts';
import { ScriptedGate, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { TEAM_SETTINGS, TG_A, TG_B, TEST_RULE } from './fake-ecs.ts';
import { basePlan, nativePorts } from './support.ts';

const WEB2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';

function plan(overrides: Partial<NativeBlueGreenPlan> = {}): NativeBlueGreenPlan {
  return { ...basePlan(), phase: 'all', taskDefinition: { reference: 'web:2' }, approvalTimeoutMs: DEFAULT_APPROVAL_MS, ...overrides };
}

/** A second job on the same AWS: the same fake ECS, a fresh checkpoint and log. */
function secondJob(first: ReturnType<typeof nativePorts>) {
  const next = nativePorts();
  return { ...next, ecs: first.ecs, clock: first.clock };
}

describe('native blue-green engine', () => {
  it('prepare pauses after the test traffic shift and exits; switch continues, gates the production shift and bake, restores', async () => {
    const ports = nativePorts();
    const prepared = await runNativeBlueGreen(plan({ phase: 'prepare' }), ports);

    expect(prepared.error).toBeUndefined();
    expect(prepared.report.result).toBe('paused');
    expect(ports.ecs.updates[0]!.configuration).toEqual({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 2,
      hooks: [{ targetType: 'PAUSE', stages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutMinutes: 1440, timeoutAction: 'ROLLBACK' }],
    });
    const d = ports.ecs.deployments[0]!;
    expect(d.stages[d.index]!.name).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect(d.hook?.status).toBe('AWAITING_ACTION');
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(prepared.report.facts['test-listener-rule']).toBe(TEST_RULE);
    expect(prepared.report.facts['approval-expires-at']).toBe(new Date(d.hook!.expiresAt).toISOString());
    expect(prepared.report.serviceDeploymentArn).toBe(d.arn);
    expect(ports.checkpoint.state.get('native-phase')).toBe('paused');
    // The hook stays while the deployment waits; its snapshot goes to switch.
    expect(ports.ecs.restores).toEqual([]);
    const snapshot = prepared.report.facts['config-snapshot'];
    expect(JSON.parse(snapshot!)).toEqual(TEAM_SETTINGS);

    const job = secondJob(ports);
    const gate = new ScriptedGate('5xx rate', ['pass']);
    const switched = await runNativeBlueGreen(
      plan({ phase: 'switch', preparedTaskDefinition: WEB2, serviceDeploymentArn: d.arn, configSnapshot: snapshot, gates: () => [gate] }),
      job,
    );
    expect(switched.error).toBeUndefined();
    expect(switched.report.result).toBe('promoted');
    expect(switched.report.finalStatus).toBe('SUCCESSFUL');
    // One pause, one CONTINUE: BLUE_GREEN shifts production in one step.
    expect(ports.ecs.continues.map((c) => c.action)).toEqual(['CONTINUE']);
    expect(switched.report.steps.map((s) => [s.weight, s.verdict])).toEqual([[100, 'pass']]);
    // Gates ran through the production shift and the 2 minute bake time.
    expect(gate.windows.at(-1)!.to - gate.windows[0]!.from).toBeGreaterThanOrEqual(120_000);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 0, [TG_B]: 100 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('switch finds the paused deployment by itself', async () => {
    const ports = nativePorts();
    await runNativeBlueGreen(plan({ phase: 'prepare' }), ports);
    const switched = await runNativeBlueGreen(plan({ phase: 'switch', preparedTaskDefinition: WEB2 }), secondJob(ports));
    expect(switched.report.result).toBe('promoted');
  });

  it('switch refuses a paused deployment of another task definition, without touching it', async () => {
    const ports = nativePorts();
    await runNativeBlueGreen(plan({ phase: 'prepare' }), ports);
    const { report, error } = await runNativeBlueGreen(plan({ phase: 'switch', preparedTaskDefinition: taskDef(7) }), secondJob(ports));
    expect(report.result).toBe('failed');
    expect(error?.message).toMatch(/deploys .*web:2, not the prepared .*web:7/);
    expect(ports.ecs.continues).toEqual([]);
    expect(ports.ecs.deployments[0]!.hook?.status).toBe('AWAITING_ACTION');
  });

  it('when nobody approves, ECS rolls back at the approval timeout and a later switch reports it', async () => {
    const ports = nativePorts();
    const prepared = await runNativeBlueGreen(plan({ phase: 'prepare', approvalTimeoutMs: 3_600_000 }), ports);
    expect(ports.ecs.updates[0]!.configuration!.hooks[0]!.timeoutMinutes).toBe(60);
    ports.clock.time += 3_600_000 + 1;
    // ECS acts on its own timers while nobody watches.
    const d = ports.ecs.deployments[0]!;
    for (let i = 0; i < 4; i++) ports.ecs.tick(d);
    expect(d.status).toBe('ROLLBACK_SUCCESSFUL');

    const { report, error } = await runNativeBlueGreen(
      plan({ phase: 'switch', preparedTaskDefinition: WEB2, configSnapshot: prepared.report.facts['config-snapshot'] }),
      secondJob(ports),
    );
    expect(report.result).toBe('rolled-back');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(error?.message).toBe('The approval window expired: ECS rolled the prepared deployment back (ROLLBACK_SUCCESSFUL) before switch');
    expect(ports.ecs.continues).toEqual([]);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('phase all: a gate failing after the production shift rolls back through ECS during the bake time', async () => {
    const ports = nativePorts();
    const gate = new ScriptedGate('p95 latency', (i) => (i >= 2 ? 'fail' : 'pass'));
    const { report, error } = await runNativeBlueGreen(plan({ gates: () => [gate] }), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.why[0]).toBe('p95 latency: scripted fail (threshold script)');
    expect(ports.ecs.stops).toHaveLength(1);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('managed mode refuses a BLUE_GREEN service without a PAUSE hook after the test traffic shift', async () => {
    const ports = nativePorts();
    const { error } = await runNativeBlueGreen(plan({ phase: 'prepare', configMode: 'managed' }), ports);
    expect(error?.message).toBe('web has no PAUSE lifecycle hook at POST_TEST_TRAFFIC_SHIFT (deployment-config: managed)');
    expect(ports.ecs.updates).toEqual([]);
  });
});
