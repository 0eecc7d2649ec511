import { randomDigits, randomId } from '../ids.ts';
import { addEvent, type DeploymentRecord, type ServiceRecord } from './model.ts';

/** Deployment lifecycle: IN_PROGRESS → COMPLETED | FAILED, then INACTIVE once drained. */

export const CIRCUIT_BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';

/** A new PRIMARY-to-be, recorded in the service history (the caller places it in `deployments`). */
export function newDeployment(service: ServiceRecord, arnBase: string, taskDefinitionArn: string, rollbackOf?: string): DeploymentRecord {
  const now = new Date();
  const id = `ecs-svc/${randomDigits(19)}`;
  const deployment: DeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinitionArn,
    desiredCount: service.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    createdAt: now,
    updatedAt: now,
    nextLaunchAt: 0,
    consecutiveFailures: 0,
    circuitBreakerArmed: true,
    warnedUnableToStart: false,
    rollbackOf,
    serviceDeploymentArn: `${arnBase}:service-deployment/${service.clusterName}/${service.name}/${randomId(22)}`,
    serviceRevisionArn: `${arnBase}:service-revision/${service.clusterName}/${service.name}/${randomDigits(19)}`,
    sourceRevisionArns: service.deployments.map((d) => d.serviceRevisionArn),
    outcome: 'IN_PROGRESS',
    outcomeReason: undefined,
    finishedAt: undefined,
    rollbackStartedAt: undefined,
    rollbackRevisionArn: undefined,
  };
  service.history.push(deployment);
  return deployment;
}

export function markCompleted(service: ServiceRecord, deployment: DeploymentRecord, options: { silent?: boolean } = {}): void {
  const now = new Date();
  deployment.rolloutState = 'COMPLETED';
  deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
  deployment.circuitBreakerArmed = false;
  deployment.updatedAt = now;
  deployment.outcome = 'SUCCESSFUL';
  deployment.finishedAt = now;
  service.lastCompleted = {
    deploymentId: deployment.id,
    taskDefinitionArn: deployment.taskDefinitionArn,
    revisionArn: deployment.serviceRevisionArn,
  };
  const rolledBack = deployment.rollbackOf ? service.history.find((d) => d.id === deployment.rollbackOf) : undefined;
  if (rolledBack) {
    rolledBack.outcome = 'ROLLBACK_SUCCESSFUL';
    rolledBack.finishedAt = now;
  }
  if (!options.silent) addEvent(service, `(deployment ${deployment.id}) deployment completed.`);
}

export function markFailed(service: ServiceRecord, deployment: DeploymentRecord): void {
  deployment.rolloutState = 'FAILED';
  deployment.rolloutStateReason = CIRCUIT_BREAKER_REASON;
  deployment.updatedAt = new Date();
  deployment.outcomeReason = CIRCUIT_BREAKER_REASON;
  addEvent(service, `(deployment ${deployment.id}) deployment failed: tasks failed to start.`);
}

/** Turns the current PRIMARY into an ACTIVE deployment behind a new PRIMARY. */
export function promote(service: ServiceRecord, deployment: DeploymentRecord): void {
  for (const old of service.deployments) {
    old.status = 'ACTIVE';
    old.updatedAt = new Date();
  }
  service.deployments.unshift(deployment);
  service.steady = false;
}

/** A deployment with no tasks left leaves DescribeServices. */
export function retire(deployment: DeploymentRecord): void {
  deployment.status = 'INACTIVE';
  deployment.updatedAt = new Date();
  if (deployment.outcome === 'IN_PROGRESS') {
    deployment.outcome = 'STOPPED';
    deployment.outcomeReason = 'Service deployment superseded by a newer deployment.';
    deployment.finishedAt = new Date();
  }
}
