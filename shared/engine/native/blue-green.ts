/**
 * Native blue/green in two jobs. prepare: BLUE_GREEN with a PAUSE hook after the test traffic
 * shift; the run waits until that hook awaits action (the new revision answers on the test rule)
 * and exits with the deployment paused. The hook's timeout is the approval window: nobody
 * switches, ECS rolls back by itself. switch: finds that deployment, checks it deploys the
 * prepared revision, CONTINUE, then gates through the production shift and the bake time.
 */
import { DeployError } from '../../errors.ts';
import type { TaskDefinitionSource } from '../deploy.ts';
import { STATE, NativeRecorder, nativeRunPorts, type NativeOutcome, type NativePlan, type NativePorts, type NativeRun } from './context.ts';
import { TERMINAL, conclude, concludeFailure, watch, type NativeProgress } from './drive.ts';
import { checkWiring, deploymentConfiguration, inspectService, type NativeTopology } from './inspect.ts';
import type { NativeDeployment } from './ports.ts';
import { deployRevision, saveDeploying } from './start.ts';

export const POST_TEST = 'POST_TEST_TRAFFIC_SHIFT';
export const DEFAULT_APPROVAL_MS = 24 * 3_600_000;

export interface NativeBlueGreenPlan extends NativePlan {
  phase: 'prepare' | 'switch' | 'all';
  /** prepare / all: what to deploy. */
  taskDefinition?: TaskDefinitionSource;
  /** switch: the revision prepare deployed (its output); the paused deployment must deploy exactly it. */
  preparedTaskDefinition?: string;
  /** switch: the service deployment prepare started (its output); else the active one is found. */
  serviceDeploymentArn?: string;
  /** switch: prepare's `config-snapshot` output, so switch restores the configuration prepare changed. */
  configSnapshot?: string;
  /** The PAUSE hook's timeout: ECS rolls back when nobody switches within it. Whole minutes, up to 14 days. */
  approvalTimeoutMs: number;
}

export async function runNativeBlueGreen(plan: NativeBlueGreenPlan, ports: NativePorts, signal?: AbortSignal): Promise<NativeOutcome> {
  const run = nativeRunPorts(ports, signal);
  const recorder = new NativeRecorder('blue-green', plan.cluster, plan.service, ports.clock, ports.log);
  recorder.report.strategy = 'BLUE_GREEN';
  const progress: NativeProgress = { deploying: false };
  if (plan.phase !== 'switch') run.checkpoint.save(STATE.phase, 'inspect');
  try {
    let paused: { topology: NativeTopology; arn: string; hookId: string };
    if (plan.phase === 'switch') {
      const found = await findPrepared(plan, run, recorder);
      const topology = found.topology;
      progress.arn = found.arn;
      // From here a post step can roll back and restore what prepare changed.
      saveDeploying(plan, topology, run);
      run.checkpoint.save(STATE.deployment, found.arn);
      if (plan.configSnapshot) {
        run.checkpoint.save(STATE.snapshot, plan.configSnapshot);
        run.checkpoint.save(STATE.configChanged, 'true');
      }
      if ('ended' in found) return await conclude(found.ended, topology, plan, run, recorder, approvalExpired(found.ended));
      paused = found;
    } else {
      const topology = await inspectService(plan, run, recorder);
      const minutes = Math.round(plan.bakeMs / 60_000);
      const pause = {
        stage: POST_TEST,
        timeoutMinutes: Math.max(1, Math.round(plan.approvalTimeoutMs / 60_000)),
        why: 'prepare stops there, with the new revision on the test rule, until switch (or the approval timeout)',
      };
      const configuration = deploymentConfiguration(
        topology,
        plan.configMode,
        { strategy: 'BLUE_GREEN', bakeTimeInMinutes: minutes },
        [pause],
        run,
        recorder,
      );
      const arn = await deployRevision(plan, topology, plan.taskDefinition!, configuration, progress, run, recorder);
      const deadline = run.clock.now() + plan.waitTimeoutMs;
      const end = await watch(arn, { ...plan, gates: [], deadline, exitAt: POST_TEST, signal }, run, recorder);
      if (end.kind === 'ended') return await conclude(end.deployment, topology, plan, run, recorder);
      paused = { topology, arn, hookId: end.hookId };
      const expires = end.deployment.hooks.find((h) => h.hookId === end.hookId)?.expiresAt;
      recorder.report.facts['test-listener-rule'] = topology.wiring.testListenerRule ?? '';
      recorder.report.facts['approval-expires-at'] = expires?.toISOString() ?? '';
      if (plan.phase === 'prepare') {
        recorder.note(
          `Paused at ${POST_TEST}: the new revision answers on the test rule; run phase switch to go on${expires ? ` before ${expires.toISOString()}` : ''}, or ECS rolls back`,
        );
        if (recorder.report.configSnapshot) recorder.report.facts['config-snapshot'] = recorder.report.configSnapshot;
        run.checkpoint.save(STATE.phase, 'paused');
        return { report: recorder.finish('paused') };
      }
    }

    const topology = paused.topology;
    progress.topology = topology;
    progress.deploying = true;
    run.checkpoint.save(STATE.phase, 'deploying');
    await run.ecs.continueDeployment(paused.arn, paused.hookId, 'CONTINUE');
    recorder.note(`CONTINUE at ${POST_TEST}: ECS shifts production to the new revision`);
    const deadline = run.clock.now() + plan.waitTimeoutMs + 2 * (plan.bakeMs + plan.extensionMs);
    const gates = run.guard(plan.gates({ candidate: topology.newTargetGroup, baseline: topology.originalTargetGroup }));
    const end = await watch(paused.arn, { ...plan, gates, deadline, signal }, run, recorder);
    return await conclude(end.deployment, topology, plan, run, recorder);
  } catch (caught) {
    return concludeFailure(caught, progress, plan, run, recorder);
  }
}

