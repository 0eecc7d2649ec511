import type { DeploymentConfiguration, LoadBalancer, NetworkConfiguration, ServiceEvent } from '@aws-sdk/client-ecs';
import type { TaskProcess } from '../fleet.ts';
import { uuid } from '../ids.ts';
import type { NativeRun } from './native-deployments.ts';

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

/** When a task passed each step of its lifecycle, and why it stopped, as DescribeTasks shows them. */
export interface TaskTimes {
  desiredStatus: 'RUNNING' | 'STOPPED';
  createdAt: Date;
  pullStartedAt?: Date;
  pullStoppedAt?: Date;
  startedAt?: Date;
  stoppingAt?: Date;
  executionStoppedAt?: Date;
  stoppedAt?: Date;
  stoppedReason?: string;
  stopCode?: string;
}

export interface TaskRecord extends TaskTimes {
  id: string;
  arn: string;
  clusterArn: string;
  clusterName: string;
  serviceName: string;
  taskDefinitionArn: string;
  /** The deployment that started it (ECS puts it in `startedBy`). */
  deploymentId: string;
  containerName: string;
  containerPort: number | undefined;
  containerArn: string;
  image: string;
  environment: Record<string, string>;
  cpu: string | undefined;
  memory: string | undefined;
  lastStatus: TaskStatus;
  provisionAt: number;
  exitCode?: number;
  containerReason?: string;
  /** Loopback port of the task's process once it listens. */
  port?: number;
  process?: TaskProcess;
  /** Target group the task is registered in, if any. */
  registeredIn?: string;
  /** Passed the load balancer health checks at least once (or RUNNING, without a load balancer). */
  everHealthy: boolean;
  /** Seeded tasks start healthy: they represent a fleet that was already running. */
  seed: boolean;
  version: number;
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** What the ECS service-deployments API reports for a deployment. */
export type ServiceDeploymentOutcome =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface DeploymentRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: Date;
  updatedAt: Date;
  /** Launches wait until then after failures (ECS throttles restarts of failing tasks). */
  nextLaunchAt: number;
  consecutiveFailures: number;
  /** The circuit breaker stops watching a deployment once one of its tasks is healthy. */
  circuitBreakerArmed: boolean;
  warnedUnableToStart: boolean;
  /** Set on the deployment ECS created to roll back the failed deployment with this id. */
  rollbackOf: string | undefined;
  serviceDeploymentArn: string;
  serviceRevisionArn: string;
  sourceRevisionArns: string[];
  outcome: ServiceDeploymentOutcome;
  outcomeReason: string | undefined;
  finishedAt: Date | undefined;
  rollbackStartedAt: Date | undefined;
  rollbackRevisionArn: string | undefined;
  /** Why the rollback started (default: the circuit breaker). */
  rollbackReason?: string;
  /** Target group its tasks register in (ECS-native strategies alternate between two); default: the service's first. */
  targetGroupArn?: string;
  /** Set on deployments run by an ECS-native strategy (BLUE_GREEN, CANARY, LINEAR). */
  native?: NativeRun;
}

export interface ServiceRecord {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  desiredCount: number;
  loadBalancers: LoadBalancer[];
  deploymentConfiguration: DeploymentConfiguration;
  networkConfiguration: NetworkConfiguration;
  healthCheckGracePeriodSeconds: number;
  /** PRIMARY first, then ACTIVE ones, newest first. */
  deployments: DeploymentRecord[];
  /** Every deployment ever made, oldest first (ListServiceDeployments). */
  history: DeploymentRecord[];
  events: ServiceEvent[];
  createdAt: Date;
  steady: boolean;
  lastCompleted: { deploymentId: string; taskDefinitionArn: string; revisionArn: string } | undefined;
  /** The latest service deployment when it is no longer the PRIMARY (a rolled-back native deployment). */
  currentServiceDeploymentArn?: string;
}

export interface ClusterRecord {
  name: string;
  arn: string;
  services: Map<string, ServiceRecord>;
  tasks: Map<string, TaskRecord>;
}

const MAX_EVENTS = 100;

export function addEvent(service: ServiceRecord, message: string): void {
  service.events.unshift({ id: uuid(), createdAt: new Date(), message: `(service ${service.name}) ${message}` });
  if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
}

export function taskList(tasks: TaskRecord[]): string {
  return tasks.map((t) => `(task ${t.id})`).join(' ');
}

export function isLive(task: TaskRecord): boolean {
  return task.desiredStatus === 'RUNNING' && task.lastStatus !== 'STOPPED';
}

/** The circuit-breaker threshold ECS computes: half the desired count, between 3 and 200. */
export function circuitBreakerThreshold(desiredCount: number, override: number | undefined): number {
  if (override !== undefined) return Math.max(1, override);
  return Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)));
}
