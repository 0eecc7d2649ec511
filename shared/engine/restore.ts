import { State } from '../constants.ts';
import { DeployError, messageOf } from '../errors.ts';
import type { Checkpoint, Clock, Color, Log, TargetGroupWeights, TrafficRouter } from '../ports.ts';
import type { Recorder } from '../report.ts';
import { toTargetGroupWeights, weightsFor } from './topology.ts';
import { DEFAULT_RETRY, resilient, type RetryPolicy } from './retry.ts';
import { applyWeights, shiftTraffic } from './traffic.ts';

/**
 * Phases as the checkpoint records them. Only `shift` means traffic may be off the previous
 * color; every other phase leaves it where it was.
 */
export type RunPhase = 'inspect' | 'deploy' | 'shift' | 'done';

/** The run's phase, saved at every transition so the post step knows whether traffic needs restoring. */
export class Phases {
  current: RunPhase = 'inspect';
  private readonly checkpoint: Checkpoint;

  constructor(checkpoint: Checkpoint) {
    this.checkpoint = checkpoint;
  }

  enter(next: RunPhase): void {
    this.current = next;
    this.checkpoint.save(State.Phase, next);
  }
}

/** What the post step needs to put traffic back without re-reading any input. */
export interface RestorePoint {
  router: string;
  weights: TargetGroupWeights;
}

export function saveRestorePoint(checkpoint: Checkpoint, router: string, targetGroups: Record<Color, string>, live: Color): void {
  const point: RestorePoint = { router, weights: toTargetGroupWeights(targetGroups, weightsFor(live, 100)) };
  checkpoint.save(State.Restore, JSON.stringify(point));
}

/** Puts 100 % back on the previous color and verifies it. Never throws: the caller reports. */
export async function restoreTraffic(
  ports: { router: TrafficRouter; clock: Clock },
  targetGroups: Record<Color, string>,
  previous: Color,
  recorder: Recorder,
): Promise<{ ok: true } | { ok: false; error: DeployError }> {
  recorder.note(`Rolling back: 100 % to ${previous}`);
  try {
    await shiftTraffic(ports.router, ports.clock, targetGroups, weightsFor(previous, 100));
    recorder.note(`Traffic verified: 100 % on ${previous}`);
    return { ok: true };
  } catch (error) {
    recorder.warn(`Could not restore traffic: ${messageOf(error)}`);
    return {
      ok: false,
      error: new DeployError(`Traffic could NOT be restored to ${previous}: the listener may still be split`, {
        why: [messageOf(error)],
        fix: 'Run the rollback action now (it converges from any state), or set the listener weights by hand.',
        cause: error,
      }),
    };
  }
}

/**
 * The post step's half: when the main step stopped while traffic was shifting, put the saved
 * weights back (retrying like any engine call) and verify them. Returns what it did.
 */
export async function restoreFromCheckpoint(
  phase: string,
  saved: string,
  routerFor: (target: string) => TrafficRouter,
  ports: { clock: Clock; log: Log; retry?: RetryPolicy },
): Promise<string> {
  if (phase !== 'shift' || !saved) return `Nothing to restore (the main step ended in phase "${phase || 'none'}")`;
  const point = JSON.parse(saved) as RestorePoint;
  const router = resilient(routerFor(point.router), 'elb', { clock: ports.clock, log: ports.log, policy: ports.retry ?? DEFAULT_RETRY });
  await applyWeights(router, ports.clock, point.weights, JSON.stringify(point.weights));
  return `Restored and verified weights ${JSON.stringify(point.weights)} on ${point.router}`;
}
