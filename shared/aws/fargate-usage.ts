import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Clock } from '../engine/ports.ts';
import type { FargateUsage } from '../engine/preflight/ports.ts';
import { call } from './call.ts';

/** Usage metrics are published each minute; a short look-back finds the latest point. */
const LOOKBACK_MS = 15 * 60_000;

/**
 * Fargate On-Demand vCPU in use (AWS/Usage ResourceCount) and its quota, in one GetMetricData
 * call: the SERVICE_QUOTA() metric math function reads the quota that applies to the metric.
 */
export class CloudWatchFargateUsage implements FargateUsage {
  private readonly cloudwatch: CloudWatchClient;
  private readonly clock: Clock;

  constructor(cloudwatch: CloudWatchClient, clock: Clock) {
    this.cloudwatch = cloudwatch;
    this.clock = clock;
  }

  async vcpu(): Promise<{ used: number; quota: number } | undefined> {
    const end = new Date(Math.floor(this.clock.now() / 60_000) * 60_000);
    const out = await call('cloudwatch:GetMetricData', () =>
      this.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(end.getTime() - LOOKBACK_MS),
          EndTime: end,
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
        }),
      ),
    );
    const latest = (id: string) => out.MetricDataResults?.find((r) => r.Id === id)?.Values?.[0];
    const used = latest('usage');
    const quota = latest('quota');
    return used === undefined || quota === undefined ? undefined : { used, quota };
  }
}
