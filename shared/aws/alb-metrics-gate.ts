import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Gate, GateResult, GateWindow } from '../engine/ports.ts';
import { call } from './call.ts';
import { judgeMetrics, type MetricSettings, type PeriodFigures } from '../engine/gates/metric-verdicts.ts';

export type { MetricSettings } from '../engine/gates/metric-verdicts.ts';

/** `arn:…:targetgroup/name/id` → `targetgroup/name/id`, the CloudWatch dimension value. */
export const targetGroupDimension = (arn: string): string => arn.slice(arn.indexOf('targetgroup/'));

/** A listener or rule ARN → `app/name/id`, the LoadBalancer dimension value. */
export function loadBalancerDimension(listenerOrRuleArn: string): string {
  const match = /:listener(?:-rule)?\/(app\/[^/]+\/[^/]+)\//.exec(listenerOrRuleArn);
  if (!match) throw new Error(`not an ALB listener or rule ARN: ${listenerOrRuleArn}`);
  return match[1]!;
}

type Role = 'new' | 'live';

/**
 * The ALB metrics of the new color (and of the live one, for baseline comparison), per period,
 * in one GetMetricData call: RequestCount, HTTPCode_Target_5XX_Count and, only when a latency
 * gate asks for it, the p95 of TargetResponseTime. The window starts at the step's first whole
 * period: the partial minute before it carries the previous step's weights.
 */
export class AlbMetricsGate implements Gate {
  readonly name = 'ALB metrics';
  readonly publishing: { periodMs: number; delayMs: number };

  private readonly cloudwatch: CloudWatchClient;
  private readonly loadBalancer: string;
  private readonly targetGroups: Partial<Record<Role, string>>;
  private readonly settings: MetricSettings;

  constructor(
    cloudwatch: CloudWatchClient,
    loadBalancer: string,
    targetGroups: { candidate: string; baseline?: string },
    settings: MetricSettings,
  ) {
    this.cloudwatch = cloudwatch;
    this.loadBalancer = loadBalancer;
    this.settings = settings;
    this.targetGroups = {
      new: targetGroups.candidate,
      ...(settings.baseline && targetGroups.baseline ? { live: targetGroups.baseline } : {}),
    };
    this.publishing = { periodMs: settings.periodMs, delayMs: settings.delayMs };
  }

  private get wantsP95(): boolean {
    return this.settings.maxP95LatencyMs !== undefined || this.settings.baseline?.maxP95IncreasePercent !== undefined;
  }

  async evaluate(window: GateWindow): Promise<GateResult[]> {
    const periodMs = this.settings.periodMs;
    const start = Math.ceil(window.from / periodMs) * periodMs;
    const end = Math.ceil(window.to / periodMs) * periodMs;
    const roles = Object.keys(this.targetGroups) as Role[];
    const figures: Record<Role, PeriodFigures[]> = { new: [], live: [] };
    if (end > start) {
      const queries = roles.flatMap((role) => this.queries(role));
      const out = await call('cloudwatch:GetMetricData', () =>
        this.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(start),
            EndTime: new Date(end),
            ScanBy: 'TimestampAscending',
            MetricDataQueries: queries,
          }),
        ),
      );
      const series = (id: string) => {
        const result = (out.MetricDataResults ?? []).find((r) => r.Id === id);
        const times = result?.Timestamps ?? [];
        return new Map((result?.Values ?? []).map((v, i) => [times[i]?.getTime() ?? 0, v]));
      };
      for (const role of roles) {
        const requests = series(`${role}_requests`);
        const errors = series(`${role}_errors`);
        const p95 = series(`${role}_p95`);
        figures[role] = [...requests.keys()]
          .sort((a, b) => a - b)
          .map((t) => ({
            t,
            requests: requests.get(t)!,
            // ALB publishes 5XX counts only for periods that had some.
            errors: errors.get(t) ?? 0,
            p95Ms: p95.has(t) ? p95.get(t)! * 1000 : undefined,
          }));
      }
    }
    return judgeMetrics(figures, { from: start, now: window.to }, this.settings, roles.includes('live'));
  }

  private queries(role: Role): MetricDataQuery[] {
    const queries = [this.query(role, 'requests', 'RequestCount', 'Sum'), this.query(role, 'errors', 'HTTPCode_Target_5XX_Count', 'Sum')];
    if (this.wantsP95) queries.push(this.query(role, 'p95', 'TargetResponseTime', 'p95'));
    return queries;
  }

  private query(role: Role, id: string, metric: string, stat: string): MetricDataQuery {
    return {
      Id: `${role}_${id}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: metric,
          Dimensions: [
            { Name: 'TargetGroup', Value: targetGroupDimension(this.targetGroups[role]!) },
            { Name: 'LoadBalancer', Value: this.loadBalancer },
          ],
        },
        Period: Math.max(1, Math.round(this.settings.periodMs / 1000)),
        Stat: stat,
      },
    };
  }
}
