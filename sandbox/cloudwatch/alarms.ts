import type { AlarmHistoryItem, MetricAlarm, StateValue } from '@aws-sdk/client-cloudwatch';
import { AwsError } from '../errors.ts';
import { statistic, type MetricStore } from '../metrics.ts';
import { bool, list, num, str } from '../params.ts';
import { parseDimensions } from './metric-data.ts';

const OPERATORS: Record<string, { test: (v: number, t: number) => boolean; text: string }> = {
  GreaterThanOrEqualToThreshold: { test: (v, t) => v >= t, text: 'greater than or equal to' },
  GreaterThanThreshold: { test: (v, t) => v > t, text: 'greater than' },
  LessThanThreshold: { test: (v, t) => v < t, text: 'less than' },
  LessThanOrEqualToThreshold: { test: (v, t) => v <= t, text: 'less than or equal to' },
};
const STATES: StateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const MAX_HISTORY = 10_000;

function missingParameter(name: string): AwsError {
  return new AwsError('MissingRequiredParameterException', `The parameter ${name} is required.`, { queryCode: 'MissingParameter' });
}

function invalidValue(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, { queryCode: 'InvalidParameterValue' });
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function formatStamp(t: number): string {
  const d = new Date(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Verdict {
  state: StateValue;
  reason: string;
  data: string;
}

/** Metric alarms: stored like PutMetricAlarm, evaluated every interval from the metric store. */
export class AlarmStore {
  readonly alarms = new Map<string, MetricAlarm>();
  readonly history: AlarmHistoryItem[] = [];
  readonly #pinned = new Map<string, StateValue>();
  readonly #metrics: MetricStore;
  readonly #arnPrefix: string;
  #timer: NodeJS.Timeout | undefined;

  constructor(metrics: MetricStore, region: string, accountId: string) {
    this.#metrics = metrics;
    this.#arnPrefix = `arn:aws:cloudwatch:${region}:${accountId}:alarm:`;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => this.evaluateAll(), intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  put(input: Record<string, unknown>): MetricAlarm {
    const name = str(input.AlarmName);
    if (!name) throw missingParameter('AlarmName');
    const evaluationPeriods = num(input.EvaluationPeriods);
    if (!evaluationPeriods || evaluationPeriods < 1) throw missingParameter('EvaluationPeriods');
    const operator = str(input.ComparisonOperator);
    if (!operator) throw missingParameter('ComparisonOperator');
    const metrics = list(input.Metrics);
    if (!OPERATORS[operator] && metrics.length === 0)
      throw invalidValue(`The value ${operator} for parameter ComparisonOperator is not supported by the sandbox.`);
    const statisticName = str(input.Statistic);
    const extended = str(input.ExtendedStatistic);
    if (metrics.length === 0) {
      if (!str(input.MetricName)) throw missingParameter('MetricName');
      if (!str(input.Namespace)) throw missingParameter('Namespace');
      if (!num(input.Period)) throw missingParameter('Period');
      if (!statisticName === !extended) {
        throw new AwsError('InvalidParameterCombinationException', 'Exactly one of Statistic and ExtendedStatistic must be specified.', {
          queryCode: 'InvalidParameterCombination',
        });
      }
    }
    const threshold = num(input.Threshold);
    if (threshold === undefined && !str(input.ThresholdMetricId)) throw missingParameter('Threshold');
    const now = new Date();
    const existing = this.alarms.get(name);
    const alarm: MetricAlarm = {
      AlarmName: name,
      AlarmArn: `${this.#arnPrefix}${name}`,
      AlarmDescription: str(input.AlarmDescription),
      AlarmConfigurationUpdatedTimestamp: now,
      ActionsEnabled: bool(input.ActionsEnabled) ?? true,
      OKActions: list<string>(input.OKActions),
      AlarmActions: list<string>(input.AlarmActions),
      InsufficientDataActions: list<string>(input.InsufficientDataActions),
      StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
      StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
      StateReasonData: existing?.StateReasonData,
      StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
      StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
      MetricName: str(input.MetricName),
      Namespace: str(input.Namespace),
      Statistic: statisticName as MetricAlarm['Statistic'],
      ExtendedStatistic: extended,
      Dimensions: parseDimensions(input.Dimensions),
      Period: num(input.Period),
      Unit: str(input.Unit) as MetricAlarm['Unit'],
      EvaluationPeriods: evaluationPeriods,
      DatapointsToAlarm: num(input.DatapointsToAlarm),
      Threshold: threshold,
      ComparisonOperator: operator as MetricAlarm['ComparisonOperator'],
      TreatMissingData: str(input.TreatMissingData) ?? 'missing',
      ...(metrics.length > 0 ? { Metrics: metrics as MetricAlarm['Metrics'], ThresholdMetricId: str(input.ThresholdMetricId) } : {}),
    };
    this.alarms.set(name, alarm);
    this.#record(name, 'ConfigurationUpdate', `Alarm "${name}" ${existing ? 'updated' : 'created'}`, {});
    this.evaluate(alarm);
    return alarm;
  }

  require(name: string | undefined): MetricAlarm {
    const alarm = name ? this.alarms.get(name) : undefined;
    if (!alarm)
      throw new AwsError('ResourceNotFound', `Could not find alarm ${name ?? ''}`, { status: 404, queryCode: 'ResourceNotFound' });
    return alarm;
  }

  delete(names: string[]): void {
    for (const name of names) this.require(name);
    for (const name of names) {
      this.alarms.delete(name);
      this.#pinned.delete(name);
    }
  }

  /** SetAlarmState: holds until the next evaluation that disagrees, as in CloudWatch. */
  setState(name: string | undefined, value: string | undefined, reason: string | undefined, reasonData: string | undefined): void {
    const alarm = this.require(name);
    if (!value || !STATES.includes(value as StateValue))
      throw invalidValue(`The value ${value ?? 'null'} for parameter StateValue is not valid.`);
    if (!reason) throw missingParameter('StateReason');
    if (reasonData !== undefined) {
      try {
        JSON.parse(reasonData);
      } catch {
        throw new AwsError('InvalidFormatFault', 'StateReasonData is not valid JSON.', { queryCode: 'InvalidFormat' });
      }
    }
    this.#transition(alarm, { state: value as StateValue, reason, data: reasonData ?? '' });
  }

  /** Test hook: keep an alarm in a state regardless of its metric (undefined releases it). */
  pin(name: string, state: StateValue | undefined): void {
    const alarm = this.require(name);
    if (state === undefined) {
      this.#pinned.delete(name);
      return;
    }
    this.#pinned.set(name, state);
    if (alarm.StateValue !== state) this.#transition(alarm, { state, reason: 'Sandbox: state pinned by test control', data: '' });
  }

  evaluateAll(now = Date.now()): void {
    for (const alarm of this.alarms.values()) this.evaluate(alarm, now);
  }

  evaluate(alarm: MetricAlarm, now = Date.now()): void {
    if (this.#pinned.has(alarm.AlarmName ?? '')) return;
    const verdict = this.#judge(alarm, now);
    if (verdict && verdict.state !== alarm.StateValue) this.#transition(alarm, verdict);
  }

  #judge(alarm: MetricAlarm, now: number): Verdict | undefined {
    const op = OPERATORS[alarm.ComparisonOperator ?? ''];
    const stat = alarm.Statistic ?? alarm.ExtendedStatistic;
    if (!op || !stat || !alarm.Namespace || !alarm.MetricName || !alarm.Period || alarm.Threshold === undefined) return undefined;
    const periodMs = alarm.Period * 1000;
    const n = alarm.EvaluationPeriods ?? 1;
    const m = alarm.DatapointsToAlarm ?? n;
    const series = this.#metrics.find(
      alarm.Namespace,
      alarm.MetricName,
      alarm.Dimensions?.map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })) ?? [],
    );
    // Sliding windows ending now, most recent first: alarms react within one evaluation interval.
    // When metrics are published late (like AWS), alarms evaluate closed periods only, as AWS does.
    const last = this.#metrics.publishedBy ? Math.floor(now / periodMs) * periodMs : now;
    const points = Array.from({ length: n }, (_, i) => {
      const end = last - i * periodMs;
      return { t: end - periodMs, value: statistic(this.#metrics.samples(series, end - periodMs, end), stat) };
    });
    const present = points.filter((p): p is { t: number; value: number } => p.value !== undefined);
    const missing = n - present.length;
    const treat = alarm.TreatMissingData ?? 'missing';
    const threshold = alarm.Threshold;
    const data = JSON.stringify({
      version: '1.0',
      queryDate: new Date(now).toISOString(),
      startDate: new Date(now - n * periodMs).toISOString(),
      statistic: stat,
      period: alarm.Period,
      recentDatapoints: present.map((p) => p.value),
      threshold,
      evaluatedDatapoints: present.map((p) => ({ timestamp: new Date(p.t).toISOString(), value: p.value })),
    });
    if (present.length === 0) {
      if (treat === 'ignore') return undefined;
      if (treat === 'missing')
        return {
          state: 'INSUFFICIENT_DATA',
          reason: `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`,
          data,
        };
      const as = treat === 'breaching' ? 'Breaching' : 'NonBreaching';
      const state: StateValue = treat === 'breaching' && m <= n ? 'ALARM' : 'OK';
      return {
        state,
        reason: `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${plural(n, 'missing datapoint')} ${n === 1 ? 'was' : 'were'} treated as [${as}].`,
        data,
      };
    }
    const breaching = present.filter((p) => op.test(p.value, threshold)).length + (treat === 'breaching' ? missing : 0);
    const shown = `[${present.map((p) => `${formatNumber(p.value)} (${formatStamp(p.t)})`).join(', ')}]`;
    if (breaching >= m) {
      return {
        state: 'ALARM',
        reason: `Threshold Crossed: ${breaching} out of the last ${plural(n, 'datapoint')} ${shown} ${breaching === 1 ? 'was' : 'were'} ${op.text} the threshold (${formatNumber(threshold)}) (minimum ${plural(m, 'datapoint')} for OK -> ALARM transition).`,
        data,
      };
    }
    return {
      state: 'OK',
      reason: `Threshold Crossed: ${plural(present.length, 'datapoint')} ${shown} ${present.length === 1 ? 'was' : 'were'} not ${op.text} the threshold (${formatNumber(threshold)}) (minimum ${plural(m, 'datapoint')} for ALARM -> OK transition).`,
      data,
    };
  }

  #transition(alarm: MetricAlarm, verdict: Verdict): void {
    const now = new Date();
    const old = { stateValue: alarm.StateValue, stateReason: alarm.StateReason };
    const changed = alarm.StateValue !== verdict.state;
    alarm.StateValue = verdict.state;
    alarm.StateReason = verdict.reason;
    alarm.StateReasonData = verdict.data || undefined;
    alarm.StateUpdatedTimestamp = now;
    if (changed) alarm.StateTransitionedTimestamp = now;
    this.#record(alarm.AlarmName ?? '', 'StateUpdate', `Alarm updated from ${old.stateValue ?? 'INSUFFICIENT_DATA'} to ${verdict.state}`, {
      version: '1.0',
      oldState: old,
      newState: { stateValue: verdict.state, stateReason: verdict.reason },
    });
  }

  #record(name: string, type: 'StateUpdate' | 'ConfigurationUpdate', summary: string, data: object): void {
    this.history.unshift({
      AlarmName: name,
      AlarmType: 'MetricAlarm',
      Timestamp: new Date(),
      HistoryItemType: type,
      HistorySummary: summary,
      HistoryData: JSON.stringify(data),
    });
    if (this.history.length > MAX_HISTORY) this.history.length = MAX_HISTORY;
  }
}
