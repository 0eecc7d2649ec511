import { formatDuration } from '../../duration.ts';
import { CancelledError, messageOf } from '../../errors.ts';
import type { Clock, Log } from '../ports.ts';
import type { CheckSpec } from './checks.ts';
import { mismatches } from './expect.ts';
import type { HttpProbe, PeerCertificate } from './ports.ts';
import type { CheckResult } from './report.ts';
import { requestFor, type Target } from './target.ts';

export interface CheckContext {
  target: Target;
  probe: HttpProbe;
  clock: Clock;
  log: Log;
  retryIntervalMs: number;
  /** Epoch ms (on the clock) after which no new attempt starts. */
  deadline: number;
  signal?: AbortSignal;
  /** Called with the certificate of every https answer (for the TLS check). */
  onCertificate?: (certificate: PeerCertificate) => void;
}

interface Attempt {
  problems: string[];
  httpStatus?: number;
  latencyMs?: number;
}

/**
 * Runs one check until it passes, retrying every interval while the deadline allows another
 * attempt: a deployment that is still starting (refusing connections, answering 503) gets
 * until the deadline to turn healthy. The first attempt always runs.
 */
export async function runCheck(check: CheckSpec, context: CheckContext): Promise<CheckResult> {
  const { clock, log, retryIntervalMs, deadline } = context;
  const started = clock.now();
  let lastLogged = '';
  for (let attempts = 1; ; attempts++) {
    const attempt = await attemptCheck(check, context);
    const result: CheckResult = {
      name: check.name,
      kind: 'http',
      critical: check.critical,
      status: attempt.problems.length === 0 ? 'pass' : 'fail',
      request: `${check.method} ${check.path}`,
      httpStatus: attempt.httpStatus,
      latencyMs: attempt.latencyMs,
      attempts,
      detail:
        attempt.problems.length === 0 ? `${attempt.httpStatus} in ${formatDuration(attempt.latencyMs!)}` : attempt.problems.join('; '),
    };
    const tries = attempts === 1 ? '' : ` (attempt ${attempts})`;
    if (result.status === 'pass') {
      log.info(`✓ ${check.name}: ${result.detail}${tries}`);
      return result;
    }
    if (clock.now() + retryIntervalMs > deadline) {
      if (attempts > 1) result.detail += ` (${attempts} attempts over ${formatDuration(clock.now() - started)})`;
      log.info(`✗ ${check.name}: ${result.detail}`);
      return result;
    }
    // A deployment that is starting says the same thing for a while: log only what changes.
    if (result.detail !== lastLogged)
      log.info(`✗ ${check.name}: ${result.detail}${tries}; retrying every ${formatDuration(retryIntervalMs)}`);
    lastLogged = result.detail;
    await clock.sleep(retryIntervalMs, context.signal);
  }
}

async function attemptCheck(check: CheckSpec, context: CheckContext): Promise<Attempt> {
  try {
    const response = await context.probe.request(requestFor(check, context.target, context.signal));
    if (response.certificate) context.onCertificate?.(response.certificate);
    return { problems: mismatches(check, response), httpStatus: response.status, latencyMs: response.latencyMs };
  } catch (error) {
    if (error instanceof CancelledError || context.signal?.aborted) throw new CancelledError();
    return { problems: [`no answer: ${messageOf(error)}`] };
  }
}
