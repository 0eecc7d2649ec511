import { formatWeights } from '../topology.ts';
import { fail, pass, warn, worst, type CheckOutcome } from './check.ts';
import { label, revisionOf, type PreflightReads } from './context.ts';

/**
 * No ECS deployment rolling, and no half-shifted weights. There is no lock store: a deployment
 * IN_PROGRESS on either color, or split weights, is what another run holding the lock looks like.
 */
export async function checkNoDeploymentInProgress(reads: PreflightReads): Promise<CheckOutcome> {
  const views = await reads.services();
  const outcomes: CheckOutcome[] = [];
  for (const view of views) {
    const s = view.state;
    const rolling = s.deployments.filter((d) => d.rolloutState === 'IN_PROGRESS' || (d.status === 'ACTIVE' && s.deployments.length > 1));
    const evidence = s.deployments.map(
      (d) =>
        `${s.name} ${d.id}: ${d.status} ${d.rolloutState ?? ''} ${revisionOf(d.taskDefinition)} ${d.runningCount}/${d.desiredCount}${d.createdAt ? ` since ${d.createdAt.toISOString()}` : ''}`,
    );
    if (rolling.length > 0) {
      const d = rolling[0]!;
      outcomes.push(
        fail(`${label(view)} has deployment ${d.id} ${d.rolloutState ?? d.status} (${revisionOf(d.taskDefinition)})`, evidence),
      );
      continue;
    }
    const primary = s.deployments.find((d) => d.status === 'PRIMARY');
    if (primary?.rolloutState === 'FAILED')
      outcomes.push(warn(`${s.name}'s last deployment ${primary.id} FAILED (${primary.rolloutStateReason ?? 'no reason'})`, evidence));
    else outcomes.push(pass(s.name, evidence));
  }
  if (reads.routed) {
    const topology = await reads.topology();
    const weights = formatWeights(topology.weights);
    if (!topology.liveColor)
      outcomes.push(
        fail(`traffic is split (${weights}): another run holds it or was interrupted; run rollback or wait`, [`weights: ${weights}`]),
      );
    else outcomes.push(pass('weights', [`weights: ${weights} (${topology.liveColor} live)`]));
  } else if (reads.scope?.kind === 'two-color') {
    outcomes.push(pass('weights', ['weights: not checked (no listener-arn or listener-rule-arn)']));
  }
  return worst(outcomes, `no deployment in progress${reads.routed ? ', traffic on one color' : ''}`);
}
