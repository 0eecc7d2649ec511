import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosPlan } from '../../../shared/engine/chaos/chaos.ts';
import { DRAINED, reregisterFromCheckpoint } from '../../../shared/engine/chaos/drain-state.ts';
import type { TargetControl } from '../../../shared/engine/chaos/ports.ts';
import { throttled, TG } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { ChaosWorld, sequence } from './world.ts';

const plan = (overrides: Partial<ChaosPlan> = {}): ChaosPlan => ({
  cluster: 'staging',
  allowedClusters: ['staging'],
  experiment: 'stop-tasks',
  target: { service: 'web-blue' },
  amount: { count: 1 },
  maxPercent: 34,
  alarms: ['web-5xx'],
  dryRun: false,
  holdMs: 60_000,
  recoveryTimeoutMs: 300_000,
  pollMs: 10_000,
  reason: 'chaos experiment by test',
  ...overrides,
});

describe('guardrails', () => {
  it('refuses a cluster outside allowed-clusters before any call', async () => {
    const world = new ChaosWorld();
    const { report, error } = await runChaos(plan({ cluster: 'production' }), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe('Chaos refused: cluster production is not in allowed-clusters');
    expect(world.calls).toEqual([]);
    expect(world.fleet.faults.calls).toEqual([]);
  });

  // The fake fleet's services live in cluster demo of account 123456789012 in us-east-1.
  const DEMO = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo';

  it('admits a cluster given by ARN when that ARN is allowed', async () => {
    const world = new ChaosWorld();
    const { report } = await runChaos(plan({ cluster: DEMO, allowedClusters: [DEMO] }), world.ports());
    expect(report.result).toBe('recovered');
  });

  it("refuses another account's cluster of an allowed name, before any call", async () => {
    const world = new ChaosWorld();
    const other = 'arn:aws:ecs:us-east-1:999999999999:cluster/staging';
    for (const allowedClusters of [['staging'], ['arn:aws:ecs:us-east-1:123456789012:cluster/staging']]) {
      const { report, error } = await runChaos(plan({ cluster: other, allowedClusters }), world.ports());
      expect(report.result).toBe('refused');
      expect(error?.message).toBe(`Chaos refused: cluster ${other} is not in allowed-clusters`);
    }
    expect(world.calls).toEqual([]);
    expect(world.fleet.faults.calls).toEqual([]);
  });

  it('refuses a cluster name whose ARN (read from the service) is not the allowed ARN, before any fault', async () => {
    const world = new ChaosWorld();
    const elsewhere = 'arn:aws:ecs:us-east-1:999999999999:cluster/demo';
    const { report, error } = await runChaos(plan({ cluster: 'demo', allowedClusters: [elsewhere] }), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe(`Chaos refused: cluster ${DEMO} is not in allowed-clusters`);
    expect(world.mutations()).toEqual([]);
  });

  it('reports an AWS failure before the fault as failed, not refused', async () => {
    const world = new ChaosWorld();
    world.fleet.faults.failNext('describeServices', new Error('AccessDeniedException: not authorized'));
    const { report, error } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('failed');
    expect(error?.message).toContain('AccessDenied');
    expect(world.mutations()).toEqual([]);
  });

  it('refuses a plan above max-percent and touches nothing', async () => {
    const world = new ChaosWorld(3);
    const { report, error } = await runChaos(plan({ amount: { percent: 50 } }), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe('Chaos refused: 2 of 3 running tasks is 66.7 %, above max-percent 34 %');
    expect(error?.fix).toContain('at most 1 of 3');
    expect(world.mutations()).toEqual([]);
  });

  it('rounds a percentage up to at least one task', async () => {
    const world = new ChaosWorld(4);
    const { report } = await runChaos(plan({ amount: { percent: 10 } }), world.ports());
    expect(report.plan).toMatchObject({ population: 4, percent: 25 });
    expect(world.mutations()).toHaveLength(1);
  });

  it('refuses when an alarm is already in ALARM', async () => {
    const world = new ChaosWorld();
    world.alarmScript = () => ({ 'web-5xx': 'ALARM' });
    const { report, error } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.why).toEqual(['web-5xx: web-5xx is ALARM']);
    expect(world.mutations()).toEqual([]);
  });

  it('treats an alarm CloudWatch does not know as an error, not a pass', async () => {
    const world = new ChaosWorld();
    const { error } = await runChaos(plan({ alarms: ['web-5xx', 'typo'] }), world.ports());
    expect(error?.message).toBe('CloudWatch alarm(s) not found: typo');
    expect(world.mutations()).toEqual([]);
  });

  it('refuses a service with a deployment in progress', async () => {
    const world = new ChaosWorld();
    await world.fleet.deploy('web-blue', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:9', 3);
    world.fleet.rollout = { kind: 'hangs' };
    const { report, error } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe('Chaos refused: web-blue has a deployment in progress');
    expect(world.mutations()).toEqual([]);
  });

  it('refuses a service that is not steady before the fault', async () => {
    const world = new ChaosWorld(3);
    world.tasks = world.tasks.slice(1);
    world.sync();
    const { report, error } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe('Chaos refused: web-blue is not steady (2/3 running, 2 task(s) listed, 2 healthy target(s))');
    expect(world.mutations()).toEqual([]);
  });
});

describe('dry run', () => {
  it('prints the plan and touches nothing', async () => {
    for (const experiment of ['stop-tasks', 'drain-targets'] as const) {
      const world = new ChaosWorld();
      const { report, error } = await runChaos(plan({ experiment, dryRun: true }), world.ports(sequence([0.99])));
      expect(error).toBeUndefined();
      expect(report.result).toBe('dry-run');
      expect(report.plan?.victims).toHaveLength(1);
      expect(world.mutations()).toEqual([]);
      expect(world.checkpoint.state.get(DRAINED)).toBeUndefined();
      expect(report.timeline.at(-1)?.message).toBe('Dry run: nothing was touched');
    }
  });
});

describe('stop-tasks', () => {
  it('stops the randomly chosen tasks and times the recovery', async () => {
    const world = new ChaosWorld(6);
    const blue = world.tasks.filter((t) => t.service === 'web-blue');
    // 0.99 picks the last of 6, then 0 the first of the remaining 5.
    const { report, error } = await runChaos(plan({ amount: { count: 2 } }), world.ports(sequence([0.99, 0])));
    expect(error).toBeUndefined();
    expect(report.result).toBe('recovered');
    expect(world.mutations()).toEqual([
      `stopTask ${blue[5]!.arn.split('/').pop()} chaos experiment by test`,
      `stopTask ${blue[1]!.arn.split('/').pop()} chaos experiment by test`,
    ]);
    // Replacements start after 20 s and are healthy 15 s later; polls every 10 s → 40 s.
    expect(report.recoverySeconds).toBe(40);
    expect(report.faultAt).toBe(world.clock.now() - 40_000);
  });

  it('aborts as soon as an alarm enters ALARM, before the next stop', async () => {
    const world = new ChaosWorld(6);
    let stops = 0;
    world.alarmScript = () => ({ 'web-5xx': stops > 0 ? 'ALARM' : 'OK' });
    const stop = world.taskControl.stopTask;
    world.taskControl.stopTask = async (arn, reason) => {
      stops += 1;
      await stop(arn, reason);
    };
    const { report, error } = await runChaos(plan({ amount: { count: 2 } }), world.ports());
    expect(report.result).toBe('aborted');
    expect(error?.message).toBe('Chaos aborted: an alarm entered ALARM before stopping the next task');
    expect(world.mutations()).toHaveLength(1);
  });

  it('aborts when an alarm fires while the service recovers', async () => {
    const world = new ChaosWorld();
    let faultAt = 0;
    world.alarmScript = (now) => ({ 'web-5xx': faultAt && now >= faultAt + 10_000 ? 'ALARM' : 'OK' });
    const stop = world.taskControl.stopTask;
    world.taskControl.stopTask = async (arn, reason) => {
      faultAt = world.clock.now();
      await stop(arn, reason);
    };
    const { report, error } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('aborted');
    expect(error?.message).toBe('Chaos aborted: an alarm entered ALARM while the service was recovering');
  });

  it('fails as not-recovered when the tasks are not replaced in time, with the evidence', async () => {
    const world = new ChaosWorld();
    world.replaceMs = undefined;
    const { report, error } = await runChaos(plan({ recoveryTimeoutMs: 60_000 }), world.ports());
    expect(report.result).toBe('not-recovered');
    expect(error?.message).toBe('web-blue did not recover within 1m (web-blue: 2/3 running, 2 listed, 2 healthy target(s))');
    expect(report.recoverySeconds).toBeUndefined();
    expect(world.clock.now() - report.faultAt!).toBe(60_000);
  });

  it('retries a throttled StopTask', async () => {
    const world = new ChaosWorld();
    const stop = world.taskControl.stopTask;
    let attempts = 0;
    world.taskControl.stopTask = async (arn, reason) => {
      if (attempts++ === 0) throw throttled();
      await stop(arn, reason);
    };
    const { report } = await runChaos(plan(), world.ports());
    expect(report.result).toBe('recovered');
    expect(attempts).toBe(2);
    expect(world.log.lines.some((l) => l.startsWith('WARN ecs.stopTask failed (ThrottlingException)'))).toBe(true);
  });

  it('hits the live color when given the two colors', async () => {
    const world = new ChaosWorld();
    await world.router.writeWeights({ [TG.blue]: 0, [TG.green]: 100 });
    const { report } = await runChaos(plan({ target: { colors: { blue: 'web-blue', green: 'web-green' } } }), world.ports());
    expect(report.service).toBe('web-green');
    expect(report.result).toBe('recovered');
    expect(world.mutations()[0]).toMatch(/^stopTask t\d+ /);
    expect(world.tasks.filter((t) => t.service === 'web-blue')).toHaveLength(3);
  });

  it('refuses split traffic', async () => {
    const world = new ChaosWorld();
    await world.router.writeWeights({ [TG.blue]: 50, [TG.green]: 50 });
    const { report, error } = await runChaos(plan({ target: { colors: { blue: 'web-blue', green: 'web-green' } } }), world.ports());
    expect(report.result).toBe('refused');
    expect(error?.message).toBe('Chaos refused: traffic is split (blue=50,green=50)');
  });
});

describe('drain-targets', () => {
  it('deregisters, holds, registers back and times the recovery', async () => {
    const world = new ChaosWorld();
    const saved: string[] = [];
    const save = world.checkpoint.save.bind(world.checkpoint);
    world.checkpoint.save = (key, value) => {
      if (key === DRAINED) saved.push(value);
      save(key, value);
    };
    const { report, error } = await runChaos(plan({ experiment: 'drain-targets' }), world.ports(sequence([0])));
    expect(error).toBeUndefined();
    expect(report.result).toBe('recovered');
    const victim = world.tasks[0]!.ip;
    expect(world.mutations()).toEqual([`deregister ${victim}:8080`, `register ${victim}:8080`]);
    expect(saved).toEqual([JSON.stringify({ targetGroupArn: TG.blue, targets: [{ id: victim, port: 8080 }] }), '']);
    // Registered after the 60 s hold; healthy 15 s later; polls every 10 s.
    expect(report.recoverySeconds).toBe(20);
  });

  it('registers the targets back at once when an alarm fires during the hold', async () => {
    const world = new ChaosWorld();
    const start = world.clock.now();
    world.alarmScript = (now) => ({ 'web-5xx': now >= start + 20_000 ? 'ALARM' : 'OK' });
    const { report, error } = await runChaos(plan({ experiment: 'drain-targets' }), world.ports());
    expect(report.result).toBe('aborted');
    expect(error?.message).toBe('Chaos aborted: an alarm entered ALARM while targets were drained');
    expect(world.mutations().map((m) => m.split(' ')[0])).toEqual(['deregister', 'register']);
    expect(world.clock.now() - start).toBe(20_000);
    expect(world.checkpoint.state.get(DRAINED)).toBe('');
  });

  it('registers the targets back when the run is cancelled during the hold', async () => {
    const world = new ChaosWorld();
    const controller = new AbortController();
    // The first sleep after the deregistration is inside the hold.
    world.clock.onSleep = () => {
      if (world.mutations().length === 1) controller.abort();
    };
    const { report, error } = await runChaos(plan({ experiment: 'drain-targets' }), world.ports(), controller.signal);
    expect(report.result).toBe('aborted');
    expect(error?.message).toBe('The run was cancelled');
    expect(world.mutations().map((m) => m.split(' ')[0])).toEqual(['deregister', 'register']);
    expect(world.checkpoint.state.get(DRAINED)).toBe('');
  });

  it('reports targets left out when they cannot be registered back', async () => {
    const world = new ChaosWorld();
    world.alarmScript = () => ({ 'web-5xx': world.mutations().length > 0 ? 'ALARM' : 'OK' });
    world.targetControl.register = async () => {
      throw new Error('AccessDenied');
    };
    const { report, error } = await runChaos(plan({ experiment: 'drain-targets' }), world.ports());
    expect(report.result).toBe('aborted');
    expect(error?.message).toBe(`Drained targets are still OUT of ${TG.blue}`);
    expect(world.checkpoint.state.get(DRAINED)).toContain(TG.blue);
  });

  it('the post step registers what the checkpoint says is still drained', async () => {
    const world = new ChaosWorld();
    const targets = { targetGroupArn: TG.blue, targets: [{ id: '10.0.0.9', port: 8080 }] };
    let attempts = 0;
    const control: TargetControl = {
      ...world.targetControl,
      register: async (arn, list) => {
        if (attempts++ === 0) throw throttled();
        await world.targetControl.register(arn, list);
      },
    };
    const message = await reregisterFromCheckpoint(JSON.stringify(targets), () => control, world.ports());
    expect(message).toBe(`Re-registered 10.0.0.9:8080 in ${TG.blue}`);
    expect(world.mutations()).toEqual(['register 10.0.0.9:8080']);
    expect(await reregisterFromCheckpoint('', () => control, world.ports())).toBe('Nothing to re-register (no targets were left drained)');
  });
});
