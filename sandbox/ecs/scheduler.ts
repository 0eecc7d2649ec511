import type { AdvancedConfiguration, DeploymentConfiguration, LoadBalancer } from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';
import type { ElbState } from '../elb/state.ts';
import {
  addEvent,
  circuitBreakerThreshold,
  isLive,
  taskList,
  type ClusterRecord,
  type DeploymentRecord,
  type ServiceRecord,
  type TaskRecord,
} from './model.ts';
import { CIRCUIT_BREAKER_REASON, markCompleted, markFailed, newDeployment, promote, retire } from './deployments.ts';
import { isNative } from './lifecycle.ts';
import { NativeDeployments } from './native-deployments.ts';
import type { TaskDefinitionRegistry } from './task-definitions.ts';
import type { TaskRunner } from './task-runner.ts';

export interface EcsTimings {
  /** How often the service scheduler reconciles (ms). */
  tickMs: number;
  /** PROVISIONING time before a task's process starts (ms). */
  taskStartDelayMs: number;
  /** A task that does not listen within this time is stopped as failed to start (ms). */
  taskStartTimeoutMs: number;
  /** First delay before relaunching after a task failure; doubles per consecutive failure (ms). */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Failed tasks that trip the circuit breaker; default: ECS's formula (half the desired count, 3..200). */
  circuitBreakerThreshold: number | undefined;
  /** SIGTERM → SIGKILL grace when stopping a task (ms). */
  stopTimeoutMs: number;
  /** Length of one minute of ECS-native bake times and PAUSE hook timeouts (ms; 60000 in AWS). */
  minuteMs: number;
}

export interface ServiceSeed {
  name: string;
  taskDefinitionArn: string;
  desiredCount: number;
  targetGroupArn: string | undefined;
  containerName: string;
  containerPort: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
  /** ECS-native blue/green resources of the load balancer. */
  advancedConfiguration?: AdvancedConfiguration;
  /** Merged over the default deployment configuration (e.g. an ECS-native strategy). */
  deploymentConfiguration?: DeploymentConfiguration;
}

const DEFAULT_MAX_PERCENT = 200;
const DEFAULT_MIN_HEALTHY_PERCENT = 100;
const MAX_STOPPED_TASKS = 500;

/** The ECS service scheduler: deployments, task placement, draining, circuit breaker and rollback. */
export class EcsScheduler {
  readonly clusters = new Map<string, ClusterRecord>();
  readonly timings: EcsTimings;
  readonly #region: string;
  readonly #accountId: string;
  readonly #elb: ElbState;
  readonly #registry: TaskDefinitionRegistry;
  #runner: TaskRunner | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** BLUE_GREEN, CANARY and LINEAR deployments (see native-deployments.ts). */
  readonly native: NativeDeployments;

  constructor(options: {
    region: string;
    accountId: string;
    elb: ElbState;
    registry: TaskDefinitionRegistry;
    timings: EcsTimings;
    alarmState?: (name: string) => string | undefined;
  }) {
    this.#region = options.region;
    this.#accountId = options.accountId;
    this.#elb = options.elb;
    this.#registry = options.registry;
    this.timings = options.timings;
    this.native = new NativeDeployments({
      elb: options.elb,
      alarmState: options.alarmState ?? (() => undefined),
      minuteMs: () => this.timings.minuteMs,
      host: {
        liveTasks: (service, deployment) => this.#liveTasks(service, deployment),
        remainingTasks: (service, deployment) => this.#remainingTasks(service, deployment),
        isHealthy: (service, task) => this.#isHealthy(service, task),
        launch: (cluster, service, deployment, count, now) => this.#launch(cluster, service, deployment, count, now),
        stopTasks: (service, tasks, deploymentId) => this.#stopTasks(service, tasks, deploymentId),
      },
    });
  }

