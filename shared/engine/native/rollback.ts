/**
 * Native rollback. A service deployment still running or paused is rolled back by ECS
 * (CONTINUE(ROLLBACK) at a pause, else StopServiceDeployment(ROLLBACK)); otherwise `to` is
 * deployed as a native deployment with the service's own configuration (any pause on the way is
 * continued: a rollback is already the decision). Idempotent: a service already on `to`, with
 * nothing running, is left alone.
 */
import { asDeployError, DeployError } from '../../errors.ts';
import { STATE, NativeRecorder, nativeRunPorts, type NativeOutcome, type NativePlan, type NativePorts } from './context.ts';
import { conclude, finish, requestRollback, verifyProduction, waitForEnd, watch } from './drive.ts';
import { ACTIVE_STATUSES, checkWiring, type NativeTopology } from './inspect.ts';
import { startDeployment } from './start.ts';

export interface NativeRollbackPlan extends NativePlan {
  /** The task definition to return to when no deployment is in flight (resolved by the action: previous, last-successful or an ARN). */
  to: string | undefined;
  reason?: string;
}

export async function runNativeRollback(plan: NativeRollbackPlan, ports: NativePorts, signal?: AbortSignal): Promise<NativeOutcome> {
  const run = nativeRunPorts(ports, signal);
  const recorder = new NativeRecorder('rollback', plan.cluster, plan.service, ports.clock, ports.log);
  const report = recorder.report;
  if (plan.reason) report.facts.reason = plan.reason;
  try {
    const service = await run.ecs.describeService(plan.service);
    const wiring = checkWiring(service, plan.expectedProductionRule);
    report.previousTaskDefinitionArn = service.taskDefinition;
    const weights = await run.ecs.ruleWeights(wiring.productionListenerRule);
    const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
    const live = pair.reduce((a, b) => ((weights[b] ?? 0) > (weights[a] ?? 0) ? b : a));
    const active = (await run.ecs.listDeployments(plan.service, ACTIVE_STATUSES))[0];

    if (active) {
      // ECS returns to the revision that served before this deployment: the larger side of production now.
      const d = await run.ecs.describeDeployment(active.arn);
      // Past half way, the larger side is already the new revision.
      const original = (d.targetWeight ?? 0) > 50 ? other(pair, live) : live;
      const topology: NativeTopology = { service, wiring, originalTargetGroup: original, newTargetGroup: other(pair, original) };
      report.serviceDeploymentArn = active.arn;
      report.taskDefinitionArn = service.taskDefinition;
      recorder.note(`Service deployment ${active.arn} is ${active.status}: rolling it back through ECS`);
      run.checkpoint.save(STATE.deployment, active.arn);
      await requestRollback(active.arn, plan.reason ?? 'rollback requested', run, recorder);
      const ended = await waitForEnd(active.arn, plan, run, recorder);
      report.finalStatus = ended.status;
      if (ended.status === 'ROLLBACK_SUCCESSFUL' && (await verifyProduction(topology, original, plan, run, recorder)))
        return await finish('rolled-back', run, recorder);
      const outcome = await conclude(ended, topology, plan, run, recorder);
      return asRollback(outcome, false, 'The deployment completed before ECS could roll it back: run rollback again to deploy `to`.');
    }

    if (!plan.to) throw new DeployError('Nothing to roll back: no service deployment is in flight and no `to` was given');
    report.taskDefinitionArn = plan.to;
    const topology: NativeTopology = { service, wiring, originalTargetGroup: live, newTargetGroup: other(pair, live) };
    if (service.taskDefinition === plan.to && (weights[live] ?? 0) === 100) {
      recorder.note(`${plan.service} already runs ${plan.to.split('/').pop()} with production whole on one target group: nothing to do`);
      return await finish('already-live', run, recorder);
    }
    // A rollback that fails is reported, not rolled back itself: its progress is not kept.
    const arn = await startDeployment(plan, topology, plan.to, undefined, { deploying: false }, run, recorder);
    recorder.note(`Deploying ${plan.to.split('/').pop()} natively (${service.settings.strategy}): ${arn}`);
    const deadline = run.clock.now() + plan.waitTimeoutMs + (service.settings.bakeTimeInMinutes ?? 0) * 60_000 * 4;
    // No traffic gates: the old version is what is being restored; ECS's own health still counts.
    const end = await watch(arn, { ...plan, gates: [], bakeMs: 0, deadline, signal }, run, recorder);
    return asRollback(await conclude(end.deployment, topology, plan, run, recorder), true, 'ECS could not deploy `to`: see the evidence.');
  } catch (caught) {
    const error = asDeployError(caught);
    return finish('failed', run, recorder, error);
  }
}

/** For a rollback, `to` live is the success ("rolled-back"); anything else is a failure. */
function asRollback(outcome: NativeOutcome, deployedTo: boolean, why: string): NativeOutcome {
  const report = outcome.report;
  if (deployedTo && report.result === 'promoted') {
    report.result = 'rolled-back';
    return outcome;
  }
  if (report.result === 'promoted' || report.result === 'rolled-back') {
    report.result = 'failed';
    const error =
      outcome.error ?? new DeployError(`Rollback did not end on the asked revision (${report.finalStatus ?? 'unknown'})`, { fix: why });
    report.error = { what: error.message, why: error.why, fix: error.fix };
    return { report, error };
  }
  return outcome;
}

const other = (pair: string[], tg: string) => pair.find((t) => t !== tg)!;
