/**
 * The post step of canary and blue-green in either form. A native main step leaves its phase in
 * the state: when it was killed while a service deployment ran, ECS rolls it back from the saved
 * service-deployment ARN, production is verified on the original target group, and the team's
 * deployment configuration is written back. Otherwise the two-color restore runs. It reads only
 * the saved state, never the inputs.
 */
import { STATE } from '../engine/native/context.ts';
import type { Clock, Log } from '../engine/ports.ts';
import { NATIVE_REGION_STATE } from './native-report.ts';
import { postClients } from './post-clients.ts';
import { NOTHING_RESTORED, restoreTraffic } from './two-color.ts';

/** How the post step polls ECS while it rolls back (it has no inputs to read these from). */
const POST_TIMING = { pollMs: 1_000, waitTimeoutMs: 30 * 60_000 };

export async function restoreEitherForm(state: { get(key: string): string }, context: { clock: Clock; log: Log }): Promise<string> {
  if (!state.get(STATE.phase)) return restoreTraffic(state, context);
  const { EcsServiceDeployments } = await import('../aws/ecs-service-deployments.ts');
  const { restoreNative } = await import('../engine/native/post.ts');
  const region = state.get(NATIVE_REGION_STATE);
  const clients = (await postClients(state))(region);
  const ecs = new EcsServiceDeployments(clients.ecs, clients.elb, state.get(STATE.cluster));
  const outcome = await restoreNative((key) => state.get(key), POST_TIMING, { ecs, ...context, checkpoint: { save: () => {} } });
  if (!outcome) {
    context.log.info(`Nothing to restore (the main step ended in phase "${state.get(STATE.phase)}")`);
    return NOTHING_RESTORED;
  }
  const ended = `${outcome.report.result}${outcome.report.finalStatus ? ` (${outcome.report.finalStatus})` : ''}`;
  context.log.info(`Post step: ${ended}`);
  if (outcome.error) throw outcome.error;
  return `rolled the service deployment back: ${ended}`;
}
