import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlarmStore } from '../../sandbox/cloudwatch/alarms.ts';
import { publishedBy, publishingDelay } from '../../sandbox/cloudwatch/publishing.ts';
import { ALB_NAMESPACE, MetricStore, recordAlbRequest } from '../../sandbox/metrics.ts';

const T = Date.parse('2026-11-22T10:00:00Z');
const LB = 'app/demo-alb/1';
const TG = 'targetgroup/tg-green/2';
const options = { periodMs: 60_000, minDelayMs: 60_000, maxDelayMs: 120_000 };

afterEach(() => vi.useRealTimers());

describe('sandbox: ALB metrics published late, alarms on closed periods', () => {
  it('every period is published 60 to 120 s after it ends, the same for every reader', () => {
    const delays = Array.from({ length: 200 }, (_, i) => publishingDelay(options, T + i * 60_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(120_000);
    expect(new Set(delays.map((d) => Math.round(d / 10_000))).size).toBeGreaterThan(3);
    const visible = publishedBy(options);
    const delay = publishingDelay(options, T);
    expect(visible(ALB_NAMESPACE, T + 30_000, T + 60_000 + delay - 1)).toBe(false);
    expect(visible(ALB_NAMESPACE, T + 30_000, T + 60_000 + delay)).toBe(true);
    // Other namespaces (PutMetricData) are visible at once, as custom metrics are.
    expect(visible('Custom/App', T + 30_000, T + 30_000)).toBe(true);
  });

  it('GetMetricData sees a request only once its minute is published', () => {
    vi.useFakeTimers();
    const store = new MetricStore();
    store.publishedBy = publishedBy(options);
    recordAlbRequest(store, {
      at: T + 10_000,
      loadBalancer: LB,
      targetGroup: TG,
      targetStatus: 500,
      elbStatus: undefined,
      targetResponseTimeSec: 0.1,
    });
    const series = store.find(ALB_NAMESPACE, 'HTTPCode_Target_5XX_Count', [
      { Name: 'TargetGroup', Value: TG },
      { Name: 'LoadBalancer', Value: LB },
    ]);
    vi.setSystemTime(T + 59_000);
    expect(store.samples(series, T, T + 60_000)).toHaveLength(0);
    vi.setSystemTime(T + 60_000 + 120_000);
    expect(store.samples(series, T, T + 60_000)).toHaveLength(1);
  });

  it('an alarm judges closed, published periods: errors of the current minute cannot fire it yet', () => {
    vi.useFakeTimers();
    const store = new MetricStore();
    store.publishedBy = publishedBy({ periodMs: 60_000, minDelayMs: 30_000, maxDelayMs: 30_000 });
    const alarms = new AlarmStore(store, 'us-east-1', '123456789012');
    vi.setSystemTime(T);
    alarms.put({
      AlarmName: 'green-5xx',
      Namespace: ALB_NAMESPACE,
      MetricName: 'HTTPCode_Target_5XX_Count',
      Dimensions: [{ Name: 'LoadBalancer', Value: LB }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    for (let i = 0; i < 5; i++)
      recordAlbRequest(store, {
        at: T + 5_000 + i,
        loadBalancer: LB,
        targetGroup: TG,
        targetStatus: 500,
        elbStatus: undefined,
        targetResponseTimeSec: 0.1,
      });
    vi.setSystemTime(T + 30_000);
    alarms.evaluateAll(T + 30_000);
    expect(alarms.alarms.get('green-5xx')!.StateValue).not.toBe('ALARM');
    // Published at 10:01:30: the evaluation then judges the closed minute 10:00, not 10:00:30–10:01:30.
    vi.setSystemTime(T + 90_000);
    alarms.evaluateAll(T + 90_000);
    expect(alarms.alarms.get('green-5xx')!.StateValue).toBe('ALARM');
  });
});
