/**
 * "No action overwrites a traffic change it did not make": canary, blue-green, rollback and
 * the post step each compare the weights with the last ones the run wrote (or found) before
 * every write, and leave someone else's change alone.
 */
import { describe, expect, it } from 'vitest';
import { runBlueGreen, type BlueGreenPlan } from '../../../shared/engine/two-color/blue-green.ts';
import { runCanary, type CanaryPlan } from '../../../shared/engine/two-color/canary.ts';
import { OWNED_WEIGHTS_STATE, TrafficMovedError, TrafficOwnership, sameTraffic } from '../../../shared/engine/two-color/ownership.ts';
import { restoreFromCheckpoint } from '../../../shared/engine/two-color/restore.ts';
import { runRollback, type RollbackPlan } from '../../../shared/engine/two-color/rollback.ts';
import type { Gate } from '../../../shared/engine/ports.ts';
import {
  FakeClock,
  FakeFleet,
  FakeRouter,
  MemoryCheckpoint,
  MemoryLog,
  ScriptedGate,
  TG,
  fakePorts,
  taskDef,
} from '../../../sandbox/rehearsal/engine-fakes.ts';

const common = {
  cluster: 'demo',
  services: { blue: 'web-blue', green: 'web-green' },
  bakeMs: 60_000,
  extensionMs: 60_000,
  pollMs: 15_000,
  waitTimeoutMs: 600_000,
  scaleDownPrevious: false,
  takeover: false,
};
const canaryPlan = (gates: Gate[] = [], steps = [10, 50, 100]): CanaryPlan => ({
  ...common,
  taskDefinition: { reference: 'web:2' },
  steps,
  gates: () => gates,
});

/** Acts once, the first time the virtual clock passes `at` ms after the start. */
function at(clock: FakeClock, ms: number, act: () => void): void {
  const start = clock.time;
  let done = false;
  clock.onSleep = (now) => {
    if (!done && now - start >= ms) {
      done = true;
      act();
    }
  };
}

/** Acts the first time the router reads `weights` (e.g. during a step's bake). */
function whenRouterShows(router: FakeRouter, weights: { blue: number; green: number }, clock: FakeClock, act: () => void): void {
  let done = false;
  clock.onSleep = () => {
    const now = router.colors();
    if (!done && now.blue === weights.blue && now.green === weights.green) {
      done = true;
      act();
    }
  };
}

