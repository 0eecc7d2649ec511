import { DeployError } from '../errors.ts';
import { formatDuration } from '../duration.ts';
import type { Clock, Fleet, ServiceDeployment, ServiceState, TargetHealth, TrafficRouter } from './ports.ts';

export interface DeployWait {
  pollMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Waits until *this* deployment (its id and task definition) is COMPLETED with every task
 * running and every target healthy. A circuit-breaker rollback, a FAILED rollout or another
 * deployment taking over is a failure, never a success: ECS "stabilising" on the old
 * revision is exactly the false green users have been burned by.
 */
export async function waitForDeployment(
  ports: { fleet: Fleet; router: Pick<TrafficRouter, 'targetHealth'>; clock: Clock },
  service: string,
  deploymentId: string,
  taskDefinition: string,
  /** Undefined for a service behind no load balancer: running = desired is then the whole check. */
  targetGroupArn: string | undefined,
  wait: DeployWait,
  onProgress: (message: string) => void,
): Promise<void> {
  const { fleet, router, clock } = ports;
  const started = clock.now();
  let lastProgress = '';
  for (;;) {
    const state = (await fleet.describeServices([service])).get(service)!;
    const deployment = state.deployments.find((d) => d.id === deploymentId);
    const problem = deploymentProblem(state, deployment, deploymentId, taskDefinition);
    if (problem) throw await deploymentFailure(fleet, state, problem, started);

    let progress = `${service}: ${deployment!.runningCount}/${deployment!.desiredCount} tasks running (${deployment!.rolloutState ?? 'no rollout state'})`;
    if (settled(deployment!)) {
      if (targetGroupArn === undefined) return;
      const health = await router.targetHealth(targetGroupArn);
      if (healthyFor(health, deployment!.desiredCount)) return;
      progress = `${service}: ${health.healthy}/${deployment!.desiredCount} targets healthy`;
    }
    if (progress !== lastProgress) onProgress(progress);
    lastProgress = progress;

    if (clock.now() - started >= wait.timeoutMs) {
      throw await deploymentFailure(fleet, state, `did not finish within ${formatDuration(wait.timeoutMs)} (${progress})`, started);
    }
    await clock.sleep(wait.pollMs, wait.signal);
  }
}

/** The deployment is done: COMPLETED, with every task it wants running. */
export function settled(deployment: ServiceDeployment): boolean {
  return deployment.rolloutState === 'COMPLETED' && deployment.runningCount === deployment.desiredCount;
}

/** Every target healthy, at least one per task: the target group can take the traffic. */
export function healthyFor(health: TargetHealth, desired: number): boolean {
  return health.problems.length === 0 && health.healthy >= desired;
}

function deploymentProblem(
  state: ServiceState,
  deployment: ServiceDeployment | undefined,
  deploymentId: string,
  taskDefinition: string,
): string | undefined {
  const primary = state.deployments.find((d) => d.status === 'PRIMARY');
  const replaced = `ECS now runs ${primary?.taskDefinition.split('/').pop() ?? 'another revision'} (a circuit-breaker rollback or another deployment)`;
  if (!deployment) return `deployment ${deploymentId} is gone: ${replaced}`;
  if (deployment.rolloutState === 'FAILED')
    return `deployment ${deploymentId} FAILED: ${deployment.rolloutStateReason ?? 'no reason given'}`;
  if (deployment.status !== 'PRIMARY') return `deployment ${deploymentId} is no longer PRIMARY: ${replaced}`;
  if (deployment.taskDefinition !== taskDefinition)
    return `deployment ${deploymentId} runs ${deployment.taskDefinition}, not ${taskDefinition}`;
  return undefined;
}

/** The failure with the evidence a user would otherwise dig out of the console. */
export async function deploymentFailure(fleet: Fleet, state: ServiceState, problem: string, since: number): Promise<DeployError> {
  return new DeployError(`ECS deployment of ${state.name} failed: ${problem}`, {
    why: await deploymentEvidence(fleet, state, since),
    fix: 'Read the service events and stopped-task reasons above; fix the task definition or image and deploy again.',
  });
}

export async function deploymentEvidence(fleet: Fleet, state: ServiceState, since: number): Promise<string[]> {
  const events = state.events
    .filter((event) => event.at.getTime() >= since - 60_000)
    .slice(0, 10)
    .map((event) => `event ${event.at.toISOString()}: ${event.message}`);
  const stopped = await fleet.stoppedTasks(state.name, 5).catch(() => []);
  return [...events, ...stopped.map((task) => `stopped task ${task.taskArn.split('/').pop()}: ${task.reason}`)];
}

/** Where to send a task definition: a document to register, or an existing revision. */
export type TaskDefinitionSource = { document: Record<string, unknown> } | { reference: string };

export async function resolveTaskDefinition(fleet: Fleet, source: TaskDefinitionSource): Promise<string> {
  return 'document' in source ? fleet.registerTaskDefinition(source.document) : fleet.resolveTaskDefinition(source.reference);
}
