import { AwsError } from '../errors.ts';
import { bucketize, isSupportedStatistic, statistic, type Dimension, type MetricStore } from '../metrics.ts';
import { list, num, obj, str } from '../params.ts';
import { evaluateExpression, MathError, referencedIds, type Points } from './metric-math.ts';

export interface MetricStatInput {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  periodSec: number;
  stat: string;
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, { queryCode: 'ValidationError' });
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, { queryCode: 'InvalidParameterValue' });
}

export function parseDimensions(value: unknown): Dimension[] {
  return list(value).map((raw) => {
    const d = obj(raw) ?? {};
    return { Name: str(d.Name) ?? '', Value: str(d.Value) ?? '' };
  });
}

/** One statistic per aligned period bucket that has data (CloudWatch omits empty periods). */
export function metricStatPoints(store: MetricStore, input: MetricStatInput, startMs: number, endMs: number): Points {
  const series = store.find(input.namespace, input.metricName, input.dimensions);
  const periodMs = input.periodSec * 1000;
  const alignedStart = Math.floor(startMs / periodMs) * periodMs;
  const points: Points = new Map();
  for (const bucket of bucketize(store.samples(series, alignedStart, endMs), startMs, endMs, periodMs)) {
    const value = statistic(bucket.samples, input.stat);
    if (value !== undefined) points.set(bucket.start, value);
  }
  return points;
}

interface Query {
  id: string;
  label: string | undefined;
  returnData: boolean;
  stat: MetricStatInput | undefined;
  expression: string | undefined;
  periodSec: number | undefined;
}

export interface MetricDataResultView {
  Id: string;
  Label: string;
  Timestamps: Date[];
  Values: number[];
  StatusCode: 'Complete';
  Messages: [];
}

const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

function parseQuery(raw: unknown, index: number): Query {
  const q = obj(raw) ?? {};
  const id = str(q.Id);
  if (!id || !ID_PATTERN.test(id)) {
    throw validationError(
      `The value ${id ?? 'null'} for parameter MetricDataQueries.member.${index + 1}.Id is not valid; it must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  }
  const metricStat = obj(q.MetricStat);
  const expression = str(q.Expression);
  if (!metricStat === !expression) {
    throw validationError(`Exactly one of MetricStat and Expression must be set in MetricDataQueries.member.${index + 1}.`);
  }
  let stat: MetricStatInput | undefined;
  if (metricStat) {
    const metric = obj(metricStat.Metric) ?? {};
    const periodSec = num(metricStat.Period);
    const statName = str(metricStat.Stat);
    if (!periodSec || periodSec < 1 || !Number.isInteger(periodSec)) {
      throw validationError(`The parameter MetricDataQueries.member.${index + 1}.MetricStat.Period must be a positive integer.`);
    }
    if (!statName || !isSupportedStatistic(statName)) {
      throw invalidParameter(
        `The value ${statName ?? 'null'} for parameter MetricDataQueries.member.${index + 1}.MetricStat.Stat is not a supported statistic.`,
      );
    }
    stat = {
      namespace: str(metric.Namespace) ?? '',
      metricName: str(metric.MetricName) ?? '',
      dimensions: parseDimensions(metric.Dimensions),
      periodSec,
      stat: statName,
    };
  }
  return {
    id,
    label: str(q.Label),
    returnData: q.ReturnData === undefined ? true : q.ReturnData === true || q.ReturnData === 'true',
    stat,
    expression,
    periodSec: num(q.Period),
  };
}

/** GetMetricData: metric stats from the store, then expressions in dependency order. */
export function runMetricDataQueries(
  store: MetricStore,
  rawQueries: unknown,
  startMs: number,
  endMs: number,
  descending: boolean,
): MetricDataResultView[] {
  const queries = list(rawQueries).map(parseQuery);
  if (queries.length === 0) throw validationError('MetricDataQueries must contain at least one query.');
  if (queries.length > 500) throw validationError('MetricDataQueries can contain at most 500 queries.');
  const byId = new Map<string, Query>();
  for (const q of queries) {
    if (byId.has(q.id)) throw validationError(`Duplicate query id ${q.id}.`);
    byId.set(q.id, q);
  }
  const results = new Map<string, Points>();
  const periodOf = (q: Query, seen = new Set<string>()): number => {
    if (q.stat) return q.stat.periodSec;
    if (q.periodSec) return q.periodSec;
    seen.add(q.id);
    for (const ref of referencedIds(q.expression ?? '')) {
      const inner = byId.get(ref);
      if (inner && !seen.has(ref)) return periodOf(inner, seen);
    }
    return 60;
  };
  const evaluating = new Set<string>();
  const resolve = (id: string): Points => {
    const done = results.get(id);
    if (done) return done;
    const q = byId.get(id);
    if (!q) throw validationError(`Error in expression: unknown query id ${id}.`);
    if (evaluating.has(id)) throw validationError(`Error in expression: circular reference to ${id}.`);
    evaluating.add(id);
    let points: Points;
    if (q.stat) {
      points = metricStatPoints(store, q.stat, startMs, endMs);
    } else {
      const periodMs = periodOf(q) * 1000;
      const grid: number[] = [];
      for (let t = Math.floor(startMs / periodMs) * periodMs; t < endMs && grid.length < 100_000; t += periodMs) grid.push(t);
      try {
        const value = evaluateExpression(q.expression ?? '', { resolve, grid });
        points = typeof value === 'number' ? new Map(grid.map((t) => [t, value])) : value;
      } catch (error) {
        if (error instanceof MathError) throw validationError(`Error in expression ${q.id}: ${error.message}`);
        throw error;
      }
    }
    evaluating.delete(id);
    results.set(id, points);
    return points;
  };
  return queries
    .filter((q) => q.returnData)
    .map((q) => {
      const entries = [...resolve(q.id).entries()].sort(([a], [b]) => (descending ? b - a : a - b));
      return {
        Id: q.id,
        Label: q.label ?? q.stat?.metricName ?? q.id,
        Timestamps: entries.map(([t]) => new Date(t)),
        Values: entries.map(([, v]) => v),
        StatusCode: 'Complete' as const,
        Messages: [] as [],
      };
    });
}
