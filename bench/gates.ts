/**
 * How the gates judge, measured: simulated steps against the sandbox's metric model (its metric
 * store and GetMetricData statistics, its ALB publishing delays), judged by the gates' own code.
 * - false alarms: new and live version both at 1 % 5xx; how many of 200 steps fail;
 * - detection: the new version at 3× the live one's rate; how many of 200 steps are caught;
 * - time to detect with late metrics at the default poll, through the engine's bake.
 * `node bench/gates.ts` prints the figures and replaces the "Gates" section of bench/RESULTS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricStatPoints } from '../sandbox/cloudwatch/metric-data.ts';
import { publishedBy } from '../sandbox/cloudwatch/publishing.ts';
import { ALB_NAMESPACE, MetricStore } from '../sandbox/metrics.ts';
import { bake } from '../shared/engine/two-color/bake.ts';
import { judgeMetrics, type MetricSettings, type PeriodFigures } from '../shared/engine/gates/metric-verdicts.ts';
import type { Clock, Gate, GateWindow } from '../shared/engine/ports.ts';
import type { StepRecord } from '../shared/engine/two-color/report.ts';

const P = 60_000;
const LB = 'app/bench-alb/1';
const TG = { new: 'targetgroup/new/1', live: 'targetgroup/live/2' } as const;

/** A seeded generator, so the figures are reproducible (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One step of traffic into the sandbox's store: per second, requests split by weight, 5xx by rate. */
function traffic(
  store: MetricStore,
  rng: () => number,
  from: number,
  to: number,
  rps: number,
  weight: number,
  rates: { new: number; live: number },
) {
  for (let t = from; t < to; t += 1000) {
    for (const role of ['new', 'live'] as const) {
      const dims = [
        { Name: 'TargetGroup', Value: TG[role] },
        { Name: 'LoadBalancer', Value: LB },
      ];
      const share = role === 'new' ? weight : 1 - weight;
      let requests = 0;
      let errors = 0;
      for (let i = 0; i < rps; i++) {
        if (rng() >= share) continue;
        requests++;
        if (rng() < rates[role]) errors++;
      }
      if (requests) store.put(ALB_NAMESPACE, 'RequestCount', dims, 1, { t, count: requests });
      if (errors) store.put(ALB_NAMESPACE, 'HTTPCode_Target_5XX_Count', dims, 1, { t, count: errors });
    }
  }
}

/** The figures GetMetricData would return now (the sandbox's own statistics), published ones only. */
function figures(store: MetricStore, role: 'new' | 'live', from: number, to: number, visible: (t: number) => boolean): PeriodFigures[] {
  const dims = [
    { Name: 'TargetGroup', Value: TG[role] },
    { Name: 'LoadBalancer', Value: LB },
  ];
  const read = (metric: string) =>
    metricStatPoints(store, { namespace: ALB_NAMESPACE, metricName: metric, dimensions: dims, periodSec: 60, stat: 'Sum' }, from, to);
  const requests = read('RequestCount');
  const errors = read('HTTPCode_Target_5XX_Count');
  return [...requests.entries()].filter(([t]) => visible(t)).map(([t, n]) => ({ t, requests: n, errors: errors.get(t) ?? 0 }));
}

interface Scenario {
  rps: number;
  weight: number;
  bakeMs: number;
  rates: { new: number; live: number };
}

const SETTINGS: MetricSettings = {
  minRequests: 100,
  periodMs: P,
  delayMs: 3 * P,
  baseline: { max5xxIncreasePp: 1, confidence: 0.95 },
};

/** Judges `steps` independent steps over their whole bake, as the gate does once the data is in. */
function judgeSteps(s: Scenario, steps: number, seed: number): { fail: number; pass: number; inconclusive: number } {
  const rng = random(seed);
  const counts = { fail: 0, pass: 0, inconclusive: 0 };
  for (let i = 0; i < steps; i++) {
    const store = new MetricStore(Infinity);
    const start = Date.UTC(2026, 10, 22, 10) + i * 3_600_000 + Math.floor(rng() * P);
    const from = Math.ceil(start / P) * P;
    const end = start + s.bakeMs;
    traffic(store, rng, start, Math.ceil(end / P) * P, s.rps, s.weight, s.rates);
    const all = () => true;
    const to = Math.ceil(end / P) * P;
    const [result] = judgeMetrics(
      { new: figures(store, 'new', from, to, all), live: figures(store, 'live', from, to, all) },
      { from, now: to + SETTINGS.delayMs },
      SETTINGS,
      true,
    );
    counts[result!.verdict] += 1;
  }
  return counts;
}

/** A virtual clock for the bake. */
class VirtualClock implements Clock {
  time: number;
  constructor(time: number) {
    this.time = time;
  }
  now() {
    return this.time;
  }
  async sleep(ms: number) {
    this.time += ms;
  }
}

