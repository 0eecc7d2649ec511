import * as core from '@actions/core';
import { AlbRouter } from '../aws/alb-router.ts';
import { awsClients } from '../aws/clients.ts';
import { webIdentityCredentials, type RoleToAssume } from '../aws/credentials.ts';
import { OWNED_WEIGHTS_STATE } from '../engine/ownership.ts';
import { restoreFromCheckpoint } from '../engine/restore.ts';
import { actionsLog, runAction, systemClock } from './action.ts';

/** Where the main step leaves role-to-assume for the post step (it reads no inputs). */
export const ROLE_STATE = 'role';

/** The post step's credentials: the main step's role, assumed afresh, else the environment's. */
export function postCredentials(region: string) {
  const saved = core.getState(ROLE_STATE);
  return saved ? webIdentityCredentials(JSON.parse(saved) as RoleToAssume, { region }) : undefined;
}

/**
 * The `post:` step of every traffic-shifting action. The runner runs it even when the job was
 * cancelled or the main step was killed; if the main step left traffic mid-shift, this puts
 * the saved weights back. It reads only the saved state, never the (maybe invalid) inputs.
 */
export async function restoreAfterMain(): Promise<void> {
  await runAction(async () => {
    const phase = core.getState('phase');
    const saved = core.getState('restore');
    if (phase !== 'shift') {
      core.info(`Nothing to restore (the main step ended in phase "${phase || 'none'}")`);
      return;
    }
    core.warning('The main step stopped while traffic was shifting: restoring the previous weights');
    // The listener ARN names its region, which is the one that matters here.
    const routerFor = (arn: string) => {
      const region = arn.split(':')[3]!;
      return new AlbRouter(awsClients({ region, maxRetries: 6, credentials: postCredentials(region) }).elb, arn);
    };
    const owned = core.getState(OWNED_WEIGHTS_STATE);
    core.info(await restoreFromCheckpoint(phase, saved, routerFor, { clock: systemClock, log: actionsLog }, owned));
  });
}
