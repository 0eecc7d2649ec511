/**
 * Preflight for one service deployed natively (the `service` input). Capacity for the new
 * revision at 100 % is the `capacity` check with the single-service scope: it already asks for the
 * service's desired count again, which is what a native deployment's SCALE_UP starts before any
 * traffic moves.
 */
import type { ServiceState } from '../ports.ts';
import { ACTIVE_STATUSES, SETUP_DOCS, checkWiring } from '../native/inspect.ts';
import type { NativeEcs } from '../native/ports.ts';
import { fail, warn, worst, type CheckOutcome } from './check.ts';

/** ECS refuses a new deployment once a service has this many active deployments (containers-roadmap#2836). */
export const ACTIVE_DEPLOYMENT_LIMIT = 5;

/** Controller, advancedConfiguration, the role, and the alternate target group attached to the production rule. */
export async function checkNativeWiring(ecs: NativeEcs, service: string, expectedProductionRule?: string): Promise<CheckOutcome> {
  const state = await ecs.describeService(service);
  let wiring;
  try {
    wiring = checkWiring(state, expectedProductionRule);
  } catch (error) {
    return fail((error as Error).message, [`see ${SETUP_DOCS}`]);
  }
  const evidence = [
    `deploymentController: ${state.controller}`,
    `target groups: ${wiring.targetGroupArn} (primary), ${wiring.alternateTargetGroupArn} (alternate)`,
    `production rule: ${wiring.productionListenerRule}`,
    `test rule: ${wiring.testListenerRule ?? 'none'}`,
    `role: ${wiring.roleArn}`,
  ];
  const weights = await ecs.ruleWeights(wiring.productionListenerRule);
  evidence.push(
    `production weights: ${Object.entries(weights)
      .map(([tg, w]) => `${tg.split('/').at(-2)}=${w}`)
      .join(' ')}`,
  );
  const outcomes: CheckOutcome[] = [];
  for (const tg of [wiring.targetGroupArn, wiring.alternateTargetGroupArn]) {
    if (!(tg in weights))
      outcomes.push(
        fail(`target group ${tg.split('/').at(-2)} is not in the production rule's forward action: ECS cannot shift traffic to it`),
      );
  }
  const whole = Object.values(weights).filter((w) => w > 0).length === 1;
  if (outcomes.length === 0 && !whole)
    outcomes.push(fail('production traffic is split between the target groups: a deployment is shifting it or was interrupted'));
  if (!wiring.testListenerRule) outcomes.push(warn('no testListenerRule: blue-green prepare has nothing to smoke-test on'));
  return { ...worst(outcomes, `${service} is wired for native deployments`), evidence };
}

/** No service deployment running or paused; a warning near ECS's limit of active deployments per service. */
export async function checkNativeNoDeployment(ecs: NativeEcs, service: string, state: ServiceState): Promise<CheckOutcome> {
  const active = await ecs.listDeployments(service, ACTIVE_STATUSES);
  const evidence = active.map((d) => `${d.arn}: ${d.status}${d.createdAt ? ` since ${d.createdAt.toISOString()}` : ''}`);
  const outcomes: CheckOutcome[] = [];
  for (const brief of active) {
    const d = await ecs.describeDeployment(brief.arn);
    const paused = d.hooks.some((h) => h.status === 'AWAITING_ACTION');
    outcomes.push(
      fail(
        `service deployment ${brief.arn} is ${paused ? `paused at ${d.lifecycleStage ?? 'a hook'}` : d.status}: continue it, roll it back or wait`,
      ),
    );
  }
  // Deployments ECS still counts as active: old revisions kept by scale-in protected tasks stack up.
  const stacked = state.deployments.filter((d) => d.status !== 'INACTIVE').length;
  evidence.push(`active deployments on the service: ${stacked} of ECS's limit of ${ACTIVE_DEPLOYMENT_LIMIT}`);
  if (stacked >= ACTIVE_DEPLOYMENT_LIMIT - 1)
    outcomes.push(
      warn(
        `${stacked} active deployments on ${service}, near ECS's limit of ${ACTIVE_DEPLOYMENT_LIMIT}: the next deployment may be refused`,
      ),
    );
  return { ...worst(outcomes, 'no service deployment in progress or paused'), evidence };
}

/** The production rule's weights by target group name (`tg-web-1=100,tg-web-2=0`); empty for a service without advancedConfiguration. */
export async function nativeLiveWeights(ecs: NativeEcs, service: string): Promise<string> {
  const rule = (await ecs.describeService(service)).wiring?.productionListenerRule;
  if (!rule) return '';
  return Object.entries(await ecs.ruleWeights(rule))
    .map(([tg, weight]) => `${tg.split('/').at(-2) ?? tg}=${weight}`)
    .join(',');
}
