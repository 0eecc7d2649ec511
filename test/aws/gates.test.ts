import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlarmGate } from '../../shared/aws/alarm-gate.ts';
import { AlbMetricsGate, loadBalancerDimension, targetGroupDimension } from '../../shared/aws/alb-metrics-gate.ts';
import { LISTENER, TG } from '../support/fakes.ts';

const cloudwatch = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'us-east-1' });

beforeEach(() => cloudwatch.reset());

describe('AlarmGate', () => {
  it('asks for all alarms in one DescribeAlarms call and fails when any is in ALARM', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'web-5xx', StateValue: 'ALARM', StateReason: 'Threshold Crossed: 1 datapoint [12.0] was greater than 5.0' },
        { AlarmName: 'web-latency', StateValue: 'OK' },
      ],
    });
    const [result] = await new AlarmGate(client, ['web-5xx', 'web-latency']).evaluate();
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toEqual([
      { AlarmNames: ['web-5xx', 'web-latency'], MaxRecords: 100 },
    ]);
    expect(result).toEqual({
      gate: 'CloudWatch alarms',
      verdict: 'fail',
      observed: 'web-5xx in ALARM: Threshold Crossed: 1 datapoint [12.0] was greater than 5.0',
      threshold: 'none in ALARM',
    });
  });

  it('passes when none is in ALARM (INSUFFICIENT_DATA included)', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'a', StateValue: 'OK' }],
      CompositeAlarms: [{ AlarmName: 'b', StateValue: 'INSUFFICIENT_DATA' }],
    });
    const [result] = await new AlarmGate(client, ['a', 'b']).evaluate();
    expect(result?.verdict).toBe('pass');
  });

  it('an alarm name that does not exist is an error, not a silent pass', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a', StateValue: 'OK' }] });
    await expect(new AlarmGate(client, ['a', 'typo']).evaluate()).rejects.toThrow('CloudWatch alarm(s) not found: typo');
  });
});

describe('AlbMetricsGate', () => {
  const thresholds = { max5xxRate: 1, maxP95LatencyMs: 500, minRequests: 50, periodMs: 60_000 };
  const gate = () => new AlbMetricsGate(client, loadBalancerDimension(LISTENER), targetGroupDimension(TG.green), thresholds);
  const window = { from: Date.parse('2026-11-22T10:00:10Z'), to: Date.parse('2026-11-22T10:02:30Z') };
  const answer = (requests: number[], errors: number[], p95: number[]) =>
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'requests', Values: requests },
        { Id: 'errors', Values: errors },
        { Id: 'p95', Values: p95 },
      ],
    });

  it('sends one GetMetricData with the 5xx, request and p95 queries for the target group and load balancer', async () => {
    answer([1000], [2], [0.12]);
    await gate().evaluate(window);
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    const dimensions = [
      { Name: 'TargetGroup', Value: 'targetgroup/tg-green/0000000000000002' },
      { Name: 'LoadBalancer', Value: 'app/demo-alb/1111111111111111' },
    ];
    // 2m20s of window, rounded up to whole 1-minute periods, aligned to the period.
    expect(input.StartTime).toEqual(new Date('2026-11-22T10:00:00Z'));
    expect(input.EndTime).toEqual(new Date('2026-11-22T10:03:00Z'));
    expect(input.MetricDataQueries).toEqual([
      {
        Id: 'requests',
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: dimensions },
          Period: 180,
          Stat: 'Sum',
        },
      },
      {
        Id: 'errors',
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count', Dimensions: dimensions },
          Period: 180,
          Stat: 'Sum',
        },
      },
      {
        Id: 'p95',
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime', Dimensions: dimensions },
          Period: 180,
          Stat: 'p95',
        },
      },
    ]);
  });

  it('passes within the thresholds, with the numbers', async () => {
    answer([1000], [2], [0.12]);
    expect(await gate().evaluate(window)).toEqual([
      { gate: '5xx rate', verdict: 'pass', observed: '0.20% (2/1000)', threshold: '≤ 1%' },
      { gate: 'p95 latency', verdict: 'pass', observed: '120 ms', threshold: '≤ 500 ms' },
    ]);
  });

  it('fails above the thresholds', async () => {
    answer([600, 400], [15, 10], [0.3, 0.8]);
    expect(await gate().evaluate(window)).toEqual([
      { gate: '5xx rate', verdict: 'fail', observed: '2.50% (25/1000)', threshold: '≤ 1%' },
      { gate: 'p95 latency', verdict: 'fail', observed: '800 ms', threshold: '≤ 500 ms' },
    ]);
  });

  it('is inconclusive below the minimum request count, whatever the rate', async () => {
    answer([10], [10], [5]);
    const results = await gate().evaluate(window);
    expect(results.map((r) => [r.verdict, r.observed])).toEqual([
      ['inconclusive', 'only 10 request(s), need 50'],
      ['inconclusive', 'only 10 request(s), need 50'],
    ]);
  });

  it('derives CloudWatch dimensions from ARNs', () => {
    expect(targetGroupDimension(TG.blue)).toBe('targetgroup/tg-blue/0000000000000001');
    expect(loadBalancerDimension('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/abc/def/ghi')).toBe('app/x/abc');
  });
});
