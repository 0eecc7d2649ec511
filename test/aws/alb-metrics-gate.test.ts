import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlbMetricsGate, loadBalancerDimension, targetGroupDimension, type MetricSettings } from '../../shared/aws/alb-metrics-gate.ts';
import { LISTENER, TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const cloudwatch = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'us-east-1' });

beforeEach(() => cloudwatch.reset());

describe('AlbMetricsGate', () => {
  const P = 60_000;
  const settings = { max5xxRate: 1, maxP95LatencyMs: 500, minRequests: 50, periodMs: P, delayMs: 120_000 };
  const gate = (overrides: Partial<MetricSettings> = {}, baseline = false) =>
    new AlbMetricsGate(
      client,
      loadBalancerDimension(LISTENER),
      { candidate: TG.green, ...(baseline ? { baseline: TG.blue } : {}) },
      { ...settings, ...overrides },
    );
  // The step started 10:00:10; it is 10:05:30.
  const window = { from: Date.parse('2026-11-22T10:00:10Z'), to: Date.parse('2026-11-22T10:05:30Z') };
  const at = (minute: number) => new Date(Date.parse('2026-11-22T10:00:00Z') + minute * P);
  const series = (id: string, values: number[], firstMinute = 1) => ({
    Id: id,
    Timestamps: values.map((_, i) => at(firstMinute + i)),
    Values: values,
  });
  const answer = (...results: ReturnType<typeof series>[]) => cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
  const dimensions = (tg: string) => [
    { Name: 'TargetGroup', Value: targetGroupDimension(tg) },
    { Name: 'LoadBalancer', Value: 'app/demo-alb/1111111111111111' },
  ];
  const query = (id: string, metric: string, stat: string, tg = TG.green) => ({
    Id: id,
    ReturnData: true,
    MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metric, Dimensions: dimensions(tg) }, Period: 60, Stat: stat },
  });

  it('asks per period from the first whole minute of the step, p95 included only with a latency gate', async () => {
    answer(series('new_requests', [100]));
    await gate().evaluate(window);
    await gate({ maxP95LatencyMs: undefined }).evaluate(window);
    const [withP95, without] = cloudwatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    // 10:00:00–10:00:10 carried the previous step's weights: the window starts at 10:01.
    expect(withP95!.StartTime).toEqual(new Date('2026-11-22T10:01:00Z'));
    expect(withP95!.EndTime).toEqual(new Date('2026-11-22T10:06:00Z'));
    expect(withP95!.MetricDataQueries).toEqual([
      query('new_requests', 'RequestCount', 'Sum'),
      query('new_errors', 'HTTPCode_Target_5XX_Count', 'Sum'),
      query('new_p95', 'TargetResponseTime', 'p95'),
    ]);
    expect(without!.MetricDataQueries!.map((q) => q.Id)).toEqual(['new_requests', 'new_errors']);
  });

  it('asks for the live target group too when comparing with the baseline', async () => {
    answer(series('new_requests', [100]));
    await gate({ baseline: { max5xxIncreasePp: 1, confidence: 0.95 }, maxP95LatencyMs: undefined }, true).evaluate(window);
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.MetricDataQueries).toEqual([
      query('new_requests', 'RequestCount', 'Sum'),
      query('new_errors', 'HTTPCode_Target_5XX_Count', 'Sum'),
      query('live_requests', 'RequestCount', 'Sum', TG.blue),
      query('live_errors', 'HTTPCode_Target_5XX_Count', 'Sum', TG.blue),
    ]);
  });

  it('passes within the thresholds, with the numbers and the window the data covers', async () => {
    // Minutes 10:01–10:03 arrived; 10:04 is still within the publishing delay.
    answer(series('new_requests', [400, 300, 300]), series('new_errors', [2]), series('new_p95', [0.12, 0.2, 0.1]));
    const [rate, p95] = await gate().evaluate(window);
    expect(rate).toMatchObject({ gate: '5xx rate', verdict: 'pass', observed: '0.20% (2/1000)', threshold: '≤ 1%' });
    expect(p95).toMatchObject({ gate: 'p95 latency', verdict: 'pass', observed: '200 ms (worst period)', threshold: '≤ 500 ms' });
    expect(rate!.covered).toEqual({ from: at(1).getTime(), to: at(4).getTime() });
  });

  it('fails above the thresholds', async () => {
    answer(series('new_requests', [600, 400]), series('new_errors', [15, 10]), series('new_p95', [0.3, 0.8]));
    const results = await gate().evaluate(window);
    expect(results.map((r) => [r.verdict, r.observed])).toEqual([
      ['fail', '2.50% (25/1000)'],
      ['fail', '800 ms (worst period)'],
    ]);
  });

  it('is inconclusive below the minimum request count, whatever the rate', async () => {
    answer(series('new_requests', [10]), series('new_errors', [10]), series('new_p95', [5]));
    const results = await gate().evaluate(window);
    expect(results.map((r) => [r.verdict, r.observed])).toEqual([
      ['inconclusive', 'only 10 request(s) on the new version by 10:05:30, need 50'],
      ['inconclusive', 'only 10 request(s) on the new version by 10:05:30, need 50'],
    ]);
  });

  it('asks nothing before the step has a whole period', async () => {
    const results = await gate().evaluate({ from: window.from, to: window.from + 30_000 });
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(results[0]!.verdict).toBe('inconclusive');
  });

  it('derives CloudWatch dimensions from ARNs', () => {
    expect(targetGroupDimension(TG.blue)).toBe('targetgroup/tg-blue/0000000000000001');
    expect(loadBalancerDimension('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/abc/def/ghi')).toBe('app/x/abc');
  });
});
