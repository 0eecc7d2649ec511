import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Gate, GateResult, GateWindow } from '../ports.ts';
import { call } from './call.ts';

export interface MetricThresholds {
  /** Percent of requests answered 5xx by the targets. */
  max5xxRate: number | undefined;
  maxP95LatencyMs: number | undefined;
  /** Below this many requests in the window the verdict is inconclusive. */
  minRequests: number;
  periodMs: number;
}

/** `arn:…:targetgroup/name/id` → `targetgroup/name/id`, the CloudWatch dimension value. */
export const targetGroupDimension = (arn: string): string => arn.slice(arn.indexOf('targetgroup/'));

/** A listener or rule ARN → `app/name/id`, the LoadBalancer dimension value. */
export function loadBalancerDimension(listenerOrRuleArn: string): string {
  const match = /:listener(?:-rule)?\/(app\/[^/]+\/[^/]+)\//.exec(listenerOrRuleArn);
  if (!match) throw new Error(`not an ALB listener or rule ARN: ${listenerOrRuleArn}`);
  return match[1]!;
}

/**
 * The new color's ALB metrics over the step window, all in one GetMetricData call: the 5xx
 * rate (HTTPCode_Target_5XX_Count / RequestCount) and the p95 of TargetResponseTime.
 * The window is one period long, rounded up, so each metric comes back as one datapoint.
 */
export class AlbMetricsGate implements Gate {
  readonly name = 'ALB metrics';

  private readonly cloudwatch: CloudWatchClient;
  private readonly loadBalancer: string;
  private readonly targetGroup: string;
  private readonly thresholds: MetricThresholds;

  constructor(cloudwatch: CloudWatchClient, loadBalancer: string, targetGroup: string, thresholds: MetricThresholds) {
    this.cloudwatch = cloudwatch;
    this.loadBalancer = loadBalancer;
    this.targetGroup = targetGroup;
    this.thresholds = thresholds;
  }

  async evaluate(window: GateWindow): Promise<GateResult[]> {
    const periodSeconds = Math.max(1, Math.round(this.thresholds.periodMs / 1000));
    const windowSeconds = Math.max(periodSeconds, Math.ceil((window.to - window.from) / 1000 / periodSeconds) * periodSeconds);
    // Period-aligned, as CloudWatch aggregates on period boundaries.
    const periodMs = periodSeconds * 1000;
    const end = new Date(Math.ceil(window.to / periodMs) * periodMs);
    const start = new Date(end.getTime() - windowSeconds * 1000);
    const out = await call('cloudwatch:GetMetricData', () =>
      this.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampDescending',
          MetricDataQueries: [
            this.query('requests', 'RequestCount', 'Sum', windowSeconds),
            this.query('errors', 'HTTPCode_Target_5XX_Count', 'Sum', windowSeconds),
            this.query('p95', 'TargetResponseTime', 'p95', windowSeconds),
          ],
        }),
      ),
    );
    const values = (id: string) => (out.MetricDataResults ?? []).find((r) => r.Id === id)?.Values ?? [];
    const requests = values('requests').reduce((sum, v) => sum + v, 0);
    const errors = values('errors').reduce((sum, v) => sum + v, 0);
    // Should the window straddle two periods, the worse p95 speaks for it.
    const p95Ms = Math.max(0, ...values('p95')) * 1000;
    const { max5xxRate, maxP95LatencyMs, minRequests } = this.thresholds;
    const enough = requests >= minRequests;
    const scarce = `only ${requests} request(s), need ${minRequests}`;
    const results: GateResult[] = [];
    if (max5xxRate !== undefined) {
      const rate = requests > 0 ? (errors / requests) * 100 : 0;
      results.push({
        gate: '5xx rate',
        verdict: !enough ? 'inconclusive' : rate > max5xxRate ? 'fail' : 'pass',
        observed: enough ? `${rate.toFixed(2)}% (${errors}/${requests})` : scarce,
        threshold: `≤ ${max5xxRate}%`,
      });
    }
    if (maxP95LatencyMs !== undefined) {
      results.push({
        gate: 'p95 latency',
        verdict: !enough ? 'inconclusive' : p95Ms > maxP95LatencyMs ? 'fail' : 'pass',
        observed: enough ? `${Math.round(p95Ms)} ms` : scarce,
        threshold: `≤ ${maxP95LatencyMs} ms`,
      });
    }
    return results;
  }

  private query(id: string, metric: string, stat: string, periodSeconds: number): MetricDataQuery {
    return {
      Id: id,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: metric,
          Dimensions: [
            { Name: 'TargetGroup', Value: this.targetGroup },
            { Name: 'LoadBalancer', Value: this.loadBalancer },
          ],
        },
        Period: periodSeconds,
        Stat: stat,
      },
    };
  }
}
