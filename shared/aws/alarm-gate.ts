import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DeployError } from '../errors.ts';
import type { Gate, GateResult, GateWindow } from '../engine/ports.ts';
import { call } from './call.ts';

/** DescribeAlarms accepts at most 100 names per call. */
const MAX_NAMES = 100;

interface AlarmState {
  state: string;
  reason: string;
  /** Until when the alarm's evaluation has had every chance to judge the data (metric alarms only). */
  judgedUntil?: number;
}

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * How far an alarm's judgement reaches at `now`: an alarm evaluates closed periods, so data at
 * time t has been through all its evaluation periods by t + period × evaluation periods; a state
 * update after that is an evaluation that saw data up to its own time.
 */
export function judgedUntil(now: number, updatedAt: number | undefined, periodSec: number, evaluationPeriods: number): number {
  return Math.max(updatedAt ?? 0, now - periodSec * 1000 * evaluationPeriods);
}

/**
 * CloudWatch alarms: one DescribeAlarms per poll for all names; any in ALARM fails. A pass covers
 * the step only as far as every metric alarm's evaluation reaches (see judgedUntil).
 */
export class AlarmGate implements Gate {
  readonly name = 'CloudWatch alarms';

  private readonly cloudwatch: CloudWatchClient;
  private readonly alarmNames: string[];

  private readonly advisory: boolean;

  constructor(cloudwatch: CloudWatchClient, alarmNames: string[], options: { advisory?: boolean } = {}) {
    this.cloudwatch = cloudwatch;
    this.alarmNames = alarmNames;
    this.advisory = options.advisory ?? false;
    if (alarmNames.length > MAX_NAMES) throw new DeployError(`At most ${MAX_NAMES} alarms can be watched (got ${alarmNames.length})`);
  }

  async evaluate(window?: GateWindow): Promise<GateResult[]> {
    const now = window?.to ?? Date.now();
    const states = await this.states(now);
    const missing = this.alarmNames.filter((name) => !states.has(name));
    if (missing.length > 0) {
      throw new DeployError(`CloudWatch alarm(s) not found: ${missing.join(', ')}`, {
        fix: 'Check the `alarms` input: names are case-sensitive and must be in the same region.',
      });
    }
    const firing = [...states].filter(([, alarm]) => alarm.state === 'ALARM');
    const reaches = [...states.values()].flatMap((a) => (a.judgedUntil === undefined ? [] : [a.judgedUntil]));
    const judged = reaches.length > 0 ? Math.min(...reaches) : undefined;
    return [
      {
        ...(judged !== undefined && window ? { covered: { from: window.from, to: judged } } : {}),
        ...(this.advisory ? { advisory: true } : {}),
        gate: this.name,
        verdict: firing.length > 0 ? 'fail' : 'pass',
        observed:
          firing.length > 0
            ? firing.map(([name, alarm]) => `${name} in ALARM: ${alarm.reason}`).join('; ')
            : `${states.size} alarm(s) not in ALARM${judged !== undefined ? `, evaluated through ${clockTime(judged)}` : ''}`,
        threshold: 'none in ALARM',
      },
    ];
  }

  /** Also used by preflight: the alarm states by name. */
  async states(now = Date.now()): Promise<Map<string, AlarmState>> {
    const out = await call('cloudwatch:DescribeAlarms', () =>
      this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: this.alarmNames, MaxRecords: MAX_NAMES })),
    );
    const alarms = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
    const composite = new Set((out.CompositeAlarms ?? []).map((a) => a.AlarmName));
    return new Map(
      alarms.map((a) => {
        const metric = composite.has(a.AlarmName) ? undefined : (out.MetricAlarms ?? []).find((m) => m.AlarmName === a.AlarmName);
        // Metric-math alarms carry their period on the queries.
        const period = metric?.Period ?? metric?.Metrics?.find((m) => m.MetricStat?.Period)?.MetricStat?.Period;
        const state: AlarmState = { state: a.StateValue ?? 'INSUFFICIENT_DATA', reason: a.StateReason ?? '' };
        if (period) state.judgedUntil = judgedUntil(now, a.StateUpdatedTimestamp?.getTime(), period, metric?.EvaluationPeriods ?? 1);
        return [a.AlarmName ?? '', state];
      }),
    );
  }
}
