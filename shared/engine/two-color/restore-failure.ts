/**
 * When traffic could not be put back, the run must say exactly where it stands: the cause that
 * stopped it first, the weights as the load balancer reports them now (never as intended), what
 * each service runs, and the one command that puts the previous color back at 100 %.
 */
import { DeployError, messageOf } from '../../errors.ts';
import { COLORS, type Color, type TargetGroupWeights, type TrafficRouter } from '../ports.ts';
import { colorWeights, formatWeights, toTargetGroupWeights, weightsFor, type Topology } from '../topology.ts';
import type { Report } from './report.ts';

/** Reads the weights back; undefined (with why) when even that fails. */
export async function weightsNow(
  router: Pick<TrafficRouter, 'readWeights' | 'target'>,
  targetGroups: Record<Color, string>,
): Promise<{ weights: Record<Color, number> } | { unknown: string }> {
  try {
    return { weights: colorWeights(await router.readWeights(), targetGroups, router.target) };
  } catch (error) {
    return { unknown: messageOf(error) };
  }
}

/** The AWS CLI line that sets 100 % on `color` (a listener's default action, or a rule's actions). */
export function restoreCommand(target: string, targetGroups: Record<Color, string>, color: Color): string {
  return commandFor(target, toTargetGroupWeights(targetGroups, weightsFor(color, 100)));
}

/** The AWS CLI line that writes these target group weights on a listener or a rule. */
export function commandFor(target: string, weights: TargetGroupWeights): string {
  const groups = Object.entries(weights).map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight }));
  const actions = JSON.stringify([{ Type: 'forward', ForwardConfig: { TargetGroups: groups } }]);
  const region = target.split(':')[3];
  return target.includes(':listener-rule/')
    ? `aws elbv2 modify-rule --region ${region} --rule-arn ${target} --actions '${actions}'`
    : `aws elbv2 modify-listener --region ${region} --listener-arn ${target} --default-actions '${actions}'`;
}

/**
 * Fills the report with the state read back and returns the error to report: the first cause
 * leads, the failed restore follows, the fix is the command.
 */
export async function describeFailedRestore(
  first: DeployError,
  restoreError: unknown,
  context: { router: Pick<TrafficRouter, 'readWeights' | 'target'>; topology: Topology; previous: Color; report: Report },
): Promise<DeployError> {
  const { router, topology, previous, report } = context;
  const now = await weightsNow(router, topology.targetGroups);
  const running = COLORS.map((color) => {
    const arn =
      color === previous ? topology.services[color].taskDefinition : (report.taskDefinitionArn ?? topology.services[color].taskDefinition);
    return `${report.services[color]} (${color}) runs ${arn.split('/').pop()}`;
  });
  if ('weights' in now) {
    report.weights = now.weights;
    report.liveColor = COLORS.find((color) => now.weights[color] === 100);
  } else {
    report.weights = undefined;
    report.liveColor = undefined;
    report.facts['Weights'] = `unknown: could not read them back (${now.unknown})`;
  }
  const left = 'weights' in now ? `weights now ${formatWeights(now.weights)}` : `weights unknown (${now.unknown})`;
  return new DeployError(`${first.message}; then traffic could NOT be restored to ${previous} (${left})`, {
    why: [
      `first cause: ${first.message}`,
      ...first.why,
      `restore failed: ${messageOf(restoreError)}`,
      `listener: ${router.target}`,
      `${left}`,
      ...running,
    ],
    fix: `Put traffic back on ${previous} now (the post step retries this too): ${restoreCommand(router.target, topology.targetGroups, previous)}`,
    cause: restoreError,
  });
}
