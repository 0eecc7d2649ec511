/**
 * Native canary and linear: ECS shifts production on the service's own rule; a PAUSE hook before
 * every production shift lets the gates judge each step before ECS moves on.
 * inspect → deploy (CANARY or LINEAR + PAUSE at PRE_PRODUCTION_TRAFFIC_SHIFT) → each step: ECS
 * shifts and bakes, gates judge, CONTINUE → final bake (gated) → SUCCESSFUL. Any failure,
 * timeout or cancel → ECS rollback, production verified on the original target group.
 */
import { DeployError } from '../../errors.ts';
import type { TaskDefinitionSource } from '../run-context.ts';
import { asDeployError } from '../run-context.ts';
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
import type { NativeShape } from './shape.ts';
import { conclude, finish, rollBackAndConclude, watch } from './drive.ts';
import { deploymentConfiguration, inspectService, type NativeTopology } from './inspect.ts';

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
