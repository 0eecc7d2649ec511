/**
 * "Never overwrite a traffic change this run did not make." A run remembers the weights it
 * last wrote (or found, before its first write). Before every write, after every bake and in
 * the post step it reads the listener again: anything else there means someone else (a manual
 * rollback, another pipeline, a person in the console) moved traffic, and the run stops and
 * leaves traffic as it is. ELB has no conditional write, so a change landing between that read
 * and the write is not caught: the window is one API round trip.
 */
import { DeployError } from '../../errors.ts';
import type { Checkpoint, TargetGroupWeights, TrafficRouter } from '../ports.ts';

/** The checkpoint key the post step reads the owned weights from. */
export const OWNED_WEIGHTS_STATE = 'owned-weights';

interface OwnedState {
  /** Weights this run may find: what it last wrote, and while a write is in flight also what was there before it. */
  accepted: TargetGroupWeights[];
  /** False until the first write: `accepted` is then what the run found. */
  wrote: boolean;
}

export class TrafficMovedError extends DeployError {
  readonly expected: TargetGroupWeights;
  readonly found: TargetGroupWeights;

  constructor(target: string, expected: TargetGroupWeights, found: TargetGroupWeights, wrote: boolean) {
    super(`Someone else moved traffic on ${target}: this run leaves it as it is`, {
      why: [
        `${wrote ? 'this run last wrote' : 'this run found (before writing anything)'}: ${formatTargetGroupWeights(expected)}`,
        `the listener now has: ${formatTargetGroupWeights(found)}`,
      ],
      fix: 'Someone (a manual rollback, another pipeline, a change in the console) moved traffic during this run. Find out who before deploying again; this run wrote nothing over it.',
    });
    this.name = 'TrafficMovedError';
    this.expected = expected;
    this.found = found;
  }
}

/** `tg-blue=50, tg-green=50`: the target group names out of their ARNs. */
export function formatTargetGroupWeights(weights: TargetGroupWeights): string {
  const entries = Object.entries(weights).map(([arn, weight]) => `${/targetgroup\/([^/]+)/.exec(arn)?.[1] ?? arn}=${weight}`);
  return entries.join(', ') || 'no forward weights';
}

/** ELB weights are relative: the same split written as 1/1 or 50/50 is the same traffic. */
export function sameTraffic(a: TargetGroupWeights, b: TargetGroupWeights): boolean {
  const share = (w: TargetGroupWeights) => {
    const total = Object.values(w).reduce((sum, v) => sum + v, 0);
    return new Map(Object.entries(w).flatMap(([arn, v]) => (v > 0 && total > 0 ? [[arn, Math.round((v / total) * 100)] as const] : [])));
  };
  const [x, y] = [share(a), share(b)];
  return x.size === y.size && [...x].every(([arn, v]) => y.get(arn) === v);
}

/** What one run owns of the listener's weights, saved to the checkpoint at every change. */
export class TrafficOwnership {
  private state: OwnedState | undefined;
  private readonly checkpoint: Checkpoint;

  constructor(checkpoint: Checkpoint, saved?: string) {
    this.checkpoint = checkpoint;
    if (saved) this.state = JSON.parse(saved) as OwnedState;
  }

  /** The weights the run found before its first write. */
  startFrom(weights: TargetGroupWeights): void {
    this.set({ accepted: [{ ...weights }], wrote: false });
  }

  /** About to write `wanted`: until it is verified, either the old or the new weights are ours. */
  writing(wanted: TargetGroupWeights): void {
    if (this.state) this.set({ accepted: [...this.state.accepted, { ...wanted }], wrote: true });
  }

  /** `weights` were written and read back. */
  wrote(weights: TargetGroupWeights): void {
    this.set({ accepted: [{ ...weights }], wrote: true });
  }

  /** Whether these weights are ones this run put (or found) there. True before any baseline. */
  owns(weights: TargetGroupWeights): boolean {
    return !this.state || this.state.accepted.some((mine) => sameTraffic(mine, weights));
  }

  /** The error for weights this run does not own. */
  movedError(target: string, found: TargetGroupWeights): TrafficMovedError {
    return new TrafficMovedError(target, this.state?.accepted.at(-1) ?? {}, found, this.state?.wrote ?? false);
  }

  /** Reads the weights; throws TrafficMovedError when they are not this run's. */
  async check(router: Pick<TrafficRouter, 'target' | 'readWeights'>): Promise<TargetGroupWeights> {
    const found = await router.readWeights();
    if (!this.owns(found)) throw this.movedError(router.target, found);
    return found;
  }

  private set(state: OwnedState): void {
    this.state = state;
    this.checkpoint.save(OWNED_WEIGHTS_STATE, JSON.stringify(state));
  }
}
