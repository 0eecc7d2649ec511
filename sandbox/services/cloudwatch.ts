import type {
  DeleteAlarmsInput,
  DescribeAlarmHistoryInput,
  DescribeAlarmsInput,
  GetMetricDataInput,
  GetMetricStatisticsInput,
  ListMetricsInput,
  PutMetricAlarmInput,
  PutMetricDataInput,
  SetAlarmStateInput,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmStore } from '../cloudwatch/alarms.ts';
import { invalidParameter, parseDimensions, runMetricDataQueries, validationError } from '../cloudwatch/metric-data.ts';
import { AwsError } from '../errors.ts';
import { bucketize, isSupportedStatistic, statistic, type MetricStore } from '../metrics.ts';
import { date, list, num, obj, paginate, str } from '../params.ts';
import type { Operations } from './types.ts';

function window(startTime: unknown, endTime: unknown): { startMs: number; endMs: number } {
  const start = date(startTime);
  const end = date(endTime);
  if (!start)
    throw new AwsError('MissingRequiredParameterException', 'The parameter StartTime is required.', { queryCode: 'MissingParameter' });
  if (!end)
    throw new AwsError('MissingRequiredParameterException', 'The parameter EndTime is required.', { queryCode: 'MissingParameter' });
  if (end.getTime() <= start.getTime()) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
  return { startMs: start.getTime(), endMs: end.getTime() };
}

