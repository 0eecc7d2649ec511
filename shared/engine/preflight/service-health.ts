import type { TrafficRouter } from '../ports.ts';
import { fail, pass, warn, worst, type CheckOutcome } from './check.ts';
import { label, revisionOf, type PreflightReads, type ServiceView } from './context.ts';

/**
 * The services exist and are ACTIVE (a missing one throws, which the runner reports as this
 * check's failure), run one deployment with running = desired, and their target groups report
 * healthy targets. A color that takes no traffic only warns: the deployment replaces it.
 */
export async function checkServiceHealth(reads: PreflightReads, targets: Pick<TrafficRouter, 'targetHealth'>): Promise<CheckOutcome> {
  const views = await reads.services();
  const outcomes = await Promise.all(views.map((view) => serviceOutcome(view, targets)));
  const verdict = worst(outcomes, `${views.map((v) => v.name).join(' and ')} healthy`);
  return verdict;
}

async function serviceOutcome(view: ServiceView, targets: Pick<TrafficRouter, 'targetHealth'>): Promise<CheckOutcome> {
  const s = view.state;
  const name = label(view);
  const serving = view.weight === undefined || view.weight > 0;
  const problem = (summary: string, severe: boolean) => (severe && serving ? fail : warn)(summary);
  const outcomes: CheckOutcome[] = [
    pass(name, [
      `${name}: ${s.status}, ${s.runningCount}/${s.desiredCount} running, ${revisionOf(s.taskDefinition)}, ${s.deployments.length} deployment(s)`,
    ]),
  ];
  const primary = s.deployments.find((d) => d.status === 'PRIMARY');
  if (primary?.rolloutState === 'FAILED')
    outcomes.push(problem(`${s.name}: deployment ${primary.id} FAILED (${primary.rolloutStateReason ?? 'no reason'})`, true));
  if (s.deployments.length > 1) outcomes.push(warn(`${s.name} has ${s.deployments.length} deployments, not one`));
  if (s.runningCount !== s.desiredCount)
    outcomes.push(problem(`${s.name} runs ${s.runningCount} of ${s.desiredCount} desired task(s)`, s.runningCount === 0));
  if (s.desiredCount > 0) {
    if (s.targetGroupArns.length === 0) outcomes.push(pass(name, [`${s.name}: no load balancer target group; targets not checked`]));
    for (const tg of s.targetGroupArns) {
      const health = await targets.targetHealth(tg);
      const tgName = tg.split(':').pop();
      const evidence = [`${tgName}: ${health.healthy}/${health.total} healthy`, ...health.problems];
      if (health.healthy === 0) outcomes.push({ ...problem(`${s.name}: no healthy targets in ${tgName}`, true), evidence });
      else if (health.healthy < s.desiredCount || health.problems.length > 0)
        outcomes.push(
          warn(`${s.name}: ${health.healthy}/${health.total} targets healthy in ${tgName} (desired ${s.desiredCount})`, evidence),
        );
      else outcomes.push(pass(name, evidence));
    }
  }
  if (outcomes.some((o) => o.status !== 'pass'))
    outcomes.push(
      pass(
        name,
        s.events.slice(0, 3).map((e) => `event ${e.at.toISOString()}: ${e.message}`),
      ),
    );
  return worst(outcomes, name);
}
