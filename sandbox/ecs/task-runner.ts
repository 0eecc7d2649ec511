import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { ElbState } from '../elb/state.ts';
import type { ExitResult, TaskLauncher } from '../fleet.ts';
import { randomHex, uuid } from '../ids.ts';
import type { ClusterRecord, DeploymentRecord, ServiceRecord, TaskRecord } from './model.ts';

export interface TaskRunnerDeps {
  fleet: TaskLauncher;
  elb: ElbState;
  region: string;
  accountId: string;
  stopTimeoutMs: number;
  /** false when the image names a sandbox ECR repository/tag that does not exist. */
  imageAvailable: (image: string) => boolean;
  /** A task ended without the scheduler asking (crash, failed pull, failed to start). */
  onUnexpectedStop: (task: TaskRecord) => void;
  onRegistered: (task: TaskRecord, targetGroupArn: string) => void;
  log: (line: string) => void;
}

/** One task's life: provisioning, a real process, target registration, draining and stop. */
export class TaskRunner {
  readonly #deps: TaskRunnerDeps;

  constructor(deps: TaskRunnerDeps) {
    this.#deps = deps;
  }

  create(
    cluster: ClusterRecord,
    service: ServiceRecord,
    deployment: DeploymentRecord,
    definition: TaskDefinition,
    options: { seed: boolean; provisionAt: number },
  ): TaskRecord {
    const lb = service.loadBalancers[0];
    const containers = definition.containerDefinitions ?? [];
    // The container behind the load balancer is the one that runs; others are not simulated.
    const container = containers.find((c) => c.name === lb?.containerName) ?? containers.find((c) => c.essential) ?? containers[0];
    const id = randomHex(32);
    const environment: Record<string, string> = {};
    for (const pair of container?.environment ?? []) {
      if (pair.name) environment[pair.name] = pair.value ?? '';
    }
    const task: TaskRecord = {
      id,
      arn: `arn:aws:ecs:${this.#deps.region}:${this.#deps.accountId}:task/${cluster.name}/${id}`,
      clusterArn: cluster.arn,
      clusterName: cluster.name,
      serviceName: service.name,
      taskDefinitionArn: definition.taskDefinitionArn ?? '',
      deploymentId: deployment.id,
      containerName: container?.name ?? 'app',
      containerPort: lb?.containerPort ?? container?.portMappings?.[0]?.containerPort,
      containerArn: `arn:aws:ecs:${this.#deps.region}:${this.#deps.accountId}:container/${cluster.name}/${id}/${uuid()}`,
      image: container?.image ?? '',
      environment,
      cpu: definition.cpu,
      memory: definition.memory,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      createdAt: new Date(),
      provisionAt: options.provisionAt,
      everHealthy: false,
      seed: options.seed,
      version: 1,
    };
    cluster.tasks.set(id, task);
    return task;
  }

  /** PROVISIONING → PENDING: pull the image and start the process. */
  start(task: TaskRecord, targetGroupArn: string | undefined): void {
    if (task.lastStatus !== 'PROVISIONING' || task.desiredStatus !== 'RUNNING') return;
    const now = new Date();
    task.lastStatus = 'PENDING';
    task.pullStartedAt = now;
    task.version += 1;
    if (!this.#deps.imageAvailable(task.image)) {
      const reason = `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${task.image}: not found`;
      task.containerReason = reason;
      this.#finish(task, { reason, stopCode: 'TaskFailedToStart' });
      this.#deps.onUnexpectedStop(task);
      return;
    }
    task.pullStoppedAt = new Date();
    const env: Record<string, string> = {
      ...task.environment,
      IMAGE: task.image,
      SANDBOX_SERVICE: task.serviceName,
      SANDBOX_TASK_ID: task.id,
    };
    try {
      task.process = this.#deps.fleet.launch(env, {
        onListening: (port) => this.#running(task, port, targetGroupArn),
        onExit: (result) => this.#exited(task, result),
      });
    } catch (error) {
      task.containerReason = `CannotStartContainerError: ${error instanceof Error ? error.message : String(error)}`;
      this.#finish(task, { reason: task.containerReason, stopCode: 'TaskFailedToStart' });
      this.#deps.onUnexpectedStop(task);
    }
  }

  #running(task: TaskRecord, port: number, targetGroupArn: string | undefined): void {
    if (task.desiredStatus !== 'RUNNING') return;
    task.port = port;
    task.lastStatus = 'RUNNING';
    task.startedAt = new Date();
    task.version += 1;
    const tg = targetGroupArn ? this.#deps.elb.targetGroups.get(targetGroupArn) : undefined;
    if (tg) {
      this.#deps.elb.registerTarget(tg, '127.0.0.1', port, { healthy: task.seed });
      task.registeredIn = tg.arn;
      this.#deps.onRegistered(task, tg.arn);
    }
  }

  #exited(task: TaskRecord, result: ExitResult): void {
    task.process = undefined;
    task.exitCode = result.exitCode;
    if (task.desiredStatus === 'RUNNING') {
      // Nobody asked it to stop: the essential container exited on its own.
      if (result.stderrTail)
        this.#deps.log(`task ${task.id} (${task.serviceName}) exited ${result.exitCode}: ${result.stderrTail.split('\n').pop() ?? ''}`);
      this.#deregister(task);
      this.#finish(task, { reason: 'Essential container in task exited', stopCode: 'EssentialContainerExited' });
      this.#deps.onUnexpectedStop(task);
      return;
    }
    this.#finish(task, undefined);
  }

  #deregister(task: TaskRecord, onDrained?: () => void): boolean {
    const tg = task.registeredIn ? this.#deps.elb.targetGroups.get(task.registeredIn) : undefined;
    if (!tg || task.port === undefined) return false;
    task.registeredIn = undefined;
    this.#deps.elb.deregisterTarget(tg, '127.0.0.1', task.port, onDrained);
    return true;
  }

  #finish(task: TaskRecord, stop: { reason: string; stopCode: string } | undefined): void {
    const now = new Date();
    if (stop) {
      task.desiredStatus = 'STOPPED';
      task.stoppedReason ??= stop.reason;
      task.stopCode ??= stop.stopCode;
      task.stoppingAt ??= now;
    }
    task.lastStatus = 'STOPPED';
    task.executionStoppedAt ??= now;
    task.stoppedAt = now;
    task.version += 1;
  }

  /**
   * Scheduler- or user-initiated stop: drain the target first (DEACTIVATING), then
   * SIGTERM the process (STOPPING), then STOPPED when it exits.
   */
  stop(task: TaskRecord, reason: string, stopCode: string): boolean {
    if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return false;
    task.desiredStatus = 'STOPPED';
    task.stoppedReason = reason;
    task.stopCode = stopCode;
    task.stoppingAt = new Date();
    task.version += 1;
    if (!task.process) {
      this.#finish(task, undefined);
      return true;
    }
    const kill = (): void => {
      if (task.lastStatus === 'STOPPED') return;
      task.lastStatus = 'STOPPING';
      task.process?.stop(this.#deps.stopTimeoutMs);
    };
    task.lastStatus = 'DEACTIVATING';
    if (!this.#deregister(task, kill)) kill();
    return true;
  }
}
