import { State } from '../../constants.ts';
import { DeployError, messageOf } from '../../errors.ts';
import type { Checkpoint, Clock, Color, TargetGroupWeights, TrafficRouter } from '../ports.ts';
import { retrying, type RetryContext } from '../retry.ts';
import { toTargetGroupWeights, weightsFor } from '../topology.ts';
import { TrafficMovedError, TrafficOwnership } from './ownership.ts';
import type { Recorder } from './report.ts';
import { commandFor } from './restore-failure.ts';
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

/**
 * Puts 100 % back on the previous color and verifies it, unless someone else moved traffic
 * since this run's last write (`owned`): then it writes nothing and returns the TrafficMovedError.
 * Never throws: the caller reports.
 */
export async function restoreTraffic(
  ports: { router: TrafficRouter; clock: Clock },
  targetGroups: Record<Color, string>,
  previous: Color,
  recorder: Recorder,
  owned?: TrafficOwnership,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  recorder.note(`Rolling back: 100 % to ${previous}`);
  try {
    await shiftTraffic(ports.router, ports.clock, targetGroups, weightsFor(previous, 100), undefined, owned);
    recorder.note(`Traffic verified: 100 % on ${previous}`);
    return { ok: true };
  } catch (error) {
    if (error instanceof TrafficMovedError) return { ok: false, error };
    recorder.warn(`Could not restore traffic: ${messageOf(error)}`);
    return { ok: false, error };
  }
}

/**
 * The post step's half: when the main step stopped while traffic was shifting, put the saved
 * weights back (retrying like any engine call) and verify them. Returns what it did. With the
 * main step's owned weights (`owned`), it first checks that nobody else moved traffic since
 * and otherwise leaves it (TrafficMovedError).
 */
export async function restoreFromCheckpoint(
  phase: string,
  saved: string,
  routerFor: (target: string) => TrafficRouter,
  ports: RetryContext,
  owned?: string,
): Promise<string> {
  if (phase !== 'shift' || !saved) return `Nothing to restore (the main step ended in phase "${phase || 'none'}")`;
  const point = JSON.parse(saved) as RestorePoint;
  const router = retrying(ports).port(routerFor(point.router), 'elb');
  const ownership = owned ? new TrafficOwnership({ save: () => {} }, owned) : undefined;
  try {
    await applyWeights(router, ports.clock, point.weights, JSON.stringify(point.weights), undefined, ownership);
  } catch (error) {
    // Someone else moved traffic: that is theirs to keep, not a failed restore.
    if (error instanceof TrafficMovedError) throw error;
    const now = await router.readWeights().then(
      (weights) => `weights now ${JSON.stringify(weights)}`,
      (unreadable: unknown) => `weights unknown (${messageOf(unreadable)})`,
    );
    throw new DeployError(`Traffic could NOT be restored on ${point.router} (${now})`, {
      why: [`restore failed: ${messageOf(error)}`, now],
      fix: `Put the previous weights back now: ${commandFor(point.router, point.weights)}`,
      cause: error,
    });
  }
  return `Restored and verified weights ${JSON.stringify(point.weights)} on ${point.router}`;
}