/** Time from a bad step's start to its failure, through bake(), with ALB's 60–120 s publishing delay. */
async function timeToDetect(
  s: Scenario,
  runs: number,
  pollMs: number,
  seed: number,
): Promise<{ fromStart: number[]; fromClose: number[] }> {
  const rng = random(seed);
  const times: number[] = [];
  const afterClose: number[] = [];
  for (let i = 0; i < runs; i++) {
    const store = new MetricStore(Infinity);
    const start = Date.UTC(2026, 10, 22, 10) + i * 3_600_000 + Math.floor(rng() * P);
    traffic(store, rng, start, start + s.bakeMs + 10 * P, s.rps, s.weight, s.rates);
    const clock = new VirtualClock(start);
    const published = publishedBy({});
    const gate: Gate = {
      name: 'ALB metrics',
      publishing: { periodMs: P, delayMs: SETTINGS.delayMs },
      evaluate: async (window: GateWindow) => {
        const from = Math.ceil(window.from / P) * P;
        const to = Math.ceil(window.to / P) * P;
        const visible = (t: number) => published(ALB_NAMESPACE, t, clock.now());
        return judgeMetrics(
          { new: figures(store, 'new', from, to, visible), live: figures(store, 'live', from, to, visible) },
          { from, now: window.to },
          SETTINGS,
          true,
        );
      },
    };
    const step = { gates: [], polls: 0, durationMs: 0 } as unknown as StepRecord;
    const outcome = await bake(step, [gate], clock, { bakeMs: s.bakeMs, extensionMs: s.bakeMs, pollMs });
    if (outcome.verdict === 'fail') {
      times.push(clock.now() - start);
      afterClose.push(clock.now() - (Math.ceil(start / P) * P + P));
    }
  }
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  return { fromStart: sorted(times), fromClose: sorted(afterClose) };
}

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)} %`;
const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

export async function benchGates(): Promise<string[]> {
  const lines: string[] = [];
  const steps = 200;
  lines.push(
    `Baseline comparison of 5xx rates (one-sided Fisher exact at 95 % confidence, margin 1 pp, min-requests 100), ${steps} simulated steps each, bake 5 min, canary weight 10 %, traffic from the sandbox's metric model (per-second requests, per-minute CloudWatch sums).`,
    '',
    '| Load balancer traffic | Scenario | Failed | Passed | Inconclusive |',
    '|---|---|---:|---:|---:|',
  );
  for (const rps of [20, 50]) {
    for (const [name, rates] of [
      ['false alarms: both at 1 %', { new: 0.01, live: 0.01 }],
      ['detection: new at 3 %, live at 1 %', { new: 0.03, live: 0.01 }],
    ] as const) {
      const c = judgeSteps({ rps, weight: 0.1, bakeMs: 5 * P, rates }, steps, rps * 7 + rates.new * 1000);
      lines.push(`| ${rps} req/s | ${name} | ${c.fail} (${pct(c.fail, steps)}) | ${c.pass} | ${c.inconclusive} |`);
    }
  }
  lines.push('');
  const runs = 100;
  const bad = { rps: 50, weight: 0.1, bakeMs: 5 * P, rates: { new: 0.5, live: 0.01 } };
  lines.push(
    `Time to detect a bad version (50 % 5xx from the step's start; 50 req/s, weight 10 %; ALB datapoints published 60–120 s after each minute; metric-delay 3m; ${runs} runs, step starts spread over the minute):`,
    '',
    '| Poll | Caught | From the step start: median | 95th pct | worst | From the first whole minute closing: median | worst |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const pollMs of [15_000, 60_000]) {
    const { fromStart: t, fromClose: c } = await timeToDetect(bad, runs, pollMs, pollMs);
    const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    lines.push(
      `| ${secs(pollMs)} | ${t.length}/${runs} | ${secs(at(t, 0.5))} | ${secs(at(t, 0.95))} | ${secs(t.at(-1)!)} | ${secs(at(c, 0.5))} | ${secs(c.at(-1)!)} |`,
    );
  }
  lines.push(
    '',
    "Time counts from the step's start: the first whole minute starts up to 60 s later, closes 60 s after that, and is published 60–120 s late; the first look is when that minute closes, later looks every poll, so detection after the minute closes is its publishing delay plus at most one poll.",
  );
  return lines;
}

if (process.argv[1]?.endsWith('gates.ts')) {
  const lines = await benchGates();
  console.log(lines.join('\n'));
  const file = join(import.meta.dirname, 'RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const section = ['## Gates', '', ...lines, ''].join('\n');
  const next = /^## Gates\n[\s\S]*?(?=^## |(?![\s\S]))/m.test(text)
    ? text.replace(/^## Gates\n[\s\S]*?(?=^## |(?![\s\S]))/m, section)
    : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, next);
}
