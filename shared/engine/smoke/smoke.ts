import { formatDuration } from '../../duration.ts';
import { CancelledError, DeployError } from '../../errors.ts';
import type { Clock, Log } from '../ports.ts';
import { runBurst, percentile, type BurstPlan } from './burst.ts';
import type { CheckSpec } from './checks.ts';
import type { HttpProbe, PeerCertificate, TestSuite } from './ports.ts';
import type { CheckResult, SmokeReport } from './report.ts';
import { runCheck } from './run-checks.ts';
import type { Target } from './target.ts';
import { tlsCheck } from './tls.ts';

export interface SmokePlan {
  target: Target;
  checks: CheckSpec[];
  /** How long the checks may keep retrying, all together, for the deployment to answer. */
  timeoutMs: number;
  retryIntervalMs: number;
  /** Absent: no burst. */
  burst?: BurstPlan;
  /** Absent: no certificate check (http, or not asked for). */
  tlsMinDays?: number;
}

export interface SmokePorts {
  probe: HttpProbe;
  clock: Clock;
  log: Log;
  /** The user's own test suite, run after the HTTP checks. */
  suite?: TestSuite;
}

/**
 * HTTP checks (each retried until it passes or the timeout passes) → TLS expiry → burst →
 * the user's test suite. The burst and the suite only run when every critical check passed:
 * a deployment that is not answering correctly has nothing for them to measure. Returns the
 * report whatever happened; `smokeFailure` turns a failed one into the step's error.
 */
export async function runSmoke(
  plan: SmokePlan,
  ports: SmokePorts,
  signal?: AbortSignal,
): Promise<{ report: SmokeReport; error?: DeployError }> {
  const { clock, log } = ports;
  const report: SmokeReport = { action: 'smoke', url: plan.target.url, startedAt: iso(clock.now()), passed: 0, failed: 0, checks: [] };
  let certificate: PeerCertificate | undefined;
  try {
    const deadline = clock.now() + plan.timeoutMs;
    log.info(`Checking ${plan.target.url}: ${plan.checks.length} check(s), retrying for up to ${formatDuration(plan.timeoutMs)}`);
    for (const check of plan.checks) {
      const context = { target: plan.target, probe: ports.probe, clock, log, retryIntervalMs: plan.retryIntervalMs, deadline, signal };
      report.checks.push(await runCheck(check, { ...context, onCertificate: (c) => (certificate ??= c) }));
    }
    if (plan.tlsMinDays !== undefined) record(report, log, tlsCheck(certificate, plan.tlsMinDays, clock.now()));

    const blocked = report.checks.some((c) => c.kind === 'http' && c.critical && c.status === 'fail');
    if (plan.burst) {
      // Only checks that passed: a failing non-critical check would turn into critical burst errors.
      const passed = plan.checks.filter((check) =>
        report.checks.some((c) => c.kind === 'http' && c.name === check.name && c.status === 'pass'),
      );
      const name = `burst: ${plan.burst.requests} requests`;
      if (blocked) report.checks.push(skipped(name, 'burst', CRITICAL_FAILED));
      else if (passed.length === 0)
        report.checks.push(skipped(name, 'burst', 'skipped: no check passed, so there is no request to repeat'));
      else {
        log.info(`Burst: ${plan.burst.requests} requests, ${Math.min(plan.burst.concurrency, plan.burst.requests)} at a time`);
        const burst = await runBurst(plan.burst, passed, plan.target, ports.probe, signal);
        report.burst = burst.stats;
        record(report, log, burst.result);
      }
    }
    if (ports.suite) {
      if (blocked) report.checks.push(skipped(`command: ${ports.suite.command}`, 'command', CRITICAL_FAILED));
      else record(report, log, await runSuite(ports.suite, plan.target, signal));
    }
    report.result = report.checks.some((c) => c.critical && c.status === 'fail') ? 'failed' : 'passed';
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    report.result = 'cancelled';
  }
  report.passed = report.checks.filter((c) => c.status === 'pass').length;
  report.failed = report.checks.filter((c) => c.status === 'fail').length;
  report.p95Ms = report.burst ? report.burst.p95Ms : checksP95(report.checks);
  report.finishedAt = iso(clock.now());
  return { report, error: smokeFailure(report) };
}

async function runSuite(suite: TestSuite, target: Target, signal?: AbortSignal): Promise<CheckResult> {
  const env = { SMOKE_URL: target.url, SMOKE_HEADERS: JSON.stringify(target.headers) };
  const outcome = await suite.run(env, signal);
  const took = `exit code ${outcome.exitCode} in ${formatDuration(outcome.durationMs)}`;
  return {
    name: `command: ${suite.command}`,
    kind: 'command',
    critical: true,
    status: outcome.exitCode === 0 ? 'pass' : 'fail',
    latencyMs: outcome.durationMs,
    attempts: 1,
    detail: outcome.exitCode === 0 || !outcome.lastLine ? took : `${took}: ${outcome.lastLine}`,
  };
}

function record(report: SmokeReport, log: Log, result: CheckResult): void {
  report.checks.push(result);
  log.info(`${result.status === 'pass' ? '✓' : '✗'} ${result.name}: ${result.detail}`);
}

const CRITICAL_FAILED = 'skipped: a critical check failed';

function skipped(name: string, kind: CheckResult['kind'], detail: string): CheckResult {
  return { name, kind, critical: true, status: 'skipped', attempts: 0, detail };
}

function checksP95(checks: CheckResult[]): number | undefined {
  const latencies = checks.filter((c) => c.kind === 'http' && c.latencyMs !== undefined).map((c) => c.latencyMs!);
  return percentile(
    latencies.sort((a, b) => a - b),
    95,
  );
}

/** Non-critical failures, for warnings. */
export function warnings(report: SmokeReport): CheckResult[] {
  return report.checks.filter((c) => !c.critical && c.status === 'fail');
}

/** The step's error when a critical check failed or the run was cancelled; undefined when it passed. */
export function smokeFailure(report: SmokeReport): DeployError | undefined {
  if (report.result === 'cancelled') return new DeployError(`Smoke checks against ${report.url} were cancelled`);
  const failed = report.checks.filter((c) => c.critical && c.status === 'fail');
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  return new DeployError(
    `${failed.length} critical smoke check${failed.length === 1 ? '' : 's'} failed against ${report.url}: ${first.name}: ${first.detail}`,
    {
      why: failed.map((c) => `${c.name}: ${c.detail}`),
      fix: failed.some((c) => c.kind === 'http')
        ? 'See the job summary for each check. If the deployment only needs longer to start answering, raise `timeout`.'
        : 'See the job summary for each check.',
    },
  );
}

const iso = (ms: number): string => new Date(ms).toISOString();
