import { describe, expect, it } from 'vitest';
import { runCanary, type CanaryPlan } from '../../../shared/engine/two-color/canary.ts';
import { TransientError } from '../../../shared/errors.ts';
import type { Gate, Verdict } from '../../../shared/engine/ports.ts';
import { FakeFleet, FakeRouter, ScriptedGate, fakePorts, taskDef, throttled } from '../../../sandbox/rehearsal/engine-fakes.ts';

function plan(overrides: Partial<CanaryPlan> = {}, gates: Gate[] = []): CanaryPlan {
  return {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    taskDefinition: { reference: 'web:2' },
    steps: [10, 50, 100],
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

/** A gate that passes except at the given step index (0-based), judged by the weights it sees. */
function failAtStep(router: FakeRouter, weight: number): ScriptedGate {
  return new ScriptedGate('5xx rate', (): Verdict => (router.effective().green === weight ? 'fail' : 'pass'));
}

describe('canary engine', () => {
  it('promotes through every step and leaves the previous color warm', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('alarms', ['pass']);
    const { report, error } = await runCanary(plan({}, [gate]), ports);

    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.liveColor).toBe('green');
    expect(report.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
    expect(ports.router.writes.map((w) => Object.values(w))).toEqual([
      [90, 10],
      [50, 50],
      [0, 100],
    ]);
    expect(report.steps.map((s) => [s.weight, s.verdict])).toEqual([
      [10, 'pass'],
      [50, 'pass'],
      [100, 'pass'],
    ]);
    // Each step bakes the full bake time: evaluations at 0, 15, 30, 45 and 60 s.
    expect(report.steps.every((s) => s.polls === 5 && s.durationMs === 60_000)).toBe(true);
    expect(ports.fleet.service('web-blue').desiredCount).toBe(2);
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });

  it('deploys to the idle color at the live size and scales the previous one down when asked', async () => {
    const fleet = new FakeFleet();
    fleet.service('web-blue').desiredCount = 4;
    const router = new FakeRouter({ blue: 0, green: 100 });
    router.health = () => ({ healthy: 4, total: 4, problems: [] });
    const ports = fakePorts({ fleet, router });
    fleet.service('web-green').desiredCount = 4;
    fleet.service('web-blue').desiredCount = 1;
    const { report } = await runCanary(plan({ scaleDownPrevious: true }), ports);

    expect(report.result).toBe('promoted');
    expect(report.liveColor).toBe('blue');
    expect(fleet.primary('web-blue')).toMatchObject({
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
      desiredCount: 4,
    });
    expect(fleet.service('web-green').desiredCount).toBe(0);
  });

  it('registers a task definition document before deploying it', async () => {
    const ports = fakePorts();
    const document = { family: 'web', containerDefinitions: [{ name: 'app', image: 'web:v2' }] };
    const { report } = await runCanary(plan({ taskDefinition: { document } }), ports);
    expect(ports.fleet.registered).toEqual([document]);
    expect(report.taskDefinitionArn).toBe(taskDef(101));
  });

  it.each([10, 50, 100])(
    'a gate failing at the step of %i percent puts all traffic back on the previous color, verified',
    async (weight) => {
      const router = new FakeRouter();
      router.lag = 2;
      const ports = fakePorts({ router });
      const { report, error } = await runCanary(plan({}, [failAtStep(router, weight)]), ports);

      expect(report.result).toBe('rolled-back');
      expect(error?.message).toBe(`Gate failed at step ${[10, 50, 100].indexOf(weight) + 1} (${weight}% on green)`);
      expect(error?.why).toEqual(['5xx rate: scripted fail (threshold script)']);
      expect(router.colors()).toEqual({ blue: 100, green: 0 });
      expect(router.writes.at(-1)).toEqual(
        Object.fromEntries(Object.entries(router.writes[0]!).map(([arn], i) => [arn, i === 0 ? 100 : 0])),
      );
      expect(report.liveColor).toBe('blue');
      expect(report.steps.at(-1)?.verdict).toBe('fail');
      expect(ports.log.lines).toContain('Traffic verified: 100 % on blue');
    },
  );

  it('an inconclusive gate extends the step, then fails it and rolls back; it never promotes', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('5xx rate', ['inconclusive']);
    const { report, error } = await runCanary(plan({ bakeMs: 60_000, extensionMs: 120_000 }, [gate]), ports);

    expect(report.result).toBe('rolled-back');
    expect(error?.why[0]).toContain('still inconclusive after the extension');
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]!.durationMs).toBe(180_000);
  });

  it('an inconclusive gate that resolves within the extension lets the step pass', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('5xx rate', [
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'pass',
    ]);
    const { report } = await runCanary(plan({ steps: [100] }, [gate]), ports);
    expect(report.result).toBe('promoted');
    expect(report.steps[0]!.durationMs).toBe(90_000);
  });

  it.each([
    ['fails', { kind: 'fails', afterPolls: 2, reason: 'tasks failed to start' }],
    ['circuit-breaker', { kind: 'circuit-breaker', afterPolls: 2 }],
  ] as const)(
    'an ECS deployment that %s fails before any shift, with events and stopped reasons, weights untouched',
    async (_, rollout) => {
      const fleet = new FakeFleet();
      fleet.rollout = rollout;
      const ports = fakePorts({ fleet });
      const { report, error } = await runCanary(plan(), ports);

      expect(report.result).toBe('failed');
      expect(error?.message).toMatch(
        /^ECS deployment of web-green failed: deployment ecs-svc\/3 (FAILED|is no longer PRIMARY: ECS now runs web:1)/,
      );
      expect(error?.why.join('\n')).toContain('deployment failed: tasks failed to start');
      expect(error?.why.join('\n')).toContain('stopped task abc123: Essential container in task exited');
      expect(ports.router.writes).toEqual([]);
      expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
    },
  );

  it('a deployment that never completes times out with the evidence', async () => {
    const fleet = new FakeFleet();
    fleet.rollout = { kind: 'hangs' };
    const ports = fakePorts({ fleet });
    const { error } = await runCanary(plan({ waitTimeoutMs: 120_000 }), ports);
    expect(error?.message).toMatch(/did not finish within 2m \(web-green: 0\/2 tasks running \(IN_PROGRESS\)\)/);
    expect(ports.router.writes).toEqual([]);
  });

  it('waits for the new targets to be healthy before shifting', async () => {
    const router = new FakeRouter();
    let healthChecks = 0;
    router.health = () =>
      ++healthChecks < 3
        ? { healthy: 1, total: 2, problems: ['127.0.0.1:8080 initial (Elb.RegistrationInProgress)'] }
        : { healthy: 2, total: 2, problems: [] };
    const ports = fakePorts({ router });
    const { report } = await runCanary(plan(), ports);
    expect(report.result).toBe('promoted');
    expect(healthChecks).toBe(3);
    expect(ports.log.lines).toContain('web-green: 1/2 targets healthy');
  });

  it('a task failing during a step fails the ECS gate and rolls back', async () => {
    const router = new FakeRouter();
    const fleet = new FakeFleet();
    const ports = fakePorts({ fleet, router });
    ports.clock.onSleep = () => {
      if (router.effective().green === 50) fleet.primary('web-green').failedTasks = 1;
    };
    const { report, error } = await runCanary(plan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.why).toEqual([
      'ECS deployment: 1 task(s) failed during the step (threshold PRIMARY, no failed tasks, running = desired)',
    ]);
  });

  it.each([
    ['describeServices', 'fleet'],
    ['deploy', 'fleet'],
    ['resolveTaskDefinition', 'fleet'],
    ['readWeights', 'router'],
    ['writeWeights', 'router'],
    ['targetHealth', 'router'],
  ] as const)('throttling on %s is retried and the run completes', async (method, port) => {
    const ports = fakePorts();
    ports[port].faults.failNext(method, throttled(), 3);
    const { report, error } = await runCanary(plan(), ports);
    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(ports.log.lines.filter((l) => l.includes('(ThrottlingException); retry')).length).toBe(3);
  });

  it('throttling on a gate is retried and the run completes', async () => {
    const gate = new ScriptedGate('alarms', ['pass']);
    gate.faults.failNext('evaluate', throttled(), 3);
    const ports = fakePorts();
    const { report, error } = await runCanary(plan({}, [gate]), ports);
    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(ports.log.lines.filter((l) => l.includes('gate "alarms".evaluate failed (ThrottlingException)')).length).toBe(3);
  });

  it('a gate whose AWS calls keep failing ends in a clean rollback, never a promotion', async () => {
    const gate = new ScriptedGate('alarms', ['pass']);
    gate.faults.failNext('evaluate', throttled(), 10);
    const ports = fakePorts();
    const { report, error } = await runCanary(plan({}, [gate]), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('AWS kept failing on gate "alarms".evaluate (4 attempts)');
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('a persistent AWS error during a step ends in a clean, verified rollback', async () => {
    const router = new FakeRouter();
    const ports = fakePorts({ router });
    ports.clock.onSleep = () => {
      if (router.effective().green === 50)
        ports.fleet.faults.failNext('describeServices', new TransientError('ServiceUnavailable', 'down'), 10);
    };
    const { report, error } = await runCanary(plan(), ports);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('AWS kept failing on ecs.describeServices (4 attempts)');
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('refuses to start on split weights, naming the way out, and touches nothing', async () => {
    const ports = fakePorts({ router: new FakeRouter({ blue: 30, green: 70 }) });
    const { report, error } = await runCanary(plan(), ports);
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('Traffic is split (blue=30,green=70): another run may be in progress or was interrupted');
    expect(error?.fix).toContain('rollback action');
    expect(ports.router.writes).toEqual([]);
    expect(ports.fleet.faults.calls).not.toContain('deploy');
  });

  it('refuses to start while another deployment is in progress on a color', async () => {
    const fleet = new FakeFleet();
    fleet.primary('web-green').rolloutState = 'IN_PROGRESS';
    const ports = fakePorts({ fleet });
    const { error } = await runCanary(plan(), ports);
    expect(error?.message).toMatch(/^web-green already has a deployment in progress/);
    expect(fleet.faults.calls).not.toContain('deploy');
  });

  it('with takeover, restores the larger side first and then deploys', async () => {
    const ports = fakePorts({ router: new FakeRouter({ blue: 30, green: 70 }) });
    const { report } = await runCanary(plan({ takeover: true }), ports);
    expect(report.result).toBe('promoted');
    expect(report.previousColor).toBe('green');
    expect(report.liveColor).toBe('blue');
    expect(Object.values(ports.router.writes[0]!)).toEqual([0, 100]);
  });

  it('refuses a listener that forwards to a target group of neither color', async () => {
    const router = new FakeRouter();
    const ports = fakePorts({ router });
    await router.writeWeights({
      ...(await router.readWeights()),
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/1': 5,
    });
    router.writes = [];
    const { error } = await runCanary(plan(), ports);
    expect(error?.message).toBe('The listener sends traffic to a target group of neither color');
    expect(router.writes).toEqual([]);
  });
});

describe('canary cancellation', () => {
  /** Aborts the run the first time the clock sleeps in the given situation. */
  async function cancelWhen(condition: (ports: ReturnType<typeof fakePorts>) => boolean) {
    const ports = fakePorts();
    const controller = new AbortController();
    ports.clock.onSleep = () => {
      if (!controller.signal.aborted && condition(ports)) controller.abort();
    };
    const outcome = await runCanary(plan({}, [new ScriptedGate('alarms', ['pass'])]), ports, controller.signal);
    return { ports, ...outcome };
  }

  it('while the new deployment rolls out: stops, weights never touched', async () => {
    const { ports, report, error } = await cancelWhen((p) => p.fleet.faults.calls.includes('deploy'));
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.writes).toEqual([]);
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });

  it.each([10, 50, 100])('while baking the step of %i percent: traffic restored to the previous color', async (weight) => {
    const { ports, report, error } = await cancelWhen((p) => p.router.effective().green === weight);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('The run was cancelled');
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
    expect(report.steps.at(-1)?.verdict).toBe('cancelled');
  });

  it('while a weight write is being verified (read lag): traffic restored', async () => {
    const router = new FakeRouter();
    router.lag = 5;
    const ports = fakePorts({ router });
    const controller = new AbortController();
    ports.clock.onSleep = () => {
      if (router.writes.length === 1) controller.abort();
    };
    const { report } = await runCanary(plan(), ports, controller.signal);
    expect(report.result).toBe('rolled-back');
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('saves the restore point before the first shift so the post step can act', async () => {
    const ports = fakePorts();
    const controller = new AbortController();
    let seen: { phase?: string; restore?: string } = {};
    ports.clock.onSleep = () => {
      if (ports.router.writes.length === 1 && !seen.phase)
        seen = { phase: ports.checkpoint.state.get('phase'), restore: ports.checkpoint.state.get('restore') };
    };
    await runCanary(plan(), ports, controller.signal);
    expect(seen.phase).toBe('shift');
    expect(JSON.parse(seen.restore!)).toEqual({
      router: ports.router.target,
      weights: Object.fromEntries(Object.keys(ports.router.writes[0]!).map((arn, i) => [arn, i === 0 ? 100 : 0])),
    });
  });
});