type Prepared = { topology: NativeTopology; arn: string } & ({ hookId: string } | { ended: NativeDeployment });

/**
 * The deployment prepare left paused: the given ARN, else the service's active one. It must
 * deploy the prepared revision. One that already ended (the approval window expired and ECS
 * rolled back) is returned as ended, for the report.
 */
async function findPrepared(plan: NativeBlueGreenPlan, run: NativeRun, recorder: NativeRecorder): Promise<Prepared> {
  const service = await run.ecs.describeService(plan.service);
  const wiring = checkWiring(service, plan.expectedProductionRule);
  const arn =
    plan.serviceDeploymentArn ??
    (await run.ecs.listDeployments(plan.service, ['PENDING', 'IN_PROGRESS']))[0]?.arn ??
    (await run.ecs.listDeployments(plan.service))[0]?.arn;
  if (!arn)
    throw new DeployError(`${plan.service} has no service deployment to switch`, { fix: 'Run phase prepare first (or phase all).' });
  const d = await run.ecs.describeDeployment(arn);
  const report = recorder.report;
  report.serviceDeploymentArn = arn;
  report.taskDefinitionArn = d.taskDefinition;
  if (plan.configSnapshot) report.configSnapshot = plan.configSnapshot;
  if (plan.preparedTaskDefinition && d.taskDefinition !== plan.preparedTaskDefinition)
    throw new DeployError(`Service deployment ${arn} deploys ${d.taskDefinition}, not the prepared ${plan.preparedTaskDefinition}`, {
      fix: 'Another deployment replaced the prepared one: run phase prepare again.',
    });
  // Traffic still on the original target group while paused (ECS moved only the test rule).
  const weights = await run.ecs.ruleWeights(wiring.productionListenerRule!);
  const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn!];
  const original = pair.find((tg) => (weights[tg] ?? 0) === 100) ?? wiring.targetGroupArn;
  const topology = { service, wiring: wiring, originalTargetGroup: original, newTargetGroup: pair.find((tg) => tg !== original)! };
  report.originalTargetGroup = topology.originalTargetGroup;
  report.newTargetGroup = topology.newTargetGroup;
  recorder.note(`Found service deployment ${arn}: ${d.status} at ${d.lifecycleStage ?? '-'}`);
  if (TERMINAL.has(d.status) || d.status !== 'IN_PROGRESS') {
    if (!TERMINAL.has(d.status)) throw new DeployError(`Service deployment ${arn} is ${d.status}, not paused for a switch`);
    return { topology, arn, ended: d };
  }
  const awaiting = d.hooks.find((h) => h.status === 'AWAITING_ACTION');
  if (!awaiting || d.lifecycleStage !== POST_TEST)
    throw new DeployError(`Service deployment ${arn} is not paused after the test traffic shift (${d.lifecycleStage ?? 'no stage'})`, {
      fix: 'Wait for phase prepare to finish, then run switch.',
    });
  return { topology, arn, hookId: awaiting.hookId };
}

/** Why a deployment found ended at switch time was never promoted. */
function approvalExpired(d: NativeDeployment): DeployError | undefined {
  if (d.status === 'SUCCESSFUL') return undefined;
  const timedOut = d.hooks.some((h) => h.status === 'TIMED_OUT');
  return new DeployError(
    timedOut
      ? `The approval window expired: ECS rolled the prepared deployment back (${d.status}) before switch`
      : `The prepared deployment already ended ${d.status} before switch`,
    { fix: 'Production is on the revision that was live. Run phase prepare again, and switch within approval-timeout.' },
  );
}
