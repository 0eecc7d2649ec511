import { describe, expect, it } from 'vitest';
import { runNativeCanary, type NativeCanaryPlan } from '../../../shared/engine/native/canary.ts';
import { nativeShape } from '../../../shared/engine/native/shape.ts';
import type { Gate, GateTargets, Verdict } from '../../../shared/engine/ports.ts';
import { ScriptedGate, taskDef, throttled } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { FakeNativeEcs, TEAM_SETTINGS, TG_A, TG_B } from './fake-ecs.ts';
import { basePlan, nativePorts } from './support.ts';

function plan(shape: NativeCanaryPlan['shape'], gates: Gate[] = [], overrides: Partial<NativeCanaryPlan> = {}): NativeCanaryPlan {
  return { ...basePlan(gates), taskDefinition: { reference: 'web:2' }, shape, ...overrides };
}

/** A gate that judges by the production weight ECS has moved to the new target group. */
const byWeight = (ecs: FakeNativeEcs, verdict: (weight: number) => Verdict) =>
  new ScriptedGate('5xx rate', () => verdict(ecs.weights[TG_B] ?? 0));

describe('native canary engine', () => {
  it('promotes a CANARY 10 after a gated pause before each production shift, and restores the configuration', async () => {
    const ports = nativePorts();
    const gate = byWeight(ports.ecs, () => 'pass');
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [gate]), ports);

    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.finalStatus).toBe('SUCCESSFUL');
    expect(ports.ecs.updates[0]).toEqual({
      taskDefinition: taskDef(2),
      configuration: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 2,
        canary: { percent: 10, bakeMinutes: 2 },
        hooks: [{ targetType: 'PAUSE', stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutMinutes: 13, timeoutAction: 'ROLLBACK' }],
      },
    });
    // One CONTINUE before the 10 % shift, one before 100 %.
    expect(ports.ecs.continues.map((c) => c.action)).toEqual(['CONTINUE', 'CONTINUE']);
    expect(report.steps.map((s) => [s.weight, s.verdict])).toEqual([
      [10, 'pass'],
      [100, 'pass'],
    ]);
    // Gates saw traffic on the new target group at 10 % and through the final bake at 100 %.
    expect(gate.windows.length).toBeGreaterThan(4);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 0, [TG_B]: 100 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
    expect(ports.checkpoint.state.get('native-phase')).toBe('done');
  });

  it('asks the gates for the new target group compared with the original one (baseline comparison)', async () => {
    const ports = nativePorts();
    const asked: GateTargets[] = [];
    const gates = (targets: GateTargets) => {
      asked.push(targets);
      return [byWeight(ports.ecs, () => 'pass')];
    };
    const { report } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [], { gates }), ports);
    expect(report.result).toBe('promoted');
    expect(asked).toEqual([{ candidate: TG_B, baseline: TG_A }]);
  });

  it('holds the pause while a gate is inconclusive, within the extension', async () => {
    const ports = nativePorts();
    const continuedAt: number[] = [];
    const shiftedAt: number[] = [];
    const original = ports.ecs.continueDeployment.bind(ports.ecs);
    ports.ecs.continueDeployment = async (...args) => {
      continuedAt.push(ports.clock.now());
      shiftedAt.push(ports.ecs.weights[TG_B] ?? 0);
      return original(...args);
    };
    // Inconclusive for the first 3 minutes at 10 %: the pause waits for the evidence (extension 1m).
    const gate = new ScriptedGate('p95', (_i, w) => (ports.ecs.weights[TG_B] === 10 && w.to - w.from < 180_000 ? 'inconclusive' : 'pass'));
    const { report } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [gate], { extensionMs: 120_000 }), ports);
    expect(report.result).toBe('promoted');
    expect(shiftedAt).toEqual([0, 10]);
    const tenStarted = Date.parse(report.steps[0]!.startedAt);
    expect(continuedAt[1]! - tenStarted).toBeGreaterThanOrEqual(180_000);
  });

  it('holds a pause for the full bake time even when ECS bakes less (managed, step bake 0)', async () => {
    const managed = {
      strategy: 'LINEAR',
      linear: { stepPercent: 50, bakeMinutes: 0 },
      bakeTimeInMinutes: 0,
      hooks: [{ targetType: 'PAUSE', stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    };
    const ports = nativePorts((clock) => new FakeNativeEcs(clock, managed));
    const continued: [number, number][] = [];
    const original = ports.ecs.continueDeployment.bind(ports.ecs);
    ports.ecs.continueDeployment = async (...args) => {
      continued.push([ports.ecs.weights[TG_B] ?? 0, ports.clock.now()]);
      return original(...args);
    };
    const { report } = await runNativeCanary(plan({ strategy: 'LINEAR', stepPercent: 50 }, [], { configMode: 'managed' }), ports);
    expect(report.result).toBe('promoted');
    expect(continued.map(([weight]) => weight)).toEqual([0, 50]);
    // The 50 % step was judged for the whole bake-time (2m) before ECS was told to go on.
    expect(continued[1]![1] - Date.parse(report.steps[0]!.startedAt)).toBeGreaterThanOrEqual(120_000);
    expect(report.steps[0]!.polls).toBeGreaterThan(1);
  });

  it('rolls back when a gate stays inconclusive past the extension at a pause', async () => {
    const ports = nativePorts();
    const gate = byWeight(ports.ecs, (w) => (w === 10 ? 'inconclusive' : 'pass'));
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [gate]), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.why[0]).toBe('5xx rate: scripted inconclusive; still inconclusive after the extension (threshold script)');
    expect(ports.ecs.continues.map((c) => c.action)).toEqual(['CONTINUE', 'ROLLBACK']);
  });

  it('rolls a LINEAR 25 back at once when a gate fails at step 2, and verifies production on the original target group', async () => {
    const ports = nativePorts();
    const gate = byWeight(ports.ecs, (w) => (w === 50 ? 'fail' : 'pass'));
    const { report, error } = await runNativeCanary(plan({ strategy: 'LINEAR', stepPercent: 25 }, [gate]), ports);

    expect(report.result).toBe('rolled-back');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(report.steps.map((s) => [s.weight, s.verdict])).toEqual([
      [25, 'pass'],
      [50, 'fail'],
    ]);
    expect(error?.message).toBe('Gate failed with 50% of production on the new revision');
    expect(error?.why).toEqual(
      expect.arrayContaining(['5xx rate: scripted fail (threshold script)', expect.stringMatching(/^rollback reason: /)]),
    );
    // At once: the failing poll at 50 % is the first of that step, and nothing shifted further.
    expect(ports.ecs.stops.length + ports.ecs.continues.filter((c) => c.action === 'ROLLBACK').length).toBe(1);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(report.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(report.timeline.some((e) => e.message.startsWith('Verified: production rule 100 % on web-a'))).toBe(true);
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('answers ROLLBACK at the pause when the gate fails while ECS waits there', async () => {
    const ports = nativePorts();
    // Passing during the step, failing once ECS has paused before the next shift.
    const gate = new ScriptedGate('alarms', () => {
      const d = ports.ecs.deployments[0]!;
      return d.hook?.status === 'AWAITING_ACTION' && d.weight === 10 ? 'fail' : 'pass';
    });
    const { report } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [gate]), ports);
    expect(report.result).toBe('rolled-back');
    expect(ports.ecs.continues.map((c) => c.action)).toEqual(['CONTINUE', 'ROLLBACK']);
    expect(ports.ecs.stops).toEqual([]);
  });

  it('reports a rollback ECS made by itself (deployment alarm) as never promoted, with the alarm as evidence', async () => {
    const ports = nativePorts();
    ports.ecs.onTick = (d) => {
      if (d.weight === 10 && d.status === 'IN_PROGRESS') {
        d.alarms = ['web-5xx'];
        ports.ecs.startRollback(d, 'Alarm web-5xx in ALARM');
      }
    };
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(report.result).toBe('rolled-back');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(error?.why).toEqual(expect.arrayContaining(['rollback reason: Alarm web-5xx in ALARM', 'triggered alarms: web-5xx']));
    expect(error?.why.some((l) => l.startsWith('stopped task: Essential container'))).toBe(true);
  });

  it('fails, never reports rolled back, when ECS says ROLLBACK_SUCCESSFUL but production is not back on the original target group', async () => {
    const ports = nativePorts();
    const gate = byWeight(ports.ecs, (w) => (w === 10 ? 'fail' : 'pass'));
    // The rule is stuck half-way although ECS reports the rollback done.
    const read = ports.ecs.ruleWeights.bind(ports.ecs);
    ports.ecs.ruleWeights = async (rule) =>
      ports.ecs.deployments[0]?.status === 'ROLLBACK_SUCCESSFUL' ? { [TG_A]: 90, [TG_B]: 10 } : read(rule);
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [gate]), ports);
    expect(report.result).toBe('failed');
    expect(report.finalStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(error?.message).toMatch(/ended .* with ROLLBACK_SUCCESSFUL, but production is not verified back on the original target group/);
    expect(error?.fix).toContain('run the rollback action');
  });

  it('rolls back through ECS when the run is cancelled mid-bake, and verifies', async () => {
    const ports = nativePorts();
    const controller = new AbortController();
    let sleepsAtTen = 0;
    ports.clock.onSleep = () => {
      if (ports.ecs.weights[TG_B] === 10 && ++sleepsAtTen === 3) controller.abort();
    };
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports, controller.signal);
    expect(error?.message).toBe('The run was cancelled');
    expect(report.result).toBe('rolled-back');
    expect(report.steps.at(-1)?.verdict).toBe('cancelled');
    expect(ports.ecs.stops).toHaveLength(1);
    expect(ports.ecs.weights).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(ports.ecs.settings).toEqual(TEAM_SETTINGS);
  });

  it('rides out throttling on every call (resilient port)', async () => {
    const ports = nativePorts();
    ports.ecs.failNext('describeDeployment', throttled(), 2);
    ports.ecs.failNext('continueDeployment', throttled(), 1);
    const { report } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(report.result).toBe('promoted');
  });

  it('in managed mode deploys only the task definition, driving the team’s own hooks', async () => {
    const managed = {
      strategy: 'LINEAR',
      linear: { stepPercent: 50, bakeMinutes: 1 },
      bakeTimeInMinutes: 1,
      hooks: [{ targetType: 'PAUSE', stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutMinutes: 60, timeoutAction: 'ROLLBACK' as const }],
    };
    const ports = nativePorts((clock) => new FakeNativeEcs(clock, managed));
    const { report } = await runNativeCanary(plan({ strategy: 'LINEAR', stepPercent: 50 }, [], { configMode: 'managed' }), ports);
    expect(report.result).toBe('promoted');
    expect(ports.ecs.updates).toEqual([
      { taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2', configuration: undefined },
    ]);
    expect(ports.ecs.restores).toEqual([]);
  });

  it('in managed mode refuses, before any change, a service without the PAUSE hook it needs', async () => {
    const ports = nativePorts(
      (clock) => new FakeNativeEcs(clock, { strategy: 'CANARY', canary: { percent: 10, bakeMinutes: 5 }, hooks: [] }),
    );
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [], { configMode: 'managed' }), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('web has no PAUSE lifecycle hook at PRE_PRODUCTION_TRAFFIC_SHIFT (deployment-config: managed)');
    expect(error?.fix).toContain('deployment-config: action');
    expect(ports.ecs.updates).toEqual([]);
  });

  it('in managed mode refuses a service whose strategy differs', async () => {
    const ports = nativePorts();
    const { error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [], { configMode: 'managed' }), ports);
    expect(error?.message).toBe("web's deployment strategy is BLUE_GREEN, not CANARY (deployment-config: managed)");
    expect(ports.ecs.updates).toEqual([]);
  });

  it('refuses a service without advancedConfiguration before any change, naming the field and the docs', async () => {
    const ports = nativePorts();
    ports.ecs.service.wiring = undefined;
    const { report, error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('web cannot be deployed natively: no load balancer has advancedConfiguration');
    expect(error?.fix).toContain('docs/native-mode.md#setting-up-a-single-service');
    expect(ports.ecs.calls).not.toContain('startDeployment');
    expect(ports.ecs.restores).toEqual([]);
  });

  it('refuses a service with another deployment controller, or without a role ARN', async () => {
    const ports = nativePorts();
    ports.ecs.service.controller = 'CODE_DEPLOY';
    const first = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(first.error?.message).toBe('web cannot be deployed natively: its deploymentController is CODE_DEPLOY, not ECS');
    ports.ecs.service.controller = 'ECS';
    ports.ecs.service.wiring!.roleArn = undefined;
    const second = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(second.error?.message).toBe('web cannot be deployed natively: advancedConfiguration.roleArn is not set');
    expect(ports.ecs.calls).not.toContain('startDeployment');
  });

  it('refuses a listener-rule-arn that is not the service’s production rule', async () => {
    const ports = nativePorts();
    const wrong = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1111/2222/other';
    const { error } = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }, [], { expectedProductionRule: wrong }), ports);
    expect(error?.message).toContain("is not web's production listener rule");
    expect(ports.ecs.calls).not.toContain('startDeployment');
  });

  it('refuses when a service deployment is already in progress, or production is split', async () => {
    const ports = nativePorts();
    await ports.ecs.startDeployment('web', taskDef(9));
    const busy = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(busy.error?.message).toMatch(/^web already has a service deployment PENDING/);
    ports.ecs.deployments = [];
    ports.ecs.weights = { [TG_A]: 90, [TG_B]: 10 };
    const split = await runNativeCanary(plan({ strategy: 'CANARY', percent: 10 }), ports);
    expect(split.error?.message).toMatch(/is not whole on one target group/);
    expect(ports.ecs.updates).toHaveLength(1);
  });
});

describe('steps → native shape', () => {
  it('maps one step then 100 to CANARY and equal steps to LINEAR', () => {
    expect(nativeShape([10, 100])).toEqual({ strategy: 'CANARY', percent: 10 });
    expect(nativeShape([0.5, 100])).toEqual({ strategy: 'CANARY', percent: 0.5 });
    expect(nativeShape([25, 50, 75, 100])).toEqual({ strategy: 'LINEAR', stepPercent: 25 });
    expect(nativeShape([20, 40, 60, 80, 100])).toEqual({ strategy: 'LINEAR', stepPercent: 20 });
  });

  it.each([[[10, 50, 100]], [[50, 100, 100]], [[25, 50, 75]], [[100]], [[2, 4, 100]], [[30, 60, 100]]])(
    'rejects %j with both forms named',
    (steps) => {
      const shape = nativeShape(steps);
      expect(typeof shape).toBe('string');
      expect(shape).toContain('10,100');
      expect(shape).toContain('25,50,75,100');
      expect(shape).toContain('two-service mode');
    },
  );
});
