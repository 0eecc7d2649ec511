/**
 * The post step of a native run killed mid-deployment: from the checkpoint's service deployment
 * ARN, ECS rolls it back, production is verified on the original target group, and the team's
 * deployment configuration is written back. Nothing to do when the run ended (`done`) or
 * paused on purpose (blue-green prepare).
 */
import { DeployError } from '../../errors.ts';
import { STATE, NativeRecorder, nativeRunPorts, type NativeOutcome, type NativePlan, type NativePorts } from './context.ts';
import { ACTIVE_STATUSES, checkWiring } from './inspect.ts';
import { conclude, finish, requestRollback, restoreConfiguration, waitForEnd } from './drive.ts';

export type SavedState = (key: string) => string;

export async function restoreNative(
  saved: SavedState,
  timing: Pick<NativePlan, 'pollMs' | 'waitTimeoutMs'>,
  ports: NativePorts,
): Promise<NativeOutcome | undefined> {
  const phase = saved(STATE.phase);
  if (phase !== 'deploying' && !(phase === 'inspect' && saved(STATE.configChanged) === 'true')) return undefined;
  const plan: NativePlan = {
    cluster: saved(STATE.cluster),
    service: saved(STATE.service),
    configMode: 'action',
    bakeMs: 0,
    extensionMs: 0,
    gates: () => [],
    ...timing,
  };
  const run = nativeRunPorts(ports);
  const recorder = new NativeRecorder('post', plan.cluster, plan.service, ports.clock, ports.log);
  if (saved(STATE.configChanged) === 'true') recorder.report.configSnapshot = saved(STATE.snapshot);
  // Killed between UpdateService and saving the ARN: the service's active deployment is the run's.
  const arn =
    saved(STATE.deployment) ||
    (phase === 'deploying' ? (await run.restore.listDeployments(plan.service, ACTIVE_STATUSES))[0]?.arn : undefined);
  if (!arn) {
    const error = await restoreConfiguration(run, recorder);
    run.checkpoint.save(STATE.phase, 'done');
    return { report: recorder.finish(error ? 'failed' : 'restored'), error };
  }
  recorder.report.serviceDeploymentArn = arn;
  try {
    recorder.note(`The run was interrupted during ${arn}: rolling it back`);
    const service = await run.restore.describeService(plan.service);
    const wiring = checkWiring(service);
    const original = saved(STATE.originalTargetGroup);
    const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
    const topology = { service, wiring, originalTargetGroup: original, newTargetGroup: pair.find((tg) => tg !== original)! };
    await requestRollback(arn, 'the run was interrupted', run, recorder);
    const ended = await waitForEnd(arn, plan, run, recorder);
    return await conclude(ended, topology, plan, run, recorder, new DeployError('The run was cancelled; ECS rolled the deployment back'));
  } catch (error) {
    return finish(
      'failed',
      run,
      recorder,
      error instanceof DeployError ? error : new DeployError(`Post-step rollback failed: ${String(error)}`),
    );
  }
}