describe('canary: someone else moves traffic', () => {
  it('a manual rollback during a bake: the canary stops, writes nothing more, and reports both weights', async () => {
    const ports = fakePorts();
    whenRouterShows(ports.router, { blue: 90, green: 10 }, ports.clock, () => ports.router.setByOther({ blue: 100, green: 0 }));
    const { report, error } = await runCanary(canaryPlan([new ScriptedGate('alarms', ['pass'])]), ports);

    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(error?.message).toBe(`Someone else moved traffic on ${ports.router.target}: this run leaves it as it is`);
    expect(error?.why).toEqual(['this run last wrote: tg-blue=90, tg-green=10', 'the listener now has: tg-blue=100, tg-green=0']);
    expect(ports.router.writes).toEqual([{ [TG.blue]: 90, [TG.green]: 10 }]);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
    expect(report.result).toBe('failed');
    expect(report.weights).toEqual({ blue: 100, green: 0 });
    expect(report.liveColor).toBe('blue');
    // The post step must not restore over it either.
    expect(ports.checkpoint.state.get('phase')).toBe('done');
  });

  it('a change during the last bake: the canary does not claim a promotion', async () => {
    const ports = fakePorts();
    whenRouterShows(ports.router, { blue: 0, green: 100 }, ports.clock, () => ports.router.setByOther({ blue: 100, green: 0 }));
    const { report, error } = await runCanary(canaryPlan([], [100]), ports);

    expect(report.result).toBe('failed');
    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(ports.router.writes).toHaveLength(1);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('a change while the new version deploys: the first step is never written', async () => {
    const ports = fakePorts();
    at(ports.clock, 1, () => ports.router.setByOther({ blue: 0, green: 100 }));
    const { report, error } = await runCanary(canaryPlan(), ports);

    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(error?.why[0]).toBe('this run found (before writing anything): tg-blue=100, tg-green=0');
    expect(ports.router.writes).toEqual([]);
    expect(report.result).toBe('failed');
  });

  it('a failing gate after someone moved traffic: no restore over their change', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('5xx rate', ['pass', 'pass', 'fail']);
    whenRouterShows(ports.router, { blue: 90, green: 10 }, ports.clock, () => ports.router.setByOther({ blue: 30, green: 70 }));
    const { report, error } = await runCanary(canaryPlan([gate], [10, 100]), ports);

    // The gate fails during the first bake, after the move: restoreTraffic finds the move and writes nothing.
    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(ports.router.writes).toEqual([{ [TG.blue]: 90, [TG.green]: 10 }]);
    expect(ports.router.colors()).toEqual({ blue: 30, green: 70 });
    expect(report.weights).toEqual({ blue: 30, green: 70 });
    expect(report.liveColor).toBeUndefined();
  });

  it('a write landing during the read-back of a step: the run stops instead of rewriting over it', async () => {
    const router = new FakeRouter();
    router.lag = 40;
    const ports = fakePorts({ router });
    let reads = 0;
    const read = router.readWeights.bind(router);
    router.readWeights = async () => {
      // The step's write is lagging; someone else's change lands during the read-back.
      if (router.writes.length === 1 && ++reads === 5) router.setByOther({ blue: 30, green: 70 });
      return read();
    };
    const { error } = await runCanary(canaryPlan(), ports);
    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(router.writes).toHaveLength(1);
  });

  it('its own changes never trip the check: a plain run promotes through read lag', async () => {
    const router = new FakeRouter();
    router.lag = 3;
    const ports = fakePorts({ router });
    const { report } = await runCanary(canaryPlan([new ScriptedGate('alarms', ['pass'])]), ports);
    expect(report.result).toBe('promoted');
    expect(JSON.parse(ports.checkpoint.state.get(OWNED_WEIGHTS_STATE)!)).toEqual({
      accepted: [{ [TG.blue]: 0, [TG.green]: 100 }],
      wrote: true,
    });
  });
});

describe('blue-green switch: someone else moves traffic during the bake', () => {
  it('stops without restoring and without a promotion', async () => {
    const ports = fakePorts({ fleet: new FakeFleet({ blueRevision: 1, greenRevision: 2 }) });
    whenRouterShows(ports.router, { blue: 0, green: 100 }, ports.clock, () => ports.router.setByOther({ blue: 100, green: 0 }));
    const plan: BlueGreenPlan = { ...common, phase: 'switch', preparedTaskDefinition: taskDef(2), gates: () => [] };
    const { report, error } = await runBlueGreen(plan, ports);

    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(report.result).toBe('failed');
    expect(ports.router.writes).toEqual([{ [TG.blue]: 0, [TG.green]: 100 }]);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });
});

describe('rollback: someone else moves traffic while it redeploys', () => {
  it('its one weight write does not go over the change', async () => {
    // Neither color runs web:1 ready: the rollback redeploys it, which takes a few polls.
    const ports = fakePorts({ fleet: new FakeFleet({ blueRevision: 3, greenRevision: 2 }) });
    at(ports.clock, 1, () => ports.router.setByOther({ blue: 0, green: 100 }));
    const plan: RollbackPlan = {
      ...common,
      to: { kind: 'task-definition', reference: 'web:1' },
      bakeMs: 0,
      gates: () => [],
    };
    const { report, error } = await runRollback(plan, ports);

    expect(error).toBeInstanceOf(TrafficMovedError);
    expect(report.result).toBe('failed');
    expect(ports.router.writes).toEqual([]);
    expect(ports.router.colors()).toEqual({ blue: 0, green: 100 });
  });
});

describe('post step: restore from the checkpoint', () => {
  const restorePoint = JSON.stringify({ router: 'listener', weights: { [TG.blue]: 100, [TG.green]: 0 } });
  const owned = (accepted: Record<string, number>[]) => JSON.stringify({ accepted, wrote: true });
  const ports = () => ({ clock: new FakeClock(), log: new MemoryLog() });

  it('restores when the weights are still the ones the main step last wrote', async () => {
    const router = new FakeRouter({ blue: 50, green: 50 });
    const done = await restoreFromCheckpoint('shift', restorePoint, () => router, ports(), owned([{ [TG.blue]: 50, [TG.green]: 50 }]));
    expect(done).toMatch(/^Restored and verified weights/);
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('restores when the main step was killed with a write in flight (either weight is its own)', async () => {
    const router = new FakeRouter({ blue: 10, green: 90 });
    const inFlight = owned([
      { [TG.blue]: 50, [TG.green]: 50 },
      { [TG.blue]: 10, [TG.green]: 90 },
    ]);
    await restoreFromCheckpoint('shift', restorePoint, () => router, ports(), inFlight);
    expect(router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('leaves someone else’s weights and fails, naming both', async () => {
    const router = new FakeRouter({ blue: 0, green: 100 });
    const restore = restoreFromCheckpoint('shift', restorePoint, () => router, ports(), owned([{ [TG.blue]: 50, [TG.green]: 50 }]));
    await expect(restore).rejects.toThrow(TrafficMovedError);
    await expect(restore).rejects.toMatchObject({
      why: ['this run last wrote: tg-blue=50, tg-green=50', 'the listener now has: tg-blue=0, tg-green=100'],
    });
    expect(router.writes).toEqual([]);
  });
});

describe('TrafficOwnership', () => {
  it('compares shares, not raw ELB weights', () => {
    expect(sameTraffic({ a: 1, b: 1 }, { a: 50, b: 50 })).toBe(true);
    expect(sameTraffic({ a: 100, b: 0 }, { a: 100 })).toBe(true);
    expect(sameTraffic({ a: 100, b: 0 }, { a: 0, b: 100 })).toBe(false);
  });

  it('saves what it owns at every change, for the post step', () => {
    const checkpoint = new MemoryCheckpoint();
    const owned = new TrafficOwnership(checkpoint);
    owned.startFrom({ a: 100 });
    owned.writing({ a: 50, b: 50 });
    expect(JSON.parse(checkpoint.state.get(OWNED_WEIGHTS_STATE)!)).toEqual({ accepted: [{ a: 100 }, { a: 50, b: 50 }], wrote: true });
    owned.wrote({ a: 50, b: 50 });
    expect(new TrafficOwnership(checkpoint, checkpoint.state.get(OWNED_WEIGHTS_STATE)).owns({ a: 100 })).toBe(false);
  });
});