/** Amazon CloudWatch (awsJson1_0 with awsQueryCompatible, GraniteServiceVersion20100801). */
export function cloudwatchOperations(deps: { metrics: MetricStore; alarms: AlarmStore }): Operations {
  const { metrics, alarms } = deps;

  return {
    GetMetricData(input: GetMetricDataInput) {
      const { startMs, endMs } = window(input.StartTime, input.EndTime);
      const descending = str(input.ScanBy) !== 'TimestampAscending';
      const results = runMetricDataQueries(metrics, input.MetricDataQueries, startMs, endMs, descending);
      const max = num(input.MaxDatapoints);
      if (max !== undefined) {
        for (const r of results) {
          r.Timestamps = r.Timestamps.slice(0, max);
          r.Values = r.Values.slice(0, max);
        }
      }
      return { MetricDataResults: results, Messages: [] };
    },

    GetMetricStatistics(input: GetMetricStatisticsInput) {
      const { startMs, endMs } = window(input.StartTime, input.EndTime);
      const periodSec = num(input.Period);
      if (!periodSec || periodSec < 1) throw validationError('The parameter Period must be a positive integer.');
      const stats = list<string>(input.Statistics);
      const extended = list<string>(input.ExtendedStatistics);
      if (stats.length + extended.length === 0) {
        throw new AwsError('MissingRequiredParameterException', 'Either Statistics or ExtendedStatistics must be specified.', {
          queryCode: 'MissingParameter',
        });
      }
      for (const s of [...stats, ...extended])
        if (!isSupportedStatistic(s)) throw invalidParameter(`The value ${s} for parameter Statistics is not supported.`);
      const name = str(input.MetricName) ?? '';
      const series = metrics.find(str(input.Namespace) ?? '', name, parseDimensions(input.Dimensions));
      const periodMs = periodSec * 1000;
      const aligned = Math.floor(startMs / periodMs) * periodMs;
      const datapoints = bucketize(metrics.samples(series, aligned, endMs), startMs, endMs, periodMs).map((bucket) => {
        const point: Record<string, unknown> = { Timestamp: new Date(bucket.start), Unit: str(input.Unit) ?? series?.unit ?? 'None' };
        for (const s of stats) point[s] = statistic(bucket.samples, s);
        if (extended.length > 0) {
          point.ExtendedStatistics = Object.fromEntries(extended.map((s) => [s, statistic(bucket.samples, s)]));
        }
        return point;
      });
      return { Label: name, Datapoints: datapoints };
    },

    PutMetricData(input: PutMetricDataInput) {
      const namespace = str(input.Namespace);
      if (!namespace)
        throw new AwsError('MissingRequiredParameterException', 'The parameter Namespace is required.', { queryCode: 'MissingParameter' });
      if (namespace.startsWith('AWS/')) throw invalidParameter(`The value ${namespace} for parameter Namespace is invalid.`);
      for (const raw of list(input.MetricData)) {
        const datum = obj(raw) ?? {};
        const name = str(datum.MetricName);
        if (!name)
          throw new AwsError('MissingRequiredParameterException', 'The parameter MetricData.MetricName is required.', {
            queryCode: 'MissingParameter',
          });
        const dims = parseDimensions(datum.Dimensions);
        const t = date(datum.Timestamp)?.getTime() ?? Date.now();
        const unit = str(datum.Unit);
        const value = num(datum.Value);
        const values = list(datum.Values).map((v) => num(v) ?? 0);
        const countsIn = list(datum.Counts).map((c) => num(c) ?? 1);
        const statValues = obj(datum.StatisticValues);
        if (value !== undefined) metrics.put(namespace, name, dims, value, { t, ...(unit ? { unit } : {}) });
        values.forEach((v, i) => metrics.put(namespace, name, dims, v, { t, count: countsIn[i] ?? 1, ...(unit ? { unit } : {}) }));
        if (statValues) {
          // Only the sum and count survive; enough for Sum, SampleCount and Average.
          const count = num(statValues.SampleCount) ?? 1;
          metrics.put(namespace, name, dims, (num(statValues.Sum) ?? 0) / count, { t, count, ...(unit ? { unit } : {}) });
        }
      }
      return {};
    },

    ListMetrics(input: ListMetricsInput) {
      const namespace = str(input.Namespace);
      const name = str(input.MetricName);
      const filters = list(input.Dimensions).map((raw) => obj(raw) ?? {});
      const found = metrics
        .all()
        .filter((s) => (!namespace || s.namespace === namespace) && (!name || s.name === name))
        .filter((s) =>
          filters.every((f) =>
            s.dimensions.some((d) => d.Name === str(f.Name) && (str(f.Value) === undefined || d.Value === str(f.Value))),
          ),
        )
        .map((s) => ({ Namespace: s.namespace, MetricName: s.name, Dimensions: s.dimensions }));
      return { Metrics: found };
    },

    DescribeAlarms(input: DescribeAlarmsInput) {
      const names = list<string>(input.AlarmNames);
      const prefix = str(input.AlarmNamePrefix);
      const state = str(input.StateValue);
      const actionPrefix = str(input.ActionPrefix);
      const types = list<string>(input.AlarmTypes);
      if (names.length > 0 && prefix) {
        throw new AwsError('InvalidParameterCombinationException', 'AlarmNames and AlarmNamePrefix cannot be specified together.', {
          queryCode: 'InvalidParameterCombination',
        });
      }
      const wantMetric = types.length === 0 || types.includes('MetricAlarm');
      const matching = [...alarms.alarms.values()]
        .filter(() => wantMetric)
        .filter((a) => names.length === 0 || names.includes(a.AlarmName ?? ''))
        .filter((a) => !prefix || (a.AlarmName ?? '').startsWith(prefix))
        .filter((a) => !state || a.StateValue === state)
        .filter((a) => !actionPrefix || [...(a.AlarmActions ?? []), ...(a.OKActions ?? [])].some((x) => x.startsWith(actionPrefix)))
        .sort((a, b) => (a.AlarmName ?? '').localeCompare(b.AlarmName ?? ''));
      const { page, nextToken } = paginate(matching, num(input.MaxRecords), str(input.NextToken), 100);
      return { MetricAlarms: page, CompositeAlarms: [], NextToken: nextToken };
    },

    DescribeAlarmHistory(input: DescribeAlarmHistoryInput) {
      const name = str(input.AlarmName);
      const type = str(input.HistoryItemType);
      const start = date(input.StartDate)?.getTime() ?? 0;
      const end = date(input.EndDate)?.getTime() ?? Infinity;
      const items = alarms.history
        .filter((h) => (!name || h.AlarmName === name) && (!type || h.HistoryItemType === type))
        .filter((h) => {
          const t = h.Timestamp?.getTime() ?? 0;
          return t >= start && t <= end;
        });
      if (str(input.ScanBy) === 'TimestampAscending') items.reverse();
      const { page, nextToken } = paginate(items, num(input.MaxRecords), str(input.NextToken), 100);
      return { AlarmHistoryItems: page, NextToken: nextToken };
    },

    PutMetricAlarm(input: PutMetricAlarmInput) {
      alarms.put(input as unknown as Record<string, unknown>);
      return {};
    },

    SetAlarmState(input: SetAlarmStateInput) {
      alarms.setState(str(input.AlarmName), str(input.StateValue), str(input.StateReason), str(input.StateReasonData));
      return {};
    },

    DeleteAlarms(input: DeleteAlarmsInput) {
      alarms.delete(list<string>(input.AlarmNames));
      return {};
    },

    EnableAlarmActions(input: { AlarmNames?: string[] }) {
      for (const name of list<string>(input.AlarmNames)) alarms.require(name).ActionsEnabled = true;
      return {};
    },

    DisableAlarmActions(input: { AlarmNames?: string[] }) {
      for (const name of list<string>(input.AlarmNames)) alarms.require(name).ActionsEnabled = false;
      return {};
    },
  };
}
