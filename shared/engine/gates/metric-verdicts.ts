/**
 * Verdicts from per-period ALB figures, pure so every rule is tested without CloudWatch.
 * Absolute thresholds judge the new version alone; the baseline comparison judges it against
 * the live version over the same periods (see docs/gates.md, "How gates judge").
 */
import type { GateResult, MetricPoint } from '../ports.ts';
import { fisherOneSided, mannWhitneyGreater, mannWhitneySmallestP, median } from './statistics.ts';

export interface BaselineSettings {
  /** Largest acceptable increase of the 5xx rate over the live version, in percentage points. */
  max5xxIncreasePp?: number;
  /** Largest acceptable increase of the median per-period p95 over the live version, in percent. */
  maxP95IncreasePercent?: number;
  /** e.g. 0.95: the new version fails only when worse with this confidence (and beyond the margin). */
  confidence: number;
}

export interface MetricSettings {
  /** Percent of requests answered 5xx by the targets. */
  max5xxRate?: number;
  maxP95LatencyMs?: number;
  /** Below this many requests (in either color, when comparing) the verdict is inconclusive. */
  minRequests: number;
  periodMs: number;
  /** How late a period's datapoint may be published after the period closes. */
  delayMs: number;
  baseline?: BaselineSettings;
  /** gates-dry-run: results are reported, never acted on. */
  advisory?: boolean;
}

