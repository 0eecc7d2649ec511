import { describe, expect, it } from 'vitest';
import { coveredUntil, judgeMetrics, type MetricSettings, type PeriodFigures } from '../../../shared/engine/gates/metric-verdicts.ts';

const P = 60_000;
const T = Date.parse('2026-11-22T10:00:00Z');
const minutes = (n: number, f: (i: number) => Omit<PeriodFigures, 't'>): PeriodFigures[] =>
  Array.from({ length: n }, (_, i) => ({ t: T + i * P, ...f(i) }));
const base: MetricSettings = { minRequests: 100, periodMs: P, delayMs: 120_000 };
const rates = (settings: Partial<MetricSettings>) => ({
  ...base,
  baseline: { max5xxIncreasePp: 1, confidence: 0.95 },
  ...settings,
});
const now = T + 10 * P;
const judge = (n: PeriodFigures[], l: PeriodFigures[], settings: MetricSettings) =>
  judgeMetrics({ new: n, live: l }, { from: T, now }, settings, true);

describe('baseline comparison of 5xx rates (one-sided Fisher exact + margin)', () => {
  it('fails when the new version is significantly worse and beyond the margin', () => {
    const [r] = judge(
      minutes(5, () => ({ requests: 400, errors: 12 })),
      minutes(5, () => ({ requests: 3600, errors: 36 })),
      rates({}),
    );
    expect(r).toMatchObject({ gate: '5xx rate vs live', verdict: 'fail', baseline: '1.00% (180/18000)' });
    expect(r!.observed).toMatch(/^3\.00% \(60\/2000\), \+2\.00 pp, p = /);
  });

  it('passes when worse beyond the margin but not significantly (few errors)', () => {
    const [r] = judge(
      minutes(1, () => ({ requests: 100, errors: 3 })),
      minutes(1, () => ({ requests: 900, errors: 9 })),
      rates({}),
    );
    expect(r!.verdict).toBe('pass');
  });

  it('passes when significantly worse but within the margin', () => {
    const [r] = judge(
      minutes(5, () => ({ requests: 20_000, errors: 360 })),
      minutes(5, () => ({ requests: 180_000, errors: 1800 })),
      rates({}),
    );
    // 1.8 % vs 1.0 %: p ≪ 0.05, but +0.8 pp ≤ 1 pp.
    expect(r!.verdict).toBe('pass');
  });

  it('a live version already at 2 % does not fail a new one at 2 % (where max-5xx-rate: 1 would)', () => {
    const results = judge(
      minutes(5, () => ({ requests: 400, errors: 8 })),
      minutes(5, () => ({ requests: 3600, errors: 72 })),
      rates({ max5xxRate: 1 }),
    );
    expect(results.map((r) => [r.gate, r.verdict])).toEqual([
      ['5xx rate', 'fail'],
      ['5xx rate vs live', 'pass'],
    ]);
  });

  it('too little data in either color is inconclusive, never a pass', () => {
    const fewNew = judge(
      minutes(1, () => ({ requests: 50, errors: 0 })),
      minutes(5, () => ({ requests: 3600, errors: 0 })),
      rates({}),
    );
    const fewLive = judge(
      minutes(5, () => ({ requests: 400, errors: 0 })),
      minutes(1, () => ({ requests: 50, errors: 0 })),
      rates({}),
    );
    expect(fewNew[0]).toMatchObject({ verdict: 'inconclusive', observed: 'only 50 request(s) on the new version by 10:10:00, need 100' });
    expect(fewLive[0]).toMatchObject({ verdict: 'inconclusive', observed: 'only 50 request(s) on the live version, need 100' });
  });
});

describe('baseline comparison of p95 (one-sided Mann–Whitney U on per-period p95 + margin)', () => {
  const latency = (settings: Partial<MetricSettings> = {}): MetricSettings => ({
    ...base,
    baseline: { maxP95IncreasePercent: 20, confidence: 0.95 },
    ...settings,
  });
  const live = minutes(6, (i) => ({ requests: 1000, errors: 0, p95Ms: 200 + i }));

  it('fails when every period is slower and the median is beyond the margin', () => {
    const [r] = judge(
      minutes(6, (i) => ({ requests: 200, errors: 0, p95Ms: 300 + i })),
      live,
      latency(),
    );
    expect(r).toMatchObject({ gate: 'p95 latency vs live', verdict: 'fail', baseline: 'median p95 203 ms' });
  });

  it('passes when slower but within the margin', () => {
    const [r] = judge(
      minutes(6, (i) => ({ requests: 200, errors: 0, p95Ms: 230 + i })),
      live,
      latency(),
    );
    expect(r!.verdict).toBe('pass');
  });

  it('passes when beyond the margin in the median but not consistently slower', () => {
    const mixed = [100, 400, 100, 400, 100, 400];
    const [r] = judge(
      minutes(6, (i) => ({ requests: 200, errors: 0, p95Ms: mixed[i]! })),
      live,
      latency(),
    );
    expect(r!.verdict).toBe('pass');
  });

  it('too few periods to reach the confidence is inconclusive', () => {
    const [r] = judge(
      minutes(2, () => ({ requests: 500, errors: 0, p95Ms: 900 })),
      live.slice(0, 2),
      latency(),
    );
    expect(r).toMatchObject({ verdict: 'inconclusive', observed: 'only 2 period(s) with p95 in both colors: too few to judge at 95%' });
  });
});

describe('coverage', () => {
  it('reaches the last whole period each color has published, or that is older than the delay', () => {
    const published = minutes(3, () => ({ requests: 1, errors: 0 }));
    // At 10:04:30: minutes 0–2 published, minute 3 (10:03) not yet and within the delay.
    expect(coveredUntil([published], T, T + 4.5 * P, P, 120_000)).toBe(T + 3 * P);
    // At 10:06:00 minute 3 is older than the delay: no datapoint means no requests.
    expect(coveredUntil([published], T, T + 6 * P, P, 120_000)).toBe(T + 4 * P);
    // Comparing: the live color's missing minute 2 holds both back.
    expect(coveredUntil([published, published.slice(0, 2)], T, T + 4.5 * P, P, 120_000)).toBe(T + 2 * P);
  });

  it('the partial current period covers nothing', () => {
    const published = minutes(1, () => ({ requests: 1, errors: 0 }));
    expect(coveredUntil([published], T, T + 0.9 * P, P, 0)).toBe(T);
  });
});
