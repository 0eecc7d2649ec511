import { CancelledError, GateError } from '../../errors.ts';
import type { Report } from './report.ts';

/**
 * A step still baking when the run stopped did not pass, whatever its last poll said: it ends
 * `cancelled`, or `error` when an AWS call (not a gate) stopped it.
 */
export function markUnfinishedStep(report: Report, caught: unknown): void {
  const step = report.steps.at(-1);
  if (!step || step.verdict === 'pass' || step.verdict === 'fail' || caught instanceof GateError) return;
  step.verdict = caught instanceof CancelledError ? 'cancelled' : 'error';
}
