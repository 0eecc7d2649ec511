import type { Cluster, Container, Deployment, Service, ServiceDeployment, ServiceDeploymentBrief, Task } from '@aws-sdk/client-ecs';
import type { ClusterRecord, DeploymentRecord, ServiceRecord, TaskRecord, TaskStatus } from './model.ts';

/** API shapes of the scheduler's records, as DescribeServices/DescribeTasks return them. */

const PENDING_STATES: TaskStatus[] = ['PROVISIONING', 'PENDING', 'ACTIVATING'];

function tasksOf(cluster: ClusterRecord, service: ServiceRecord, deploymentId?: string): TaskRecord[] {
  return [...cluster.tasks.values()].filter((t) => t.serviceName === service.name && (!deploymentId || t.deploymentId === deploymentId));
}

function counts(tasks: TaskRecord[]): { running: number; pending: number } {
  return {
    running: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pending: tasks.filter((t) => PENDING_STATES.includes(t.lastStatus)).length,
  };
}

export function deploymentView(cluster: ClusterRecord, service: ServiceRecord, d: DeploymentRecord): Deployment {
  const { running, pending } = counts(tasksOf(cluster, service, d.id));
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: d.desiredCount,
    pendingCount: pending,
    runningCount: running,
    failedTasks: d.failedTasks,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    networkConfiguration: service.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

export function serviceView(cluster: ClusterRecord, service: ServiceRecord, accountId: string): Service {
  const { running, pending } = counts(tasksOf(cluster, service));
  const primary = service.deployments[0];
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: cluster.arn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: primary?.taskDefinitionArn,
    deploymentConfiguration: service.deploymentConfiguration,
    deployments: service.deployments.map((d) => deploymentView(cluster, service, d)),
    roleArn: `arn:aws:iam::${accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: service.events,
    createdAt: service.createdAt,
    currentServiceDeployment: service.currentServiceDeploymentArn ?? primary?.serviceDeploymentArn,
    currentServiceRevisions: service.deployments.map((d) => {
      const c = counts(tasksOf(cluster, service, d.id));
      return { arn: d.serviceRevisionArn, requestedTaskCount: d.desiredCount, runningTaskCount: c.running, pendingTaskCount: c.pending };
    }),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: service.networkConfiguration,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${accountId}:role/sandbox-deployer`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    availabilityZoneRebalancing: 'ENABLED',
  };
}

function containerStatus(task: TaskRecord): string {
  if (task.lastStatus === 'STOPPED') return 'STOPPED';
  if (PENDING_STATES.includes(task.lastStatus)) return 'PENDING';
  return 'RUNNING';
}

export function taskView(task: TaskRecord): Task {
  const container: Container = {
    containerArn: task.containerArn,
    taskArn: task.arn,
    name: task.containerName,
    image: task.image,
    lastStatus: containerStatus(task),
    exitCode: task.exitCode,
    reason: task.containerReason,
    networkBindings:
      task.port === undefined
        ? []
        : [{ bindIP: '127.0.0.1', containerPort: task.containerPort ?? task.port, hostPort: task.port, protocol: 'tcp' }],
    networkInterfaces: [{ attachmentId: `eni-attach-${task.id.slice(0, 8)}`, privateIpv4Address: '127.0.0.1' }],
    healthStatus: 'UNKNOWN',
    cpu: '0',
  };
  return {
    attachments: [
      {
        id: `eni-attach-${task.id.slice(0, 8)}`,
        type: 'ElasticNetworkInterface',
        status: task.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
        details: [{ name: 'privateIPv4Address', value: '127.0.0.1' }],
      },
    ],
    availabilityZone: 'us-east-1a',
    clusterArn: task.clusterArn,
    connectivity: 'CONNECTED',
    containers: [container],
    cpu: task.cpu,
    createdAt: task.createdAt,
    desiredStatus: task.desiredStatus,
    executionStoppedAt: task.executionStoppedAt,
    group: `service:${task.serviceName}`,
    healthStatus: 'UNKNOWN',
    lastStatus: task.lastStatus,
    launchType: 'FARGATE',
    memory: task.memory,
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: task.pullStartedAt,
    pullStoppedAt: task.pullStoppedAt,
    startedAt: task.startedAt,
    startedBy: task.deploymentId,
    stopCode: task.stopCode as Task['stopCode'],
    stoppedAt: task.stoppedAt,
    stoppedReason: task.stoppedReason,
    stoppingAt: task.stoppingAt,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
  };
}

export function clusterView(cluster: ClusterRecord): Cluster {
  const tasks = [...cluster.tasks.values()];
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => PENDING_STATES.includes(t.lastStatus)).length,
    activeServicesCount: cluster.services.size,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
  };
}

export function serviceDeploymentView(
  service: ServiceRecord,
  d: DeploymentRecord,
  threshold: number,
  native: Partial<ServiceDeployment> = {},
): ServiceDeployment {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  return {
    serviceDeploymentArn: d.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: d.createdAt,
    startedAt: d.createdAt,
    finishedAt: d.finishedAt,
    updatedAt: d.updatedAt,
    sourceServiceRevisions: d.sourceRevisionArns.map((arn) => ({ arn })),
    targetServiceRevision: { arn: d.serviceRevisionArn, requestedTaskCount: d.desiredCount },
    status: d.outcome,
    statusReason: d.outcomeReason,
    deploymentConfiguration: service.deploymentConfiguration,
    rollback: d.rollbackStartedAt
      ? {
          reason: d.rollbackReason ?? 'Circuit breaker triggered a rollback.',
          startedAt: d.rollbackStartedAt,
          serviceRevisionArn: d.rollbackRevisionArn,
        }
      : undefined,
    deploymentCircuitBreaker: {
      status: !breaker?.enable
        ? 'DISABLED'
        : d.rolloutState === 'FAILED'
          ? 'TRIGGERED'
          : d.rolloutState === 'COMPLETED'
            ? 'MONITORING_COMPLETE'
            : 'MONITORING',
      failureCount: d.failedTasks,
      threshold,
    },
    ...native,
  };
}

export function serviceDeploymentBrief(service: ServiceRecord, d: DeploymentRecord): ServiceDeploymentBrief {
  return {
    serviceDeploymentArn: d.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    startedAt: d.createdAt,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
    targetServiceRevisionArn: d.serviceRevisionArn,
    status: d.outcome,
    statusReason: d.outcomeReason,
  };
}
