import { formatDuration } from '../../duration.ts';
import { CancelledError, messageOf } from '../../errors.ts';
import type { CheckSpec } from './checks.ts';
import { statusMatches } from './expect.ts';
import type { HttpProbe } from './ports.ts';
import type { BurstStats, CheckResult } from './report.ts';
import { requestFor, type Target } from './target.ts';

export interface BurstPlan {
  requests: number;
  concurrency: number;
  maxErrorRatePercent: number;
  maxP95Ms?: number;
}

const SAMPLES = 3;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Sends `requests` requests, `concurrency` at a time, cycling through the checks' requests. An
 * error is no answer or a status the check does not accept (bodies are not compared: the burst
 * measures the service under load, the checks already proved it answers correctly).
 */
export async function runBurst(
  plan: BurstPlan,
  checks: CheckSpec[],
  target: Target,
  probe: HttpProbe,
  signal?: AbortSignal,
): Promise<{ stats: BurstStats; result: CheckResult }> {
  const latencies: number[] = [];
  const samples = new Set<string>();
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < plan.requests) {
      if (signal?.aborted) throw new CancelledError();
      const check = checks[next++ % checks.length]!;
      try {
        const response = await probe.request(requestFor(check, target, signal));
        latencies.push(response.latencyMs);
        if (!statusMatches(response.status, check.expectStatus)) {
          errors++;
          if (samples.size < SAMPLES) samples.add(`${check.name}: status ${response.status}`);
        }
      } catch (error) {
        if (error instanceof CancelledError || signal?.aborted) throw new CancelledError();
        errors++;
        if (samples.size < SAMPLES) samples.add(`${check.name}: ${messageOf(error)}`);
      }
    }
  };
  const concurrency = Math.min(plan.concurrency, plan.requests);
  await Promise.all(Array.from({ length: concurrency }, worker));

  latencies.sort((a, b) => a - b);
  const stats: BurstStats = {
    requests: plan.requests,
    concurrency,
    errors,
    errorRatePercent: (errors / plan.requests) * 100,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxErrorRatePercent: plan.maxErrorRatePercent,
    maxP95Ms: plan.maxP95Ms,
    errorSamples: [...samples],
  };
  return { stats, result: burstResult(stats) };
}

function burstResult(stats: BurstStats): CheckResult {
  const problems: string[] = [];
  const rate = `${stats.errors}/${stats.requests} errors (${round(stats.errorRatePercent)}%)`;
  if (stats.errorRatePercent > stats.maxErrorRatePercent)
    problems.push(
      `${rate} > max ${stats.maxErrorRatePercent}%${stats.errorSamples.length ? `, e.g. ${stats.errorSamples.join('; ')}` : ''}`,
    );
  if (stats.maxP95Ms !== undefined) {
    if (stats.p95Ms === undefined) problems.push('no request got an answer, so there is no p95');
    else if (stats.p95Ms > stats.maxP95Ms) problems.push(`p95 ${formatDuration(stats.p95Ms)} > max ${formatDuration(stats.maxP95Ms)}`);
  }
  const latency =
    stats.p95Ms === undefined
      ? 'no answers'
      : `p50 ${formatDuration(stats.p50Ms!)}, p95 ${formatDuration(stats.p95Ms)}, p99 ${formatDuration(stats.p99Ms!)}`;
  return {
    name: `burst: ${stats.requests} requests, ${stats.concurrency} at a time`,
    kind: 'burst',
    critical: true,
    status: problems.length === 0 ? 'pass' : 'fail',
    latencyMs: stats.p95Ms,
    attempts: 1,
    detail: problems.length === 0 ? `${rate}; ${latency}` : `${problems.join('; ')} (${latency})`,
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;
