/**
 * The bake against metrics that arrive like ALB's: per minute, late. Every rule of issue 13's
 * "evidence that covers the step", on the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { runCanary, type CanaryPlan } from '../../../shared/engine/two-color/canary.ts';
import { judgeMetrics, type MetricSettings, type PeriodFigures } from '../../../shared/engine/gates/metric-verdicts.ts';
import type { Gate, GateResult, GateWindow, Verdict } from '../../../shared/engine/ports.ts';
import { ScriptedGate, fakePorts } from '../../../sandbox/rehearsal/engine-fakes.ts';

const P = 60_000;

/** ALB as CloudWatch shows it: a minute's datapoint appears `lateMs` after the minute ends. */
class LateMetricsGate implements Gate {
  readonly name = 'ALB metrics';
  readonly publishing: { periodMs: number; delayMs: number };
  readonly asked: number[] = [];
  private readonly clock: { now(): number };
  private readonly settings: MetricSettings;
  private readonly lateMs: number;
  private readonly minute: (t: number) => PeriodFigures | undefined;

  constructor(
    clock: { now(): number },
    minute: (t: number) => PeriodFigures | undefined,
    opts: { lateMs: number; settings?: Partial<MetricSettings> },
  ) {
    this.clock = clock;
    this.minute = minute;
    this.lateMs = opts.lateMs;
    this.settings = { max5xxRate: 1, minRequests: 20, periodMs: P, delayMs: 120_000, ...opts.settings };
    this.publishing = { periodMs: P, delayMs: this.settings.delayMs };
  }

  async evaluate(window: GateWindow): Promise<GateResult[]> {
    const now = this.clock.now();
    this.asked.push(now);
    const from = Math.ceil(window.from / P) * P;
    const figures: PeriodFigures[] = [];
    for (let t = from; t + P + this.lateMs <= now; t += P) {
      const f = this.minute(t);
      if (f) figures.push(f);
    }
    return judgeMetrics({ new: figures, live: [] }, { from, now: window.to }, this.settings, false);
  }
}

const healthy = (t: number): PeriodFigures => ({ t, requests: 100, errors: 0 });

function plan(gates: Gate[], overrides: Partial<CanaryPlan> = {}): CanaryPlan {
  return {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    taskDefinition: { reference: 'web:2' },
    steps: [10, 100],
    bakeMs: 120_000,
    extensionMs: 300_000,
    pollMs: 15_000,
    waitTimeoutMs: 600_000,
    scaleDownPrevious: false,
    takeover: false,
    gates: () => gates,
    ...overrides,
  };
}

/** Runs a canary and records when each weight write happened. */
async function run(makeGates: (clock: { now(): number }) => Gate[], overrides: Partial<CanaryPlan> = {}) {
  const ports = fakePorts();
  const writes: number[] = [];
  const write = ports.router.writeWeights.bind(ports.router);
  ports.router.writeWeights = async (w) => {
    writes.push(ports.clock.now());
    return write(w);
  };
  const gates = makeGates(ports.clock);
  const outcome = await runCanary(plan(gates, overrides), ports);
  return { ...outcome, writes, ports, gates };
}

