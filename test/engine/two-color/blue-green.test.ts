import { describe, expect, it } from 'vitest';
import { runBlueGreen, type BlueGreenPlan } from '../../../shared/engine/two-color/blue-green.ts';
import type { Gate, Verdict } from '../../../shared/engine/ports.ts';
import { FakeFleet, FakeRouter, FakeTestListener, ScriptedGate, TG, fakePorts, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';

const WEB2 = taskDef(2);

function plan(overrides: Partial<BlueGreenPlan> = {}, gates: Gate[] = []): BlueGreenPlan {
  return {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    phase: 'all',
    taskDefinition: { reference: 'web:2' },
    bakeMs: 60_000,
    extensionMs: 60_000,
    pollMs: 15_000,
    waitTimeoutMs: 600_000,
    scaleDownPrevious: false,
    takeover: false,
    gates: () => gates,
    ...overrides,
  };
}

/** The fleet as prepare leaves it: blue live on web:1, green idle running web:2, completed. */
function preparedFleet(): FakeFleet {
  return new FakeFleet({ blueRevision: 1, greenRevision: 2 });
}

const switchPlan = (overrides: Partial<BlueGreenPlan> = {}, gates: Gate[] = []) =>
  plan({ phase: 'switch', taskDefinition: undefined, preparedTaskDefinition: WEB2, ...overrides }, gates);

describe('blue-green engine: prepare', () => {
  it('deploys to the idle color, waits for it, points the test listener at it, and moves no user traffic', async () => {
    const testListener = new FakeTestListener();
    testListener.weights = { [TG.blue]: 100 };
    testListener.lag = 2;
    const ports = { ...fakePorts(), testListener };
    const { report, error, testUrl } = await runBlueGreen(plan({ phase: 'prepare' }), ports);

    expect(error).toBeUndefined();
    expect(report.result).toBe('prepared');
    expect(report.taskDefinitionArn).toBe(WEB2);
    expect(report.liveColor).toBe('blue');
    expect(ports.fleet.primary('web-green')).toMatchObject({ taskDefinition: WEB2, rolloutState: 'COMPLETED' });
    expect(ports.router.writes).toEqual([]);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
    // Verified through the read lag: one write, read back until it shows.
    expect(testListener.writes).toEqual([{ [TG.green]: 100 }]);
    expect(testUrl).toBe('http://demo-alb-1234.us-east-1.elb.amazonaws.com:8443');
    expect(report.facts['Test URL']).toBe(testUrl);
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });

  it('without a test listener, prepares and leaves the listeners alone', async () => {
    const ports = fakePorts({ router: new FakeRouter({ blue: 0, green: 100 }) });
    const { report, testUrl } = await runBlueGreen(plan({ phase: 'prepare' }), ports);
    expect(report.result).toBe('prepared');
    expect(ports.fleet.primary('web-blue').taskDefinition).toBe(WEB2);
    expect(testUrl).toBeUndefined();
    expect(ports.router.writes).toEqual([]);
  });

  it('fails with the ECS evidence when the deployment fails, before touching either listener', async () => {
    const testListener = new FakeTestListener();
    const ports = { ...fakePorts(), testListener };
    ports.fleet.rollout = { kind: 'circuit-breaker', afterPolls: 2 };
    const { report, error } = await runBlueGreen(plan({ phase: 'prepare' }), ports);

    expect(report.result).toBe('failed');
    expect(error?.message).toMatch(/ECS deployment of web-green failed: deployment .* FAILED: ECS deployment circuit breaker/);
    expect(error?.why.join('\n')).toMatch(/Essential container in task exited/);
    expect(testListener.writes).toEqual([]);
    expect(ports.router.writes).toEqual([]);
  });

  it('refuses split weights without takeover', async () => {
    const ports = fakePorts({ router: new FakeRouter({ blue: 30, green: 70 }) });
    const { report, error } = await runBlueGreen(plan({ phase: 'prepare' }), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toMatch(/Traffic is split \(blue=30,green=70\)/);
    expect(ports.fleet.faults.calls).not.toContain('deploy');
    expect(ports.router.writes).toEqual([]);
  });

  it('stops on cancel while waiting for the deployment, with user traffic untouched', async () => {
    const controller = new AbortController();
    const testListener = new FakeTestListener();
    const ports = { ...fakePorts(), testListener };
    ports.fleet.rollout = { kind: 'hangs' };
    ports.clock.onSleep = () => {
      if (ports.clock.slept >= 60_000) controller.abort();
    };
    const { report, error } = await runBlueGreen(plan({ phase: 'prepare' }), ports, controller.signal);

    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.writes).toEqual([]);
    expect(testListener.writes).toEqual([]);
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });
});

describe('blue-green engine: switch', () => {
  it('moves 100 % in one verified write, bakes with the gates, and promotes', async () => {
    const router = new FakeRouter();
    router.lag = 3;
    const ports = fakePorts({ fleet: preparedFleet(), router });
    const told: string[] = [];
    const gate = new ScriptedGate('alarms', ['pass']);
    const { report, error } = await runBlueGreen(switchPlan({}, [gate]), {
      ...ports,
      onTaskDefinition: async (arn) => void told.push(arn),
    });

    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.liveColor).toBe('green');
    expect(report.previousColor).toBe('blue');
    expect(router.writes).toEqual([{ [TG.blue]: 0, [TG.green]: 100 }]);
    expect(router.colors()).toEqual({ blue: 0, green: 100 });
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ weight: 100, verdict: 'pass', polls: 5, durationMs: 60_000 });
    expect(report.steps[0]!.gates.map((g) => g.gate)).toEqual(['ECS deployment', 'alarms']);
    expect(ports.fleet.faults.calls).not.toContain('deploy');
    expect(told).toEqual([WEB2]);
    expect(ports.fleet.service('web-blue').desiredCount).toBe(2);
  });

  it('rolls back when a gate fails after the switch', async () => {
    const router = new FakeRouter();
    const ports = fakePorts({ fleet: preparedFleet(), router });
    const gate = new ScriptedGate('5xx rate', ['pass', 'pass', 'fail']);
    const { report, error } = await runBlueGreen(switchPlan({}, [gate]), ports);

    expect(report.result).toBe('rolled-back');
    expect(error?.message).toMatch(/Gate failed at step 1 \(100% on green\)/);
    expect(error?.why).toEqual(['5xx rate: scripted fail (threshold script)']);
    expect(router.writes).toEqual([
      { [TG.blue]: 0, [TG.green]: 100 },
      { [TG.blue]: 100, [TG.green]: 0 },
    ]);
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
    expect(report.liveColor).toBe('blue');
    expect(report.weights).toEqual({ blue: 100, green: 0 });
    expect(report.steps[0]!.verdict).toBe('fail');
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });

  it('rolls back when the prepared deployment starts failing tasks during the bake', async () => {
    const fleet = preparedFleet();
    const ports = fakePorts({ fleet });
    ports.clock.onSleep = () => {
      fleet.primary('web-green').failedTasks = 2;
    };
    const { report, error } = await runBlueGreen(switchPlan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.why.join()).toMatch(/ECS deployment: 2 task\(s\) failed during the step/);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('refuses when someone deployed another version to the idle color after prepare', async () => {
    const fleet = new FakeFleet({ blueRevision: 1, greenRevision: 3 });
    const ports = fakePorts({ fleet });
    const { report, error } = await runBlueGreen(switchPlan(), ports);

    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The idle color changed since prepare: web-green (green) no longer runs web:2');
    expect(error?.why[0]).toBe(`it now runs ${taskDef(3)}`);
    expect(error?.fix).toMatch(/Run the prepare phase again/);
    expect(ports.router.writes).toEqual([]);
    expect(ports.fleet.faults.calls).not.toContain('deploy');
  });

  it('refuses when the idle color was scaled down since prepare', async () => {
    const fleet = preparedFleet();
    await fleet.scale('web-green', 0);
    const ports = fakePorts({ fleet });
    const { error } = await runBlueGreen(switchPlan(), ports);
    expect(error?.message).toBe('web-green (green) is not ready to take traffic');
    expect(error?.why).toEqual([expect.stringMatching(/COMPLETED, 0\/0 tasks running/)]);
    expect(ports.router.writes).toEqual([]);
  });

  it('refuses when the idle color has unhealthy targets', async () => {
    const router = new FakeRouter();
    router.health = (tg) =>
      tg === TG.green
        ? { healthy: 1, total: 2, problems: ['10.0.1.5:8080 unhealthy (Target.FailedHealthChecks)'] }
        : { healthy: 2, total: 2, problems: [] };
    const ports = fakePorts({ fleet: preparedFleet(), router });
    const { error } = await runBlueGreen(switchPlan(), ports);
    expect(error?.message).toBe('web-green (green) has unhealthy targets: 1/2 healthy');
    expect(error?.why).toEqual(['10.0.1.5:8080 unhealthy (Target.FailedHealthChecks)']);
    expect(router.writes).toEqual([]);
  });

  it('reports promoted and changes nothing when the prepared version is already live', async () => {
    const router = new FakeRouter({ blue: 0, green: 100 });
    const ports = fakePorts({ fleet: preparedFleet(), router });
    const told: string[] = [];
    const { report, error } = await runBlueGreen(switchPlan(), { ...ports, onTaskDefinition: async (arn) => void told.push(arn) });
    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.liveColor).toBe('green');
    expect(router.writes).toEqual([]);
    expect(told).toEqual([]);
  });

  it('refuses split weights, and with takeover restores the larger side first', async () => {
    const refused = await runBlueGreen(
      switchPlan(),
      fakePorts({ fleet: preparedFleet(), router: new FakeRouter({ blue: 70, green: 30 }) }),
    );
    expect(refused.error?.message).toMatch(/Traffic is split/);

    const router = new FakeRouter({ blue: 70, green: 30 });
    const { report } = await runBlueGreen(switchPlan({ takeover: true }), fakePorts({ fleet: preparedFleet(), router }));
    expect(report.result).toBe('promoted');
    expect(router.writes.map((w) => w[TG.green])).toEqual([0, 100]);
  });

  it('on cancel during the bake puts 100 % back on the previous color and verifies it', async () => {
    const controller = new AbortController();
    const router = new FakeRouter();
    router.lag = 1;
    const ports = fakePorts({ fleet: preparedFleet(), router });
    const phases: string[] = [];
    const save = ports.checkpoint.save.bind(ports.checkpoint);
    ports.checkpoint.save = (key, value) => {
      if (key === 'phase') phases.push(value);
      save(key, value);
    };
    ports.clock.onSleep = () => {
      if (router.effective().green === 100 && ports.clock.slept >= 30_000) controller.abort();
    };
    const { report, error } = await runBlueGreen(switchPlan(), ports, controller.signal);

    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('The run was cancelled');
    expect(report.steps[0]!.verdict).toBe('cancelled');
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
    expect(phases).toEqual(['shift', 'done']);
    expect(JSON.parse(ports.checkpoint.state.get('restore')!)).toEqual({
      router: router.target,
      weights: { [TG.blue]: 100, [TG.green]: 0 },
    });
  });
});

