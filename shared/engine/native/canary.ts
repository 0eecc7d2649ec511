/**
 * Native canary and linear: ECS shifts production on the service's own rule; a PAUSE hook before
 * every production shift lets the gates judge each step before ECS moves on.
 * inspect → deploy (CANARY or LINEAR + PAUSE at PRE_PRODUCTION_TRAFFIC_SHIFT) → each step: ECS
 * shifts and bakes, gates judge, CONTINUE → final bake (gated) → SUCCESSFUL. Any failure,
 * timeout or cancel → ECS rollback, production verified on the original target group.
 */
import { asDeployError, DeployError } from '../../errors.ts';
import type { TaskDefinitionSource } from '../deploy.ts';
import {
  STATE,
  NativeRecorder,
  nativeRunPorts,
  resolveSource,
  type NativeOutcome,
  type NativePlan,
  type NativePorts,
  type NativeRun,
} from './context.ts';
import type { NativeEcs } from './ports.ts';
import { conclude, finish, rollBackAndConclude, watch } from './drive.ts';
import { deploymentConfiguration, inspectService, type NativeTopology } from './inspect.ts';

/** The two step shapes ECS can run natively. */
export type NativeShape = { strategy: 'CANARY'; percent: number } | { strategy: 'LINEAR'; stepPercent: number };

/** ECS: linear steps are 3 % to 100 %, canary 0.1 % to 100 %, both in multiples of 0.1. */
const tenths = (n: number) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9;

/**
 * `10,100` → CANARY 10; `25,50,75,100` → LINEAR 25 (at least 3 steps, step ≥ 3). Anything
 * else is a message naming both forms (for an InputError on `steps`).
 */
export function nativeShape(steps: number[]): NativeShape | string {
  const forms =
    'native mode supports one canary step then 100 (e.g. 10,100 → CANARY) or at least 3 equal steps ending at 100 (e.g. 25,50,75,100 → LINEAR); arbitrary steps need the two-service mode (blue-service, green-service)';
  const shown = steps.join(',');
  if (steps.at(-1) !== 100) return `${shown} must end at 100: ${forms}`;
  if (steps.length === 2) {
    const percent = steps[0]!;
    if (percent > 0 && percent < 100 && tenths(percent)) return { strategy: 'CANARY', percent };
    return `${shown}: the canary step must be from 0.1 to 99.9 in steps of 0.1; ${forms}`;
  }
  const step = steps[0]!;
  const equal = steps.every((s, i) => Math.abs(s - step * (i + 1)) < 1e-9);
  if (steps.length >= 3 && equal && step >= 3 && tenths(step)) return { strategy: 'LINEAR', stepPercent: step };
  if (equal && steps.length >= 3) return `${shown}: ECS needs linear steps of at least 3 % in multiples of 0.1; ${forms}`;
  return `${shown} is not a shape ECS can run: ${forms}`;
}

export interface NativeCanaryPlan extends NativePlan {
  taskDefinition: TaskDefinitionSource;
  shape: NativeShape;
}

export const PRE_PRODUCTION = 'PRE_PRODUCTION_TRAFFIC_SHIFT';

export async function runNativeCanary(plan: NativeCanaryPlan, ports: NativePorts, signal?: AbortSignal): Promise<NativeOutcome> {
  const run = nativeRunPorts(ports, signal);
  const recorder = new NativeRecorder('canary', plan.cluster, plan.service, ports.clock, ports.log);
  const report = recorder.report;
  let topology: NativeTopology | undefined;
  let arn: string | undefined;
  let deploying = false;
  run.checkpoint.save(STATE.phase, 'inspect');
  try {
    topology = await inspectService(plan, run, recorder);
    const minutes = Math.round(plan.bakeMs / 60_000);
    const strategy = plan.shape.strategy;
    report.strategy = strategy;
    const wanted =
      plan.shape.strategy === 'CANARY'
        ? { strategy, bakeTimeInMinutes: minutes, canary: { percent: plan.shape.percent, bakeMinutes: minutes } }
        : { strategy, bakeTimeInMinutes: minutes, linear: { stepPercent: plan.shape.stepPercent, bakeMinutes: minutes } };
    const pause = {
      stage: PRE_PRODUCTION,
      // If CI dies at a pause, ECS rolls back by itself once the step had time to bake and be judged.
      timeoutMinutes: Math.max(1, Math.ceil((plan.bakeMs + plan.extensionMs + plan.waitTimeoutMs) / 60_000)),
      why: 'the gates judge each production step at a pause before ECS shifts more traffic',
    };
    const configuration = deploymentConfiguration(topology, plan.configMode, wanted, [pause], run, recorder);
    const taskDefinition = await resolveSource(run.ecs, plan.taskDefinition);
    report.taskDefinitionArn = taskDefinition;
    await run.onTaskDefinition(taskDefinition);

    saveDeploying(plan, topology, run);
    deploying = true;
    arn = await startAndFind(plan.service, taskDefinition, configuration, run);
    report.serviceDeploymentArn = arn;
    run.checkpoint.save(STATE.deployment, arn);
    recorder.note(`Started service deployment ${arn}`);

    const steps = plan.shape.strategy === 'CANARY' ? 2 : Math.round(100 / plan.shape.stepPercent);
    const deadline = run.clock.now() + plan.waitTimeoutMs + (steps + 1) * (plan.bakeMs + plan.extensionMs);
    const gates = run.guard(plan.gates({ candidate: topology.newTargetGroup, baseline: topology.originalTargetGroup }));
    const end = await watch(arn, { ...plan, gates, deadline, signal }, run, recorder);
    return await conclude(end.deployment, topology, plan, run, recorder);
  } catch (caught) {
    if (deploying && topology) return rollBackAndConclude(caught, arn, topology, plan, run, recorder);
    const error = asDeployError(caught);
    recorder.note(`Failed before any change: ${error.message}`);
    return finish('failed', run, recorder, error);
  }
}

/** What the post step needs if this process dies from here on. */
export function saveDeploying(plan: NativePlan, topology: NativeTopology, run: NativeRun): void {
  run.checkpoint.save(STATE.cluster, plan.cluster);
  run.checkpoint.save(STATE.service, plan.service);
  run.checkpoint.save(STATE.originalTargetGroup, topology.originalTargetGroup);
  run.checkpoint.save(STATE.phase, 'deploying');
}

/** UpdateService, then the service deployment it started (ECS says it, or the newest active one for this revision). */
export async function startAndFind(
  service: string,
  taskDefinition: string,
  configuration: Parameters<NativeEcs['startDeployment']>[2],
  run: NativeRun,
): Promise<string> {
  const started = await run.ecs.startDeployment(service, taskDefinition, configuration);
  if (started) return started;
  for (let attempt = 0; attempt < 10; attempt++) {
    for (const brief of await run.ecs.listDeployments(service, ['PENDING', 'IN_PROGRESS'])) {
      if ((await run.ecs.describeDeployment(brief.arn)).taskDefinition === taskDefinition) return brief.arn;
    }
    await run.clock.sleep(2_000);
  }
  throw new DeployError(`UpdateService on ${service} started no service deployment ECS lists`);
}
