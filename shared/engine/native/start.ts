/**
 * Starting a native deployment: what the post step needs saved first, UpdateService, and the
 * service deployment it started, recorded in the report and the state. Canary, blue/green and
 * rollback start theirs this one way.
 */
import { DeployError } from '../../errors.ts';
import type { TaskDefinitionSource } from '../deploy.ts';
import { STATE, resolveSource, type NativePlan, type NativeRecorder, type NativeRun } from './context.ts';
import type { NativeProgress } from './drive.ts';
import type { NativeTopology } from './inspect.ts';
import type { NativeEcs } from './ports.ts';

type Configuration = Parameters<NativeEcs['startDeployment']>[2];

/** Resolves (or registers) the revision, then starts it: from here a failure rolls back. */
export async function deployRevision(
  plan: NativePlan,
  topology: NativeTopology,
  source: TaskDefinitionSource,
  configuration: Configuration,
  progress: NativeProgress,
  run: NativeRun,
  recorder: NativeRecorder,
): Promise<string> {
  const taskDefinition = await resolveSource(run.ecs, source);
  recorder.report.taskDefinitionArn = taskDefinition;
  await run.onTaskDefinition(taskDefinition);
  const arn = await startDeployment(plan, topology, taskDefinition, configuration, progress, run, recorder);
  recorder.note(`Started service deployment ${arn}`);
  return arn;
}

/** Saves what the post step needs, marks the run deploying, then UpdateService and the deployment it started. */
export async function startDeployment(
  plan: NativePlan,
  topology: NativeTopology,
  taskDefinition: string,
  configuration: Configuration,
  progress: NativeProgress,
  run: NativeRun,
  recorder: NativeRecorder,
): Promise<string> {
  saveDeploying(plan, topology, run);
  progress.topology = topology;
  progress.deploying = true;
  const arn = await startAndFind(plan.service, taskDefinition, configuration, run);
  progress.arn = arn;
  recorder.report.serviceDeploymentArn = arn;
  run.checkpoint.save(STATE.deployment, arn);
  return arn;
}

/** What the post step needs if this process dies from here on. */
export function saveDeploying(plan: NativePlan, topology: NativeTopology, run: NativeRun): void {
  run.checkpoint.save(STATE.cluster, plan.cluster);
  run.checkpoint.save(STATE.service, plan.service);
  run.checkpoint.save(STATE.originalTargetGroup, topology.originalTargetGroup);
  run.checkpoint.save(STATE.phase, 'deploying');
}

/** UpdateService, then the service deployment it started (ECS says it, or the newest active one for this revision). */
async function startAndFind(service: string, taskDefinition: string, configuration: Configuration, run: NativeRun): Promise<string> {
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
