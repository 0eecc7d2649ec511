import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, renderRunChart } from '../../../shared/engine/two-color/run-chart.ts';
import type { MetricPoint } from '../../../shared/engine/ports.ts';
import type { Report, StepRecord } from '../../../shared/engine/two-color/report.ts';
import { renderSummary } from '../../../shared/engine/two-color/summary.ts';

const T = Date.parse('2026-11-22T10:00:00Z');
const P = 60_000;

function step(weight: number, startMin: number, minutes: number, p: (i: number) => MetricPoint[]): StepRecord {
  return {
    weight,
    weights: { blue: 100 - weight, green: weight },
    startedAt: new Date(T + startMin * P).toISOString(),
    durationMs: minutes * P,
    verdict: 'pass',
    polls: minutes,
    gates: [
      {
        gate: '5xx rate vs live',
        verdict: 'pass',
        observed: '1.00% (10/1000), +0.00 pp, p = 0.5',
        baseline: '1.00% (90/9000)',
        threshold: '≤ +1 pp',
        covered: { from: T + (startMin + 1) * P, to: T + (startMin + minutes) * P },
        limit: { metric: '5xx', value: 2 },
      },
    ],
    points: Array.from({ length: minutes }, (_, i) => p(startMin + i)).flat(),
  };
}

const both =
  (rateNew: number, rateLive: number, p95 = 120) =>
  (m: number): MetricPoint[] => [
    { t: T + m * P, role: 'new', errorRate: rateNew, p95Ms: p95 },
    { t: T + m * P, role: 'live', errorRate: rateLive, p95Ms: 100 },
  ];

function report(steps: StepRecord[]): Report {
  return {
    action: 'canary',
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    startedAt: new Date(T).toISOString(),
    result: 'promoted',
    timeline: [],
    steps,
    facts: {},
  };
}

describe('job summary', () => {
  it('shows the window each verdict covered and both colors side by side', () => {
    const md = renderSummary(report([step(10, 0, 5, both(1, 1))]));
    expect(md).toContain('| Gate | Window (UTC) | New version | Live version | Threshold | Verdict |');
    expect(md).toContain(
      '| 5xx rate vs live | 10:01:00–10:05:00 | 1.00% (10/1000), +0.00 pp, p = 0.5 | 1.00% (90/9000) | ≤ +1 pp | ✅ pass |',
    );
  });

  it('says which step a dry run would have rolled back', () => {
    const s = step(10, 0, 5, both(5, 1));
    s.gates[0]!.advisory = true;
    s.wouldFail = { at: new Date(T + 3 * P).toISOString(), results: [{ ...s.gates[0]!, verdict: 'fail', observed: '5.00% (50/1000)' }] };
    const md = renderSummary(report([s]));
    expect(md).toContain('> Step 1 would have rolled back at 10:03:00 (gates-dry-run): 5xx rate vs live 5.00% (50/1000)');
    expect(md).toContain('✅ pass (dry run)');
  });
});

describe('chart of the run', () => {
  it('draws the weights, each color’s 5xx and p95 per period, and the limits', () => {
    const md = renderRunChart(report([step(10, 0, 3, both(1, 0.5)), step(100, 3, 3, both(4, 0.5, 300))])).join('\n');
    expect(md).toContain('xychart-beta');
    expect(md).toContain('x-axis ["+0m", "+1m", "+2m", "+3m", "+4m", "+5m"]');
    expect(md).toContain('bar [10, 10, 10, 100, 100, 100]');
    // 5xx: new, live, then the limit of max-5xx-rate (2 %).
    expect(md).toContain('line [1, 1, 1, 4, 4, 4]\n  line [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]\n  line [2, 2, 2, 2, 2, 2]');
    expect(md).toContain('line [120, 120, 120, 300, 300, 300]');
    expect(md).toContain('🟥 new version · 🟦 live version · ⬜ max-5xx-rate');
  });

  it('a day-long run is downsampled: few columns, the worst period of each kept, far below 1 MiB', () => {
    const day = report([step(10, 0, 720, both(1, 1)), step(100, 720, 720, (m) => both(m === 1000 ? 9 : 1, 1)(m))]);
    const md = renderSummary(day);
    const chart = renderRunChart(day).join('\n');
    const columns = /x-axis \[(.*)\]/.exec(chart)![1]!.split(', ').length;
    expect(columns).toBeLessThanOrEqual(MAX_COLUMNS);
    expect(chart).toMatch(/line \[[^\]]*\b9\b/);
    expect(Buffer.byteLength(md)).toBeLessThan(20 * 1024);
  });

  it('no metric points, no chart', () => {
    const s = step(100, 0, 2, () => []);
    expect(renderRunChart(report([s]))).toEqual([]);
  });
});
