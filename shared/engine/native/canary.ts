/**
 * Native canary and linear: ECS shifts production on the service's own rule; a PAUSE hook before
 * every production shift lets the gates judge each step before ECS moves on.
 * inspect → deploy (CANARY or LINEAR + PAUSE at PRE_PRODUCTION_TRAFFIC_SHIFT) → each step: ECS
 * shifts and bakes, gates judge, CONTINUE → final bake (gated) → SUCCESSFUL. Any failure,
 * timeout or cancel → ECS rollback, production verified on the original target group.
 */
import type { TaskDefinitionSource } from '../deploy.ts';
import { NativeRecorder, STATE, nativeRunPorts, type NativeOutcome, type NativePlan, type NativePorts } from './context.ts';
import { conclude, concludeFailure, watch, type NativeProgress } from './drive.ts';
import { deploymentConfiguration, inspectService } from './inspect.ts';
import type { NativeShape } from './shape.ts';
import { deployRevision } from './start.ts';

export interface NativeCanaryPlan extends NativePlan {
  taskDefinition: TaskDefinitionSource;
  shape: NativeShape;
}

export const PRE_PRODUCTION = 'PRE_PRODUCTION_TRAFFIC_SHIFT';

export async function runNativeCanary(plan: NativeCanaryPlan, ports: NativePorts, signal?: AbortSignal): Promise<NativeOutcome> {
  const run = nativeRunPorts(ports, signal);
  const recorder = new NativeRecorder('canary', plan.cluster, plan.service, ports.clock, ports.log);
  const report = recorder.report;
  const progress: NativeProgress = { deploying: false };
  run.checkpoint.save(STATE.phase, 'inspect');
  try {
    const topology = await inspectService(plan, run, recorder);
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
    const arn = await deployRevision(plan, topology, plan.taskDefinition, configuration, progress, run, recorder);

    const steps = plan.shape.strategy === 'CANARY' ? 2 : Math.round(100 / plan.shape.stepPercent);
    const deadline = run.clock.now() + plan.waitTimeoutMs + (steps + 1) * (plan.bakeMs + plan.extensionMs);
    const gates = run.guard(plan.gates({ candidate: topology.newTargetGroup, baseline: topology.originalTargetGroup }));
    const end = await watch(arn, { ...plan, gates, deadline, signal }, run, recorder);
    return await conclude(end.deployment, topology, plan, run, recorder);
  } catch (caught) {
    return concludeFailure(caught, progress, plan, run, recorder);
  }
}
