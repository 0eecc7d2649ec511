/**
 * The post step of a native run (canary, blue-green): when the main step was killed while a
 * service deployment ran, ECS rolls it back from the saved service-deployment ARN, production is
 * verified on the original target group, and the team's deployment configuration is written back.
 * It reads only the saved state, never the inputs.
 */
import * as core from '@actions/core';
import { awsClients } from '../aws/clients.ts';
import { EcsServiceDeployments } from '../aws/ecs-service-deployments.ts';
import { STATE } from '../engine/native/context.ts';
import { restoreNative } from '../engine/native/post.ts';
import { actionsLog, runAction, systemClock } from './action.ts';
import { concludeNativeRun, NATIVE_REGION_STATE } from './native.ts';
import { postCredentials, restoreAfterMain } from './post.ts';

/** How the post step polls ECS while it rolls back (it has no inputs to read these from). */
const POST_TIMING = { pollMs: 1_000, waitTimeoutMs: 30 * 60_000 };

/** A native main step leaves its phase in the state; a two-color one does not. */
export async function restoreAfterMainEitherForm(): Promise<void> {
  if (core.getState(STATE.phase)) await restoreNativeAfterMain();
  else await restoreAfterMain();
}

async function restoreNativeAfterMain(): Promise<void> {
  await runAction(async () => {
    const region = core.getState(NATIVE_REGION_STATE);
    const clients = awsClients({ region, maxRetries: 6, credentials: postCredentials(region) });
    const ecs = new EcsServiceDeployments(clients.ecs, clients.elb, core.getState(STATE.cluster));
    const ports = { ecs, clock: systemClock, log: actionsLog, checkpoint: { save: () => {} } };
    const outcome = await restoreNative((key) => core.getState(key), POST_TIMING, ports);
    if (!outcome) {
      core.info(`Nothing to restore (the main step ended in phase "${core.getState(STATE.phase)}")`);
      return;
    }
    await concludeNativeRun(outcome.report, outcome.error, { region });
  });
}