describe('evidence that covers the step', () => {
  it('a step passes only once the datapoint of its last minute has arrived', async () => {
    const { report, writes } = await run((clock) => [new LateMetricsGate(clock, healthy, { lateMs: 90_000 })]);
    expect(report.result).toBe('promoted');
    const step = report.steps[0]!;
    const start = Date.parse(step.startedAt);
    const end = start + 120_000;
    const lastMinuteEnd = Math.ceil(end / P) * P;
    // The bake ran on past its nominal end until that minute was published (90 s late)...
    expect(step.durationMs).toBeGreaterThanOrEqual(lastMinuteEnd + 90_000 - start);
    // ...and the next weight was written only after that.
    expect(writes[1]!).toBeGreaterThanOrEqual(lastMinuteEnd + 90_000);
    expect(step.gates.find((g) => g.gate === '5xx rate')!.covered!.to).toBeGreaterThanOrEqual(end);
  });

  it('a failing datapoint that arrives after the nominal end fails the step before the next weight write', async () => {
    // The new version breaks in the step's last minute; that minute is published 100 s late.
    let badFrom = Infinity;
    const { report, error, writes } = await run((clock) => [
      new LateMetricsGate(clock, (t) => (t >= badFrom ? { t, requests: 100, errors: 40 } : healthy(t)), { lateMs: 100_000 }),
      new ScriptedGate('arm', (i, w): Verdict => ((badFrom = Math.floor((w.from + 120_000 - 1) / P) * P), 'pass')),
    ]);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toBe('Gate failed at step 1 (10% on green)');
    const end = Date.parse(report.steps[0]!.startedAt) + 120_000;
    expect(report.steps[0]!.durationMs).toBeGreaterThan(end - Date.parse(report.steps[0]!.startedAt));
    // Writes: step 1, then only the restore to 100 % blue: step 2 was never written.
    expect(writes).toHaveLength(2);
  });

  it('a step whose data cannot arrive within the extension fails as inconclusive, saying so', async () => {
    // Datapoints arrive 5 minutes late (metric-delay allows 10); the step may extend by 5 minutes:
    // its first minute is in by then, its last is not.
    const { report, error } = await run((clock) => [
      new LateMetricsGate(clock, healthy, { lateMs: 300_000, settings: { delayMs: 600_000 } }),
    ]);
    expect(report.result).toBe('rolled-back');
    expect(error?.message).toMatch(/^Gate inconclusive at step 1 \(10% on green\): not enough evidence/);
    expect(error?.fix).toMatch(/Nothing was found wrong with the new version/);
    expect(error?.fix).not.toMatch(/Investigate the new version/);
    expect(error?.why).toEqual([
      expect.stringMatching(/^5xx rate: 0\.00% \(0\/\d+\); data covers only until \d\d:\d\d:\d\d, the step ran until \d\d:\d\d:\d\d/),
    ]);
    expect(report.steps[0]!.verdict).toBe('inconclusive');
  });

  it('no traffic at all is inconclusive, not a failure of the version', async () => {
    const { error } = await run((clock) => [new LateMetricsGate(clock, () => undefined, { lateMs: 60_000 })]);
    expect(error?.message).toMatch(/^Gate inconclusive/);
    expect(error?.why[0]).toMatch(/only 0 request\(s\) on the new version/);
  });

  it('the first look waits until the first whole minute has closed, not a poll from t = 0', async () => {
    let gate!: LateMetricsGate;
    const { report } = await run(
      (clock) => [(gate = new LateMetricsGate(clock, healthy, { lateMs: 60_000, settings: { delayMs: 60_000 } }))],
      { steps: [100], pollMs: 45_000, bakeMs: 60_000 },
    );
    const start = Date.parse(report.steps[0]!.startedAt);
    // The first whole minute ends at ceil(start) + 1 min: its data can exist from then on.
    expect(gate.asked[0]).toBe(Math.ceil(start / P) * P + P);
  });

  it('a gate without published data (ECS) is still asked at once', async () => {
    const ecs = new ScriptedGate('ECS deployment', ['pass']);
    const { report } = await run((clock) => [ecs, new LateMetricsGate(clock, healthy, { lateMs: 60_000 })], { steps: [100] });
    expect(report.result).toBe('promoted');
    expect(ecs.windows[0]!.to).toBe(ecs.windows[0]!.from);
  });

  it('a pass from a result whose coverage stops before the step end does not promote', async () => {
    const stale: Gate = {
      name: 'alarms',
      evaluate: async (w) => [
        { gate: 'alarms', verdict: 'pass', observed: 'OK', threshold: 'none', covered: { from: w.from, to: w.from } },
      ],
    };
    const { error } = await run(() => [stale], { steps: [100] });
    expect(error?.message).toMatch(/^Gate inconclusive/);
    expect(error?.why[0]).toMatch(/^alarms: OK; data covers only until \d\d:\d\d:\d\d, the step ran until \d\d:\d\d:\d\d/);
  });
});

describe('gates-dry-run', () => {
  const failing = (advisory: boolean): Gate => ({
    name: '5xx',
    evaluate: async () => [
      { gate: '5xx rate', verdict: 'fail', observed: '9.00% (9/100)', threshold: '≤ 1%', ...(advisory ? { advisory } : {}) },
    ],
  });

  it('reports what a failing gate would have done and promotes anyway', async () => {
    const { report, error, ports } = await run(() => [failing(true)]);
    expect(error).toBeUndefined();
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.wouldFail?.results[0]?.observed)).toEqual(['9.00% (9/100)', '9.00% (9/100)']);
    expect(ports.log.lines.filter((l) => l.startsWith('WARN gates-dry-run: step 1 would have rolled back'))).toHaveLength(1);
  });

  it('the same gate acting rolls back', async () => {
    const { report } = await run(() => [failing(false)]);
    expect(report.result).toBe('rolled-back');
  });

  it('an ECS failure still rolls back in a dry run', async () => {
    const ecs = new ScriptedGate('ECS deployment', ['fail']);
    const { report } = await run(() => [ecs, failing(true)]);
    expect(report.result).toBe('rolled-back');
  });
});
