import * as core from '@actions/core';
import { awsClients } from '../../shared/aws/clients.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import { DRAINED, reregisterFromCheckpoint } from '../../shared/engine/chaos/drain-state.ts';
import { actionsLog, runAction, systemClock } from '../../shared/github/action.ts';
import { postCredentials } from '../../shared/github/post.ts';

/**
 * Runs even when the job was cancelled or the main step was killed: targets the main step
 * drained and did not put back are registered again from the saved state (never the inputs).
 */
await runAction(async () => {
  const saved = core.getState(DRAINED);
  if (!saved) {
    core.info('Nothing to re-register (no targets were left drained)');
    return;
  }
  core.warning('The main step stopped with targets drained: registering them again');
  // The target group ARN names its region, which is the one that matters here.
  const targetsFor = (arn: string) => {
    const region = arn.split(':')[3]!;
    return new ElbTargets(awsClients({ region, maxRetries: 6, credentials: postCredentials(region) }).elb);
  };
  core.info(await reregisterFromCheckpoint(saved, targetsFor, { clock: systemClock, log: actionsLog }));
});
