import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudWatchFargateUsage } from '../../shared/aws/fargate-usage.ts';
import { FakeClock } from '../../sandbox/rehearsal/engine-fakes.ts';

const cloudwatch = mockClient(CloudWatchClient);
afterEach(() => cloudwatch.reset());

const usage = (now: string) => {
  const clock = new FakeClock();
  clock.time = Date.parse(now);
  return new CloudWatchFargateUsage(new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 }), clock);
};

describe('CloudWatchFargateUsage', () => {
  it('asks for the On-Demand vCPU count and its quota in one call over the last 15 whole minutes, newest first', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'usage', Values: [12, 10] },
        { Id: 'quota', Values: [256, 256] },
      ],
    });
    expect(await usage('2026-11-22T10:05:30Z').vcpu()).toEqual({ used: 12, quota: 256 });
    expect(cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input).toEqual({
      StartTime: new Date('2026-11-22T09:50:00Z'),
      EndTime: new Date('2026-11-22T10:05:00Z'),
      ScanBy: 'TimestampDescending',
      MetricDataQueries: [
        {
          Id: 'usage',
          ReturnData: true,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Usage',
              MetricName: 'ResourceCount',
              Dimensions: [
                { Name: 'Service', Value: 'Fargate' },
                { Name: 'Type', Value: 'Resource' },
                { Name: 'Resource', Value: 'vCPU' },
                { Name: 'Class', Value: 'Standard/OnDemand' },
              ],
            },
            Period: 60,
            Stat: 'Maximum',
          },
        },
        { Id: 'quota', ReturnData: true, Expression: 'SERVICE_QUOTA(usage)' },
      ],
    });
  });

  it('answers undefined when either series has no point (nothing published, or no quota)', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'usage', Values: [3] },
        { Id: 'quota', Values: [] },
      ],
    });
    expect(await usage('2026-11-22T10:05:30Z').vcpu()).toBeUndefined();
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'usage', Values: [] },
        { Id: 'quota', Values: [256] },
      ],
    });
    expect(await usage('2026-11-22T10:05:30Z').vcpu()).toBeUndefined();
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    expect(await usage('2026-11-22T10:05:30Z').vcpu()).toBeUndefined();
  });
});
