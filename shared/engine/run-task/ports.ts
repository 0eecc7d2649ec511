/**
 * The ports of a one-off task run. shared/aws implements them with the ECS and CloudWatch Logs
 * clients; the tests with in-memory fakes and a virtual clock.
 */
import type { Checkpoint, Clock, Log } from '../ports.ts';
import type { RetryPolicy } from '../retry.ts';

/** Where the awslogs driver writes a container's output. */
export interface AwsLogsConfig {
  group: string;
  /** `awslogs-stream-prefix`: streams are `prefix/container/taskId`. */
  streamPrefix: string | undefined;
  /** `awslogs-region`, when the logs live in another region. */
  region: string | undefined;
}

export interface ContainerSpec {
  name: string;
  essential: boolean;
  logs: AwsLogsConfig | undefined;
}

export interface TaskDefinitionInfo {
  arn: string;
  networkMode: string | undefined;
  containers: ContainerSpec[];
}

export interface CapacityProviderItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

/** Where and how the task runs: the awsvpc settings, and a launch type or a capacity provider strategy. */
export interface TaskPlacement {
  awsvpc?: { subnets: string[]; securityGroups: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' };
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderItem[];
}

export interface RunTaskRequest {
  taskDefinitionArn: string;
  placement: TaskPlacement;
  /** The command / environment override of one container. */
  override: { container: string; command?: string[]; environment?: Record<string, string> } | undefined;
  startedBy: string;
  /** The same token on a retried call returns the task the first call started. */
  clientToken: string;
}

export interface ContainerState {
  name: string;
  lastStatus: string | undefined;
  exitCode: number | undefined;
  reason: string | undefined;
}

export interface TaskState {
  arn: string;
  lastStatus: string;
  desiredStatus: string | undefined;
  stoppedReason: string | undefined;
  stopCode: string | undefined;
  createdAt: Date | undefined;
  startedAt: Date | undefined;
  stoppedAt: Date | undefined;
  containers: ContainerState[];
}

/** RunTask's answer: the task, or why ECS could not place it (`failures`). */
export type RunTaskResult = { task: TaskState } | { failures: { arn?: string; reason?: string; detail?: string }[] };

export interface OneOffTasks {
  registerTaskDefinition(document: Record<string, unknown>): Promise<string>;
  describeTaskDefinition(reference: string): Promise<TaskDefinitionInfo>;
  /** The placement of a service's tasks, to run the one-off task beside them. */
  servicePlacement(service: string): Promise<TaskPlacement>;
  runTask(request: RunTaskRequest): Promise<RunTaskResult>;
  /** undefined when ECS no longer knows the task (MISSING). */
  describeTask(taskArn: string): Promise<TaskState | undefined>;
  stopTask(taskArn: string, reason: string): Promise<void>;
}

export interface LogPage {
  events: { timestamp: number; message: string }[];
  /** Equal to the token passed in when there is nothing newer (yet). */
  nextToken: string;
}

export interface LogReader {
  /** Events after `token` (from the start without one); undefined while the stream does not exist. */
  read(where: { group: string; stream: string; region: string | undefined }, token: string | undefined): Promise<LogPage | undefined>;
}

/** Where the task's output goes in the CI log: one collapsible group. */
export interface LogSink {
  startGroup(title: string): void;
  line(text: string): void;
  endGroup(): void;
}

export interface RunTaskPorts {
  tasks: OneOffTasks;
  logs: LogReader;
  clock: Clock;
  log: Log;
  sink: LogSink;
  checkpoint: Checkpoint;
  retry?: RetryPolicy;
}

/** What the post step needs to stop a task the main step left running. */
export const TASK_STATE = { task: 'run-task-arn', cluster: 'run-task-cluster', region: 'run-task-region', done: 'run-task-done' } as const;