  get #arnBase(): string {
    return `arn:aws:ecs:${this.#region}:${this.#accountId}`;
  }

  /** The runner calls back into the scheduler, so it is attached after both exist. */
  attach(runner: TaskRunner): void {
    this.#runner = runner;
  }

  get #tasks(): TaskRunner {
    if (!this.#runner) throw new Error('scheduler has no task runner');
    return this.#runner;
  }

  start(): void {
    this.#timer = setInterval(() => this.tick(), this.timings.tickMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  createCluster(name: string): ClusterRecord {
    const cluster: ClusterRecord = {
      name,
      arn: `arn:aws:ecs:${this.#region}:${this.#accountId}:cluster/${name}`,
      services: new Map(),
      tasks: new Map(),
    };
    this.clusters.set(name, cluster);
    return cluster;
  }

  /** `cluster` is a name or ARN; ECS defaults to the cluster named `default`. */
  cluster(reference: string | undefined): ClusterRecord {
    const name = (reference ?? 'default').split('/').pop() ?? '';
    const cluster = this.clusters.get(name);
    if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
    return cluster;
  }

  findService(cluster: ClusterRecord, reference: string): ServiceRecord | undefined {
    const name = reference.split('/').pop() ?? '';
    return cluster.services.get(name);
  }

  service(cluster: ClusterRecord, reference: string | undefined): ServiceRecord {
    const service = reference ? this.findService(cluster, reference) : undefined;
    if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
    return service;
  }

  /** A service that has been running its task definition for a while: a COMPLETED deployment and healthy tasks. */
  createService(cluster: ClusterRecord, seed: ServiceSeed): ServiceRecord {
    const loadBalancer = {
      targetGroupArn: seed.targetGroupArn,
      containerName: seed.containerName,
      containerPort: seed.containerPort,
      ...(seed.advancedConfiguration ? { advancedConfiguration: seed.advancedConfiguration } : {}),
    };
    const service = this.#newService(cluster, {
      name: seed.name,
      desiredCount: seed.desiredCount,
      loadBalancers: seed.targetGroupArn ? [loadBalancer] : [],
      circuitBreaker: { ...seed.circuitBreaker },
      deploymentConfiguration: seed.deploymentConfiguration,
      healthCheckGracePeriodSeconds: 0,
      steady: true,
    });
    const deployment = newDeployment(service, this.#arnBase, seed.taskDefinitionArn);
    deployment.targetGroupArn = seed.targetGroupArn;
    markCompleted(service, deployment, { silent: true });
    service.deployments = [deployment];
    const definition = this.#registry.require(seed.taskDefinitionArn).definition;
    const started: TaskRecord[] = [];
    for (let i = 0; i < seed.desiredCount; i++) {
      const task = this.#tasks.create(cluster, service, deployment, definition, { seed: true, provisionAt: Date.now() });
      task.everHealthy = true;
      this.#tasks.start(task, seed.targetGroupArn);
      started.push(task);
    }
    if (started.length > 0) addEvent(service, `has started ${started.length} tasks: ${taskList(started)}.`);
    addEvent(service, 'has reached a steady state.');
    return service;
  }

  /**
   * CreateService: a new service whose first deployment starts its tasks from nothing
   * (IN_PROGRESS until they are healthy), unlike the seeded services of the world.
   */
  addService(
    cluster: ClusterRecord,
    spec: {
      name: string;
      taskDefinitionArn: string;
      desiredCount: number;
      loadBalancers: LoadBalancer[];
      deploymentConfiguration: DeploymentConfiguration | undefined;
      healthCheckGracePeriodSeconds: number | undefined;
    },
  ): ServiceRecord {
    const service = this.#newService(cluster, {
      name: spec.name,
      desiredCount: spec.desiredCount,
      loadBalancers: spec.loadBalancers,
      circuitBreaker: { enable: false, rollback: false },
      deploymentConfiguration: spec.deploymentConfiguration,
      healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodSeconds ?? 0,
      steady: false,
    });
    const deployment = newDeployment(service, this.#arnBase, spec.taskDefinitionArn);
    deployment.targetGroupArn = spec.loadBalancers[0]?.targetGroupArn;
    service.deployments = [deployment];
    return service;
  }

  /** A service in the cluster, in the sandbox's one VPC, with ECS's default deployment percentages and no deployment yet. */
  #newService(
    cluster: ClusterRecord,
    fields: Pick<ServiceRecord, 'name' | 'desiredCount' | 'loadBalancers' | 'healthCheckGracePeriodSeconds' | 'steady'> & {
      circuitBreaker: ServiceSeed['circuitBreaker'];
      deploymentConfiguration: DeploymentConfiguration | undefined;
    },
  ): ServiceRecord {
    const service: ServiceRecord = {
      name: fields.name,
      arn: `arn:aws:ecs:${this.#region}:${this.#accountId}:service/${cluster.name}/${fields.name}`,
      clusterName: cluster.name,
      clusterArn: cluster.arn,
      desiredCount: fields.desiredCount,
      loadBalancers: fields.loadBalancers,
      deploymentConfiguration: {
        deploymentCircuitBreaker: fields.circuitBreaker,
        maximumPercent: DEFAULT_MAX_PERCENT,
        minimumHealthyPercent: DEFAULT_MIN_HEALTHY_PERCENT,
        ...fields.deploymentConfiguration,
      },
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
          securityGroups: ['sg-0a1b2c3d4e5f60001'],
          assignPublicIp: 'DISABLED',
        },
      },
      healthCheckGracePeriodSeconds: fields.healthCheckGracePeriodSeconds,
      deployments: [],
      history: [],
      events: [],
      createdAt: new Date(),
      steady: fields.steady,
      lastCompleted: undefined,
    };
    cluster.services.set(service.name, service);
    return service;
  }

  updateService(
    service: ServiceRecord,
    update: {
      taskDefinitionArn?: string;
      desiredCount?: number;
      forceNewDeployment?: boolean;
      deploymentConfiguration?: DeploymentConfiguration;
      healthCheckGracePeriodSeconds?: number;
      loadBalancers?: LoadBalancer[];
    },
  ): void {
    const primary = service.deployments[0];
    if (update.desiredCount !== undefined) {
      service.desiredCount = update.desiredCount;
      if (primary) primary.desiredCount = update.desiredCount;
      service.steady = false;
    }
    if (update.deploymentConfiguration) {
      const current = service.deploymentConfiguration;
      service.deploymentConfiguration = {
        ...current,
        ...update.deploymentConfiguration,
        deploymentCircuitBreaker: update.deploymentConfiguration.deploymentCircuitBreaker ?? current.deploymentCircuitBreaker,
      };
    }
    if (update.healthCheckGracePeriodSeconds !== undefined) service.healthCheckGracePeriodSeconds = update.healthCheckGracePeriodSeconds;
    if (update.loadBalancers) service.loadBalancers = update.loadBalancers;
    const taskDefinitionArn = update.taskDefinitionArn ?? primary?.taskDefinitionArn;
    if (!taskDefinitionArn) return;
    if (taskDefinitionArn === primary?.taskDefinitionArn && !update.forceNewDeployment) return;
    const deployment = newDeployment(service, this.#arnBase, taskDefinitionArn);
    service.currentServiceDeploymentArn = undefined;
    if (isNative(service.deploymentConfiguration)) this.native.begin(service, primary, deployment);
    promote(service, deployment);
  }

  /**
   * StopServiceDeployment(ROLLBACK). A rolling deployment rolls back like a circuit-breaker
   * rollback: a new PRIMARY on the last completed revision. Idempotent while a rollback runs.
   */
  stopServiceDeployment(service: ServiceRecord, deployment: DeploymentRecord): void {
    if (deployment.native) {
      this.native.stop(service, deployment);
      return;
    }
    if (['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(deployment.outcome)) return;
    const target = service.lastCompleted;
    if (deployment.outcome !== 'IN_PROGRESS' || deployment !== service.deployments[0] || !target) {
      throw new AwsError('ConflictException', `The service deployment is ${deployment.outcome} and cannot be stopped.`);
    }
    const now = new Date();
    const reason = 'Service deployment rolled back by StopServiceDeployment.';
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = reason;
    deployment.outcome = 'ROLLBACK_IN_PROGRESS';
    deployment.outcomeReason = reason;
    deployment.rollbackReason = reason;
    deployment.rollbackStartedAt = now;
    deployment.rollbackRevisionArn = target.revisionArn;
    deployment.updatedAt = now;
    promote(service, newDeployment(service, this.#arnBase, target.taskDefinitionArn, deployment.id));
    addEvent(service, `rolling back to deployment ${target.deploymentId}.`);
    this.#stopTasks(service, this.#liveTasks(service, deployment), deployment.id);
  }

  /** The service and deployment of a service-deployment ARN. */
  findServiceDeployment(arn: string): { service: ServiceRecord; deployment: DeploymentRecord } | undefined {
    return this.#findDeployment((d) => d.serviceDeploymentArn === arn);
  }

  /** The deployment that created a service revision (DescribeServiceRevisions). */
  findServiceRevision(arn: string): { service: ServiceRecord; deployment: DeploymentRecord } | undefined {
    return this.#findDeployment((d) => d.serviceRevisionArn === arn);
  }

  #findDeployment(
    matches: (deployment: DeploymentRecord) => boolean,
  ): { service: ServiceRecord; deployment: DeploymentRecord } | undefined {
    for (const cluster of this.clusters.values()) {
      for (const service of cluster.services.values()) {
        const deployment = service.history.find(matches);
        if (deployment) return { service, deployment };
      }
    }
    return undefined;
  }

  /** StopTask: the service notices the missing task and replaces it. */
  stopTask(cluster: ClusterRecord, reference: string | undefined, reason: string | undefined): TaskRecord {
    const id = (reference ?? '').split('/').pop() ?? '';
    const task = cluster.tasks.get(id);
    if (!task) throw new AwsError('InvalidParameterException', 'The referenced task was not found.');
    this.#tasks.stop(task, reason ?? 'Task stopped by user', 'UserInitiated');
    return task;
  }

  /** Called by the task runner when a task stopped without being asked to. */
  onUnexpectedStop(task: TaskRecord): void {
    const service = this.clusters.get(task.clusterName)?.services.get(task.serviceName);
    if (!service) return;
    service.steady = false;
    this.#countFailure(service, task);
  }

  onRegistered(task: TaskRecord, targetGroupArn: string): void {
    const service = this.clusters.get(task.clusterName)?.services.get(task.serviceName);
    if (service && !task.seed) addEvent(service, `registered 1 targets in (target-group ${targetGroupArn})`);
  }

  #countFailure(service: ServiceRecord, task: TaskRecord): void {
    if (task.everHealthy) return;
    const deployment = service.deployments.find((d) => d.id === task.deploymentId);
    if (!deployment || deployment.rolloutState !== 'IN_PROGRESS') return;
    deployment.failedTasks += 1;
    deployment.consecutiveFailures += 1;
    deployment.updatedAt = new Date();
    const backoff = Math.min(
      this.timings.maxRetryDelayMs,
      this.timings.retryDelayMs * 2 ** Math.min(deployment.consecutiveFailures - 1, 10),
    );
    deployment.nextLaunchAt = Date.now() + backoff;
    const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
    const threshold = circuitBreakerThreshold(service.desiredCount, this.timings.circuitBreakerThreshold);
    if (breaker?.enable && deployment.circuitBreakerArmed && deployment === service.deployments[0] && deployment.failedTasks >= threshold) {
      this.#failDeployment(service, deployment);
      return;
    }
    if (!deployment.warnedUnableToStart && deployment.consecutiveFailures >= 3) {
      deployment.warnedUnableToStart = true;
      addEvent(
        service,
        'is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
      );
    }
  }

  /** The circuit breaker tripped: FAILED, and with rollback on, a new PRIMARY on the last completed task definition. */
  #failDeployment(service: ServiceRecord, failed: DeploymentRecord): void {
    if (failed.native) {
      this.native.fail(service, failed, CIRCUIT_BREAKER_REASON);
      return;
    }
    const now = new Date();
    markFailed(service, failed);
    const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
    const target = service.lastCompleted;
    if (!breaker?.rollback || !target) {
      // A FAILED deployment launches no more tasks; without a rollback the service stays on it.
      failed.outcome = breaker?.rollback ? 'ROLLBACK_FAILED' : 'STOPPED';
      failed.finishedAt = now;
      return;
    }
    failed.outcome = 'ROLLBACK_IN_PROGRESS';
    failed.rollbackStartedAt = now;
    failed.rollbackRevisionArn = target.revisionArn;
    promote(service, newDeployment(service, this.#arnBase, target.taskDefinitionArn, failed.id));
    addEvent(service, `rolling back to deployment ${target.deploymentId}.`);
    this.#stopTasks(service, this.#liveTasks(service, failed), failed.id);
  }

  #liveTasks(service: ServiceRecord, deployment?: DeploymentRecord): TaskRecord[] {
    const cluster = this.clusters.get(service.clusterName);
    if (!cluster) return [];
    return [...cluster.tasks.values()].filter(
      (t) => t.serviceName === service.name && isLive(t) && (!deployment || t.deploymentId === deployment.id),
    );
  }

  #remainingTasks(service: ServiceRecord, deployment: DeploymentRecord): TaskRecord[] {
    const cluster = this.clusters.get(service.clusterName);
    if (!cluster) return [];
    return [...cluster.tasks.values()].filter(
      (t) => t.serviceName === service.name && t.deploymentId === deployment.id && t.lastStatus !== 'STOPPED',
    );
  }

  #launch(cluster: ClusterRecord, service: ServiceRecord, deployment: DeploymentRecord, count: number, now: number): void {
    const definition = this.#registry.resolve(deployment.taskDefinitionArn)?.definition;
    if (count <= 0 || !definition) return;
    const started: TaskRecord[] = [];
    for (let i = 0; i < count; i++) {
      started.push(
        this.#tasks.create(cluster, service, deployment, definition, { seed: false, provisionAt: now + this.timings.taskStartDelayMs }),
      );
    }
    addEvent(service, `has started ${started.length} tasks: ${taskList(started)}.`);
    service.steady = false;
  }

  /** The target group a deployment's tasks register in: its own (ECS-native) or the service's first. */
  targetGroupOf(service: ServiceRecord, deploymentId: string): string | undefined {
    const deployment = service.deployments.find((d) => d.id === deploymentId) ?? service.history.find((d) => d.id === deploymentId);
    return deployment?.targetGroupArn ?? service.loadBalancers[0]?.targetGroupArn;
  }

  /** Healthy = RUNNING and, behind a load balancer, healthy in its target group. */
  #isHealthy(service: ServiceRecord, task: TaskRecord): boolean {
    if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
    const tgArn = this.targetGroupOf(service, task.deploymentId);
    if (!tgArn) return true;
    if (task.port === undefined) return false;
    return this.#elb.health(tgArn, '127.0.0.1', task.port)?.state === 'healthy';
  }

  #stopTasks(service: ServiceRecord, tasks: TaskRecord[], deploymentId: string): void {
    const stopped = tasks.filter((t) =>
      this.#tasks.stop(t, `Scaling activity initiated by (deployment ${deploymentId})`, 'ServiceSchedulerInitiated'),
    );
    if (stopped.length === 0) return;
    const tgArn = stopped[0] ? this.targetGroupOf(service, stopped[0].deploymentId) : undefined;
    const draining = stopped.filter((t) => t.lastStatus === 'DEACTIVATING');
    if (tgArn && draining.length > 0) {
      addEvent(service, `has begun draining connections on ${draining.length} tasks.`);
      addEvent(service, `deregistered ${draining.length} targets in (target-group ${tgArn})`);
    }
    addEvent(service, `has stopped ${stopped.length} running tasks: ${taskList(stopped)}.`);
  }

  tick(now = Date.now()): void {
    for (const cluster of this.clusters.values()) {
      for (const service of cluster.services.values()) this.#reconcile(cluster, service, now);
      this.#pruneStopped(cluster);
    }
  }

  #reconcile(cluster: ClusterRecord, service: ServiceRecord, now: number): void {
    this.#checkTasks(service, now);
    if (this.native.reconcile(cluster, service, now)) return;
    this.#reconcileDeployments(cluster, service, now);
  }

  /** Starts provisioned tasks, and stops tasks that never start or fail their health checks. */
  #checkTasks(service: ServiceRecord, now: number): void {
    const graceMs = service.healthCheckGracePeriodSeconds * 1000;

    for (const task of this.#liveTasks(service)) {
      const tgArn = this.targetGroupOf(service, task.deploymentId);
      if (task.lastStatus === 'PROVISIONING' && now >= task.provisionAt) this.#tasks.start(task, tgArn);
      if (task.lastStatus === 'PENDING' && now - (task.pullStartedAt?.getTime() ?? now) > this.timings.taskStartTimeoutMs) {
        this.#tasks.stop(task, 'Task failed to start', 'TaskFailedToStart');
        this.onUnexpectedStop(task);
        continue;
      }
      if (task.lastStatus !== 'RUNNING') continue;
      if (!task.everHealthy && this.#isHealthy(service, task)) {
        task.everHealthy = true;
        const deployment = service.deployments.find((d) => d.id === task.deploymentId);
        if (deployment?.circuitBreakerArmed) {
          // ECS stops counting failures once a deployment has a healthy task.
          deployment.circuitBreakerArmed = false;
          deployment.failedTasks = 0;
        }
        if (deployment) deployment.consecutiveFailures = 0;
      }
      const target = tgArn && task.port !== undefined ? this.#elb.health(tgArn, '127.0.0.1', task.port) : undefined;
      if (target?.state === 'unhealthy' && now >= (task.startedAt?.getTime() ?? now) + graceMs) {
        addEvent(
          service,
          `(task ${task.id}) (port ${task.port}) is unhealthy in (target-group ${tgArn}) due to (reason ${target.description ?? target.reason ?? 'Health checks failed'}).`,
        );
        this.#tasks.stop(task, `Task failed ELB health checks in (target-group ${tgArn})`, 'ServiceSchedulerInitiated');
        this.onUnexpectedStop(task);
      }
    }
  }

  #reconcileDeployments(cluster: ClusterRecord, service: ServiceRecord, now: number): void {
    // Read after the task checks: a tripped circuit breaker may have made a new PRIMARY.
    const primary = service.deployments[0];
    if (!primary) return;
    const config = service.deploymentConfiguration;
    const desired = service.desiredCount;
    const maxTotal = Math.max(desired, Math.floor((desired * (config.maximumPercent ?? DEFAULT_MAX_PERCENT)) / 100));
    const minHealthy = Math.ceil((desired * (config.minimumHealthyPercent ?? DEFAULT_MIN_HEALTHY_PERCENT)) / 100);
    const primaryLive = this.#liveTasks(service, primary);
    const primaryHealthy = primaryLive.filter((t) => this.#isHealthy(service, t)).length;

    if (primary.rolloutState !== 'FAILED') {
      const missing = desired - primaryLive.length;
      if (missing > 0 && now >= primary.nextLaunchAt) {
        const room = maxTotal - this.#liveTasks(service).length;
        this.#launch(cluster, service, primary, Math.min(missing, Math.max(0, room)), now);
      } else if (missing < 0) {
        // Scale in: the least useful tasks first (not yet healthy, then newest).
        const victims = [...primaryLive]
          .sort(
            (a, b) =>
              Number(this.#isHealthy(service, a)) - Number(this.#isHealthy(service, b)) || b.createdAt.getTime() - a.createdAt.getTime(),
          )
          .slice(0, -missing);
        this.#stopTasks(service, victims, primary.id);
        service.steady = false;
      }
    }

    // Old deployments keep just enough tasks to stay above the minimum healthy percent.
    // Healthy old tasks are the ones worth keeping, whichever old deployment they belong to.
    const oldDeployments = service.deployments.slice(1);
    const keep = primary.rolloutState === 'FAILED' ? desired : Math.max(0, minHealthy - primaryHealthy);
    const oldLive = oldDeployments
      .flatMap((d) => this.#liveTasks(service, d))
      .sort(
        (a, b) =>
          Number(this.#isHealthy(service, b)) - Number(this.#isHealthy(service, a)) || a.createdAt.getTime() - b.createdAt.getTime(),
      );
    const kept = new Set(oldLive.slice(0, keep));
    for (const old of oldDeployments) {
      const live = this.#liveTasks(service, old);
      old.desiredCount = live.filter((t) => kept.has(t)).length;
      this.#stopTasks(
        service,
        live.filter((t) => !kept.has(t)),
        old.id,
      );
    }
    const hasTasks = (d: DeploymentRecord): boolean =>
      [...cluster.tasks.values()].some((t) => t.deploymentId === d.id && t.lastStatus !== 'STOPPED');
    const othersBusy = oldDeployments.some(hasTasks);
    const settled = !othersBusy && primaryLive.length === desired && primaryHealthy === desired;
    if (primary.rolloutState === 'IN_PROGRESS' && settled) markCompleted(service, primary);
    // An old deployment leaves once its tasks are gone; a FAILED one stays visible until its rollback completes.
    service.deployments = service.deployments.filter((d, index) => {
      if (index === 0 || hasTasks(d)) return true;
      if (d.rolloutState === 'FAILED' && primary.rolloutState === 'IN_PROGRESS') return true;
      retire(d);
      return false;
    });

    const allSettled = settled && service.deployments.length === 1 && this.#liveTasks(service).every((t) => t.lastStatus === 'RUNNING');
    if (allSettled && primary.rolloutState === 'COMPLETED' && !service.steady) {
      service.steady = true;
      addEvent(service, 'has reached a steady state.');
    }
  }

  #pruneStopped(cluster: ClusterRecord): void {
    const stopped = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'STOPPED');
    if (stopped.length <= MAX_STOPPED_TASKS) return;
    stopped.sort((a, b) => (a.stoppedAt?.getTime() ?? 0) - (b.stoppedAt?.getTime() ?? 0));
    for (const task of stopped.slice(0, stopped.length - MAX_STOPPED_TASKS)) cluster.tasks.delete(task.id);
  }
}
