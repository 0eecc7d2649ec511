export interface Dimension {
  Name: string;
  Value: string;
}

export interface Sample {
  t: number;
  v: number;
  /** How many observations of value `v` (PutMetricData Values/Counts). */
  n: number;
}

export interface Series {
  namespace: string;
  name: string;
  dimensions: Dimension[];
  unit: string | undefined;
  samples: Sample[];
}

const DEFAULT_RETENTION_MS = 3 * 60 * 60 * 1000;
const MAX_SAMPLES_PER_SERIES = 500_000;

function dimensionKey(dimensions: Dimension[]): string {
  return [...dimensions]
    .sort((a, b) => a.Name.localeCompare(b.Name))
    .map((d) => `${d.Name}=${d.Value}`)
    .join(',');
}

function seriesKey(namespace: string, name: string, dimensions: Dimension[]): string {
  return `${namespace}|${name}|${dimensionKey(dimensions)}`;
}

/** First index whose t >= time. */
function lowerBound(samples: Sample[], time: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((samples[mid] as Sample).t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Raw observations per metric series; CloudWatch statistics are computed from them on read. */
export class MetricStore {
  readonly #series = new Map<string, Series>();
  readonly #retentionMs: number;
  /** When set, samples are visible only once published (see cloudwatch/publishing.ts). */
  publishedBy: ((namespace: string, t: number, now: number) => boolean) | undefined;

  constructor(retentionMs = DEFAULT_RETENTION_MS) {
    this.#retentionMs = retentionMs;
  }

  put(
    namespace: string,
    name: string,
    dimensions: Dimension[],
    value: number,
    options: { t?: number; count?: number; unit?: string } = {},
  ): void {
    const key = seriesKey(namespace, name, dimensions);
    let series = this.#series.get(key);
    if (!series) {
      series = { namespace, name, dimensions: [...dimensions], unit: options.unit, samples: [] };
      this.#series.set(key, series);
    }
    const sample: Sample = { t: options.t ?? Date.now(), v: value, n: options.count ?? 1 };
    const last = series.samples[series.samples.length - 1];
    if (!last || last.t <= sample.t) series.samples.push(sample);
    else series.samples.splice(lowerBound(series.samples, sample.t + 1), 0, sample);
    if (series.samples.length > MAX_SAMPLES_PER_SERIES) series.samples.splice(0, series.samples.length - MAX_SAMPLES_PER_SERIES);
  }

  /** CloudWatch matches dimension sets exactly (order does not matter). */
  find(namespace: string, name: string, dimensions: Dimension[]): Series | undefined {
    return this.#series.get(seriesKey(namespace, name, dimensions));
  }

  all(): Series[] {
    return [...this.#series.values()];
  }

  samples(series: Series | undefined, startMs: number, endMs: number): Sample[] {
    if (!series) return [];
    const found = series.samples.slice(lowerBound(series.samples, startMs), lowerBound(series.samples, endMs));
    const published = this.publishedBy;
    if (!published) return found;
    const now = Date.now();
    return found.filter((s) => published(series.namespace, s.t, now));
  }

  prune(now = Date.now()): void {
    const cutoff = now - this.#retentionMs;
    for (const series of this.#series.values()) {
      const drop = lowerBound(series.samples, cutoff);
      if (drop > 0) series.samples.splice(0, drop);
    }
  }
}

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?|100)$/;
const SIMPLE_STATS = new Set(['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum']);

export function isSupportedStatistic(stat: string): boolean {
  return SIMPLE_STATS.has(stat) || PERCENTILE.test(stat);
}

/** A CloudWatch statistic over raw samples; undefined when there is no data. */
export function statistic(samples: Sample[], stat: string): number | undefined {
  if (samples.length === 0) return undefined;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    count += s.n;
    sum += s.v * s.n;
    if (s.v < min) min = s.v;
    if (s.v > max) max = s.v;
  }
  switch (stat) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return count === 0 ? undefined : sum / count;
    case 'Minimum':
      return min;
    case 'Maximum':
      return max;
  }
  const match = PERCENTILE.exec(stat);
  if (!match) return undefined;
  // Nearest-rank percentile over the weighted observations.
  const sorted = [...samples].sort((a, b) => a.v - b.v);
  const rank = Math.max(1, Math.ceil((Number(match[1]) / 100) * count));
  let seen = 0;
  for (const s of sorted) {
    seen += s.n;
    if (seen >= rank) return s.v;
  }
  return max;
}

/** Period buckets aligned on multiples of the period since the epoch, as CloudWatch aligns them. */
export function bucketize(
  samples: Sample[],
  startMs: number,
  endMs: number,
  periodMs: number,
): Array<{ start: number; samples: Sample[] }> {
  const buckets = new Map<number, Sample[]>();
  const first = Math.floor(startMs / periodMs) * periodMs;
  for (const s of samples) {
    if (s.t < first || s.t >= endMs) continue;
    const start = Math.floor(s.t / periodMs) * periodMs;
    const bucket = buckets.get(start);
    if (bucket) bucket.push(s);
    else buckets.set(start, [s]);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([start, inBucket]) => ({ start, samples: inBucket }));
}

export const ALB_NAMESPACE = 'AWS/ApplicationELB';

export interface AlbRequestRecord {
  at: number;
  loadBalancer: string;
  targetGroup: string | undefined;
  /** Status returned by the target, when the request reached one. */
  targetStatus: number | undefined;
  /** Status generated by the load balancer itself (no healthy target, target error...). */
  elbStatus: number | undefined;
  targetResponseTimeSec: number | undefined;
}

/** The AWS/ApplicationELB metrics one proxied request produces, per LoadBalancer and per TargetGroup+LoadBalancer. */
export function recordAlbRequest(store: MetricStore, r: AlbRequestRecord): void {
  const lbDims: Dimension[] = [{ Name: 'LoadBalancer', Value: r.loadBalancer }];
  const dimsSets: Dimension[][] = [lbDims];
  if (r.targetGroup) dimsSets.push([{ Name: 'TargetGroup', Value: r.targetGroup }, ...lbDims]);
  const put = (name: string, value: number, sets: Dimension[][], unit: string): void => {
    for (const dims of sets) store.put(ALB_NAMESPACE, name, dims, value, { t: r.at, unit });
  };
  put('RequestCount', 1, dimsSets, 'Count');
  if (r.targetStatus !== undefined) {
    put(`HTTPCode_Target_${Math.floor(r.targetStatus / 100)}XX_Count`, 1, dimsSets, 'Count');
  }
  if (r.targetResponseTimeSec !== undefined) put('TargetResponseTime', r.targetResponseTimeSec, dimsSets, 'Seconds');
  if (r.elbStatus !== undefined) {
    put(`HTTPCode_ELB_${Math.floor(r.elbStatus / 100)}XX_Count`, 1, [lbDims], 'Count');
    if ([500, 502, 503, 504].includes(r.elbStatus)) put(`HTTPCode_ELB_${r.elbStatus}_Count`, 1, [lbDims], 'Count');
  }
}
