export type CheckStatus = 'pass' | 'fail' | 'skipped';
export type CheckKind = 'http' | 'tls' | 'burst' | 'command';

export interface CheckResult {
  name: string;
  kind: CheckKind;
  critical: boolean;
  status: CheckStatus;
  /** e.g. `GET /health` (header values are never recorded). */
  request?: string;
  httpStatus?: number;
  latencyMs?: number;
  attempts: number;
  /** What was observed when it passed; the mismatches of the last attempt when it failed. */
  detail: string;
}

export interface BurstStats {
  requests: number;
  concurrency: number;
  errors: number;
  errorRatePercent: number;
  /** Latency percentiles of the requests that got an answer; undefined when none did. */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  maxErrorRatePercent: number;
  maxP95Ms?: number;
  /** A few distinct error messages, for the summary. */
  errorSamples: string[];
}

export type SmokeResult = 'passed' | 'failed' | 'cancelled';

/** A smoke run as the job summary, the JSON report and the outputs see it. */
export interface SmokeReport {
  action: 'smoke';
  url: string;
  startedAt: string;
  finishedAt?: string;
  result?: SmokeResult;
  error?: { what: string; why: string[]; fix?: string };
  passed: number;
  failed: number;
  /** p95 of the burst, or of the checks' final attempts when there was no burst. */
  p95Ms?: number;
  checks: CheckResult[];
  burst?: BurstStats;
}
