import { DeployError } from '../../errors.ts';
import type { Clock, Color, TargetGroupWeights, TrafficRouter } from '../ports.ts';
import { formatWeights, toTargetGroupWeights } from '../topology.ts';
import type { TrafficOwnership } from './ownership.ts';

/** How long a written weight may take to show up in a read (ELB is eventually consistent). */
const READ_BACK_TIMEOUT_MS = 60_000;
const READ_BACK_INTERVAL_MS = 1_000;

export function shiftTraffic(
  router: TrafficRouter,
  clock: Clock,
  targetGroups: Record<Color, string>,
  weights: Record<Color, number>,
  signal?: AbortSignal,
  owned?: TrafficOwnership,
): Promise<void> {
  return applyWeights(router, clock, toTargetGroupWeights(targetGroups, weights), formatWeights(weights), signal, owned);
}

/**
 * Writes the weights, then reads them back until they match: a step only counts once the
 * load balancer says it is in effect. Rewrites once halfway in case the first write was lost.
 * With `owned`, first checks that the weights are still the ones this run owns, and stops
 * (TrafficMovedError) if anything else shows up before or during the read-back.
 */
export async function applyWeights(
  router: Pick<TrafficRouter, 'target' | 'readWeights' | 'writeWeights'>,
  clock: Clock,
  wanted: TargetGroupWeights,
  label: string,
  signal?: AbortSignal,
  owned?: TrafficOwnership,
): Promise<void> {
  await owned?.check(router);
  owned?.writing(wanted);
  await router.writeWeights(wanted);
  const started = clock.now();
  let rewritten = false;
  for (;;) {
    const seen = await router.readWeights();
    if (Object.entries(wanted).every(([arn, weight]) => (seen[arn] ?? 0) === weight)) {
      owned?.wrote(wanted);
      return;
    }
    if (owned && !owned.owns(seen)) throw owned.movedError(router.target, seen);
    const waited = clock.now() - started;
    if (waited >= READ_BACK_TIMEOUT_MS) {
      throw new DeployError(`The load balancer did not apply weights ${label}`, {
        why: [`listener: ${router.target}`, `still reads ${JSON.stringify(seen)} after ${waited / 1000}s`],
        fix: 'Check that nothing else (IaC, another pipeline) is writing this listener, then run the rollback action.',
      });
    }
    if (!rewritten && waited >= READ_BACK_TIMEOUT_MS / 2) {
      rewritten = true;
      await router.writeWeights(wanted);
    }
    await clock.sleep(READ_BACK_INTERVAL_MS, signal);
  }
}
