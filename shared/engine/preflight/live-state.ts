/**
 * What is live before a release changes anything: the workflows keep it as job outputs, so
 * a restore later targets exactly this version, never "the other color" (which may hold the
 * release before last).
 */
import { formatWeights } from '../topology.ts';
import { versionOf } from '../rollback-target.ts';
import type { NativeEcs } from '../native/ports.ts';
import { liveAndIdle, type PreflightReads } from './context.ts';
import { nativeLiveWeights } from './native.ts';

export interface LiveState {
  /** The ECS service serving the traffic (the color with the larger weight). */
  service: string;
  /** The task definition that service stands for (a failed rollout stands for the one it failed to replace). */
  taskDefinitionArn: string;
  /** `blue=100,green=0`; a native single service's production rule by target group (`tg-web-1=100,tg-web-2=0`); else empty. */
  weights: string;
}

/** undefined when the inputs cannot tell what is live: two colors without a listener, or no services. */
export async function captureLiveState(reads: PreflightReads, native?: NativeEcs): Promise<LiveState | undefined> {
  const scope = reads.scope;
  if (!scope || (scope.kind === 'two-color' && !reads.routed)) return undefined;
  const { live } = liveAndIdle(await reads.services());
  const weights =
    scope.kind === 'two-color'
      ? formatWeights((await reads.topology()).weights)
      : native
        ? await nativeLiveWeights(native, scope.service)
        : '';
  return { service: live.name, taskDefinitionArn: versionOf(live.state), weights };
}
