/**
 * Before any change: the service must be wired for native deployments, traffic must be whole on
 * one target group, and no other service deployment may be running. Then the deployment
 * configuration the run needs: the team's own (managed) or the team's plus a strategy and PAUSE
 * hooks (restored after the run).
 */
import { DeployError } from '../../errors.ts';
import type { ConfigMode, NativePlan, NativeRecorder, NativeRun } from './context.ts';
import { STATE } from './context.ts';
import type { DeploymentSettings, LifecycleHook, NativeService, NativeWiring } from './ports.ts';

export const SETUP_DOCS = 'docs/native-mode.md#setting-up-a-single-service';

/** Deployments ECS is still working on: at most one may be, and a run needs none. */
export const ACTIVE_STATUSES = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'];

/** The wiring once checked: every field a native run needs is set. */
export interface Wiring extends NativeWiring {
  alternateTargetGroupArn: string;
  productionListenerRule: string;
  roleArn: string;
}

export interface NativeTopology {
  service: NativeService;
  wiring: Wiring;
  /** The target group with 100 % of production now, and the other one. */
  originalTargetGroup: string;
  newTargetGroup: string;
}

/** Refuses a service the native strategies cannot drive; the message names the missing field. */
export function checkWiring(service: NativeService, expectedProductionRule?: string): Wiring {
  const refuse = (what: string, fix: string) =>
    new DeployError(`${service.name} cannot be deployed natively: ${what}`, { fix: `${fix} See ${SETUP_DOCS}.` });
  if (service.controller !== 'ECS')
    throw refuse(
      `its deploymentController is ${service.controller}, not ECS`,
      'Native blue/green, canary and linear need deploymentController ECS; use the two-service inputs (blue-service, green-service) otherwise.',
    );
  const wiring = service.wiring;
  if (!wiring)
    throw refuse(
      'no load balancer has advancedConfiguration',
      'Set loadBalancers[].advancedConfiguration (alternateTargetGroupArn, productionListenerRule, testListenerRule, roleArn) on the service.',
    );
  for (const field of ['alternateTargetGroupArn', 'productionListenerRule', 'roleArn'] as const) {
    if (!wiring[field]) throw refuse(`advancedConfiguration.${field} is not set`, `Set advancedConfiguration.${field} on the service.`);
  }
  if (expectedProductionRule && expectedProductionRule !== wiring.productionListenerRule)
    throw new DeployError(
      `listener-rule-arn / listener-arn ${expectedProductionRule} is not ${service.name}'s production listener rule (${wiring.productionListenerRule})`,
      { fix: 'Leave it empty (the service says which rule), or give the rule in advancedConfiguration.productionListenerRule.' },
    );
  return wiring as Wiring;
}

/** Reads the service and its production rule; refuses before any change. */
export async function inspectService(plan: NativePlan, run: NativeRun, recorder: NativeRecorder): Promise<NativeTopology> {
  const service = await run.ecs.describeService(plan.service);
  const wiring = checkWiring(service, plan.expectedProductionRule);
  const weights = await run.ecs.ruleWeights(wiring.productionListenerRule);
  const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
  const original = pair.find((tg) => (weights[tg] ?? 0) === 100 && pair.every((other) => other === tg || (weights[other] ?? 0) === 0));
  const shown = pair.map((tg) => `${tg.split('/').at(-2)}=${weights[tg] ?? 0}`).join(' ');
  if (!original)
    throw new DeployError(`Production traffic on ${wiring.productionListenerRule} is not whole on one target group (${shown})`, {
      why: `target groups: ${pair.join(', ')}`,
      fix: 'Another deployment may be shifting it: wait for it, or roll it back (rollback action), then run again.',
    });
  recorder.note(`Production rule ${wiring.productionListenerRule}: ${shown}`);
  const busy = await run.ecs.listDeployments(plan.service, ACTIVE_STATUSES);
  if (busy.length > 0)
    throw new DeployError(`${plan.service} already has a service deployment ${busy[0]!.status} (${busy[0]!.arn})`, {
      fix: 'Wait for it to finish, continue or roll it back (rollback action), or use a workflow `concurrency` group so runs queue.',
    });
  const newTargetGroup = pair.find((tg) => tg !== original)!;
  recorder.report.originalTargetGroup = original;
  recorder.report.newTargetGroup = newTargetGroup;
  recorder.report.previousTaskDefinitionArn = service.taskDefinition;
  return { service, wiring, originalTargetGroup: original, newTargetGroup };
}

/** A PAUSE hook the run needs, and why, for the message when a managed configuration lacks it. */
export interface NeededPause {
  stage: string;
  timeoutMinutes: number;
  why: string;
}

export const hasPause = (settings: DeploymentSettings, stage: string): boolean =>
  settings.hooks.some((h) => h.targetType === 'PAUSE' && h.stages.includes(stage));

/**
 * The configuration to deploy with, or undefined to keep the service's own (managed). In
 * `action` mode the team's configuration is kept and the strategy and missing PAUSE hooks are
 * laid over it; the checkpoint keeps the snapshot so the post step can restore it too.
 */
export function deploymentConfiguration(
  topology: NativeTopology,
  mode: ConfigMode,
  wanted: Omit<DeploymentSettings, 'hooks'>,
  pauses: NeededPause[],
  run: NativeRun,
  recorder: NativeRecorder,
): { base: string; settings: DeploymentSettings } | undefined {
  const current = topology.service.settings;
  if (mode === 'managed') {
    if (current.strategy !== wanted.strategy)
      throw new DeployError(
        `${topology.service.name}'s deployment strategy is ${current.strategy}, not ${wanted.strategy} (deployment-config: managed)`,
        {
          fix: `Set deploymentConfiguration.strategy to ${wanted.strategy} in your IaC, or let the action set it (deployment-config: action).`,
        },
      );
    for (const pause of pauses) {
      if (!hasPause(current, pause.stage))
        throw new DeployError(`${topology.service.name} has no PAUSE lifecycle hook at ${pause.stage} (deployment-config: managed)`, {
          why: pause.why,
          fix: `Add a lifecycle hook {targetType: PAUSE, lifecycleStages: [${pause.stage}]} to the service's deploymentConfiguration in your IaC, or let the action add it for the run (deployment-config: action). See ${SETUP_DOCS}.`,
        });
    }
    recorder.note(`deployment-config: managed: deploying with ${topology.service.name}'s own ${current.strategy} configuration`);
    return undefined;
  }
  const added: LifecycleHook[] = pauses
    .filter((pause) => !hasPause(current, pause.stage))
    .map((pause) => ({ targetType: 'PAUSE', stages: [pause.stage], timeoutMinutes: pause.timeoutMinutes, timeoutAction: 'ROLLBACK' }));
  run.checkpoint.save(STATE.snapshot, topology.service.snapshot);
  recorder.report.configSnapshot = topology.service.snapshot;
  run.checkpoint.save(STATE.configChanged, 'true');
  recorder.note(
    `Deploying with strategy ${wanted.strategy}${added.length ? ` and PAUSE hooks at ${added.map((h) => h.stages[0]).join(', ')}` : ''}; the service's own configuration is restored after the run`,
  );
  return { base: topology.service.snapshot, settings: { ...wanted, hooks: [...current.hooks, ...added] } };
}
