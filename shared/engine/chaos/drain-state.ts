import { State } from '../../constants.ts';
import type { Checkpoint } from '../ports.ts';
import { retrying, type RetryContext } from '../retry.ts';
import type { TargetControl, TargetRef } from './ports.ts';

/** The checkpoint key under which drained targets wait to be put back. */
export const DRAINED = State.Drained;

/** What the post step needs to re-register drained targets without reading any input. */
export interface DrainedTargets {
  targetGroupArn: string;
  targets: TargetRef[];
}

/** Saved before the first deregistration, cleared once the targets are back. */
export function saveDrained(checkpoint: Checkpoint, drained: DrainedTargets | undefined): void {
  checkpoint.save(DRAINED, drained ? JSON.stringify(drained) : '');
}

export const describeTargets = (targets: TargetRef[]): string[] => targets.map((t) => (t.port ? `${t.id}:${t.port}` : t.id));

/**
 * The post step's half: when the main step stopped with targets still drained (killed, or
 * cancelled past its own restore), register them again. RegisterTargets is idempotent, so
 * doing it twice is harmless.
 */
export async function reregisterFromCheckpoint(
  saved: string,
  targetsFor: (targetGroupArn: string) => TargetControl,
  ports: RetryContext,
): Promise<string> {
  if (!saved) return 'Nothing to re-register (no targets were left drained)';
  const drained = JSON.parse(saved) as DrainedTargets;
  const control = retrying(ports).port(targetsFor(drained.targetGroupArn), 'elb');
  await control.register(drained.targetGroupArn, drained.targets);
  return `Re-registered ${describeTargets(drained.targets).join(', ')} in ${drained.targetGroupArn}`;
}