export interface PeriodFigures {
  /** Period start, epoch ms. */
  t: number;
  requests: number;
  errors: number;
  p95Ms?: number;
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const pct = (errors: number, requests: number) => (requests > 0 ? (errors / requests) * 100 : 0);
const sum = (xs: PeriodFigures[], key: 'requests' | 'errors') => xs.reduce((s, x) => s + x[key], 0);

/**
 * How far the evidence reaches: the end of the last whole period, counted from the first, for
 * which every color's datapoint has arrived or can no longer arrive (older than the delay: no
 * requests then). The current, partial period never covers anything.
 */
export function coveredUntil(figures: PeriodFigures[][], from: number, now: number, periodMs: number, delayMs: number): number {
  let until = from;
  for (let t = from; t + periodMs <= now; t += periodMs) {
    const settled = t + periodMs + delayMs <= now || figures.every((series) => series.some((p) => p.t === t));
    if (!settled) break;
    until = t + periodMs;
  }
  return until;
}

export function judgeMetrics(
  figures: { new: PeriodFigures[]; live: PeriodFigures[] },
  window: { from: number; now: number },
  settings: MetricSettings,
  compare: boolean,
): GateResult[] {
  const { minRequests, max5xxRate, maxP95LatencyMs, baseline } = settings;
  const colors = compare ? [figures.new, figures.live] : [figures.new];
  const covered = { from: window.from, to: coveredUntil(colors, window.from, window.now, settings.periodMs, settings.delayMs) };
  const requests = sum(figures.new, 'requests');
  const errors = sum(figures.new, 'errors');
  const liveRequests = sum(figures.live, 'requests');
  const liveErrors = sum(figures.live, 'errors');
  const scarce =
    requests < minRequests
      ? `only ${requests} request(s) on the new version by ${time(window.now)}, need ${minRequests}`
      : compare && liveRequests < minRequests
        ? `only ${liveRequests} request(s) on the live version, need ${minRequests}`
        : undefined;
  const common = { covered, ...(settings.advisory ? { advisory: true } : {}) };
  const results: GateResult[] = [];
  const newP95s = figures.new.flatMap((p) => (p.p95Ms === undefined ? [] : [p.p95Ms]));
  const liveP95s = figures.live.flatMap((p) => (p.p95Ms === undefined ? [] : [p.p95Ms]));
  const rateText = `${pct(errors, requests).toFixed(2)}% (${errors}/${requests})`;
  const liveRateText = `${pct(liveErrors, liveRequests).toFixed(2)}% (${liveErrors}/${liveRequests})`;

  if (max5xxRate !== undefined) {
    const rate = pct(errors, requests);
    // A failing rate fails as soon as there is enough to compute it; a pass needs the minimum.
    const verdict = requests >= minRequests ? (rate > max5xxRate ? 'fail' : 'pass') : 'inconclusive';
    results.push({
      gate: '5xx rate',
      verdict,
      observed: verdict === 'inconclusive' ? (scarce ?? rateText) : rateText,
      threshold: `≤ ${max5xxRate}%`,
      ...(compare ? { baseline: liveRateText } : {}),
      limit: { metric: '5xx', value: max5xxRate },
      ...common,
    });
  }
  if (maxP95LatencyMs !== undefined) {
    // Percentiles of different periods do not combine: the worst period speaks for the step.
    const worst = Math.max(0, ...newP95s);
    const verdict = requests >= minRequests && newP95s.length > 0 ? (worst > maxP95LatencyMs ? 'fail' : 'pass') : 'inconclusive';
    results.push({
      gate: 'p95 latency',
      verdict,
      observed: verdict === 'inconclusive' ? (scarce ?? 'no p95 datapoint yet') : `${Math.round(worst)} ms (worst period)`,
      threshold: `≤ ${maxP95LatencyMs} ms`,
      ...(compare && liveP95s.length ? { baseline: `${Math.round(Math.max(...liveP95s))} ms` } : {}),
      limit: { metric: 'p95', value: maxP95LatencyMs },
      ...common,
    });
  }
  const alpha = 1 - (baseline?.confidence ?? 0.95);
  const confidence = `${Math.round((1 - alpha) * 1000) / 10}%`;
  if (compare && baseline?.max5xxIncreasePp !== undefined) {
    const margin = baseline.max5xxIncreasePp;
    const increase = pct(errors, requests) - pct(liveErrors, liveRequests);
    const p = scarce ? 1 : fisherOneSided(errors, requests, liveErrors, liveRequests);
    results.push({
      gate: '5xx rate vs live',
      verdict: scarce ? 'inconclusive' : p < alpha && increase > margin ? 'fail' : 'pass',
      observed: scarce ?? `${rateText}, ${increase >= 0 ? '+' : ''}${increase.toFixed(2)} pp, p = ${p.toPrecision(2)}`,
      baseline: liveRateText,
      threshold: `≤ +${margin} pp, or not worse at ${confidence} (one-sided Fisher exact)`,
      ...common,
    });
  }
  if (compare && baseline?.maxP95IncreasePercent !== undefined) {
    const margin = baseline.maxP95IncreasePercent;
    const livePeriods = new Map(figures.live.map((p) => [p.t, p.p95Ms]));
    // Only periods both colors served: the same window, the same load pattern.
    const paired = figures.new.filter((p) => p.p95Ms !== undefined && livePeriods.get(p.t) !== undefined);
    const ours = paired.map((p) => p.p95Ms!);
    const theirs = paired.map((p) => livePeriods.get(p.t)!);
    const tooFew = mannWhitneySmallestP(ours.length, theirs.length) >= alpha;
    const increase = ours.length ? (median(ours) / median(theirs) - 1) * 100 : 0;
    const { p } = mannWhitneyGreater(ours, theirs);
    const waiting =
      scarce ?? (tooFew ? `only ${ours.length} period(s) with p95 in both colors: too few to judge at ${confidence}` : undefined);
    results.push({
      gate: 'p95 latency vs live',
      verdict: waiting ? 'inconclusive' : p < alpha && increase > margin ? 'fail' : 'pass',
      observed:
        waiting ?? `median p95 ${Math.round(median(ours))} ms, ${increase >= 0 ? '+' : ''}${increase.toFixed(1)}%, p = ${p.toPrecision(2)}`,
      baseline: theirs.length ? `median p95 ${Math.round(median(theirs))} ms` : 'no data',
      threshold: `≤ +${margin}%, or not worse at ${confidence} (one-sided Mann–Whitney U)`,
      ...common,
    });
  }
  const points = (role: 'new' | 'live'): MetricPoint[] =>
    figures[role].map((p) => ({
      t: p.t,
      role,
      errorRate: pct(p.errors, p.requests),
      ...(p.p95Ms === undefined ? {} : { p95Ms: p.p95Ms }),
    }));
  if (results[0]) results[0].points = [...points('new'), ...(compare ? points('live') : [])];
  return results;
}