describe('blue-green engine: cancelled', () => {
  it('before it starts (inspect): changes nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const ports = fakePorts({ fleet: preparedFleet() });
    for (const phase of ['prepare', 'switch', 'all'] as const) {
      const { report, error } = await runBlueGreen(phase === 'switch' ? switchPlan() : plan({ phase }), ports, controller.signal);
      expect(report.result).toBe('failed');
      expect(error?.message).toBe('The run was cancelled');
    }
    expect(ports.router.writes).toEqual([]);
    expect(ports.fleet.faults.calls).not.toContain('deploy');
  });

  it('while pointing the test listener: user traffic untouched, the run stops', async () => {
    const controller = new AbortController();
    const testListener = new FakeTestListener();
    testListener.lag = 5;
    const ports = { ...fakePorts(), testListener };
    ports.clock.onSleep = () => {
      if (testListener.writes.length > 0) controller.abort();
    };
    const { report, error } = await runBlueGreen(plan({ phase: 'all' }), ports, controller.signal);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.writes).toEqual([]);
  });
});

describe('blue-green engine: all', () => {
  it('prepares and switches in one run', async () => {
    const testListener = new FakeTestListener();
    const ports = { ...fakePorts(), testListener };
    const verdicts: Verdict[] = ['pass'];
    const { report, error, testUrl } = await runBlueGreen(plan({}, [new ScriptedGate('alarms', verdicts)]), ports);

    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.liveColor).toBe('green');
    expect(testUrl).toMatch(/^http:\/\//);
    expect(ports.router.writes).toEqual([{ [TG.blue]: 0, [TG.green]: 100 }]);
    expect(ports.fleet.primary('web-green').taskDefinition).toBe(WEB2);
  });

  it('scales the previous color down after promotion when asked', async () => {
    const ports = fakePorts();
    const { report } = await runBlueGreen(plan({ scaleDownPrevious: true }), ports);
    expect(report.result).toBe('promoted');
    expect(ports.fleet.service('web-blue').desiredCount).toBe(0);
  });
});
