import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { DeployError } from '../errors.ts';
import type { Fleet, ServiceState, StoppedTask } from '../engine/ports.ts';
import { call } from './call.ts';
import { EcsClusterAdapter } from './ecs-cluster.ts';

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;

export class EcsFleet extends EcsClusterAdapter implements Fleet {
  async describeServices(names: string[]): Promise<Map<string, ServiceState>> {
    const found = new Map<string, ServiceState>();
    for (let i = 0; i < names.length; i += DESCRIBE_BATCH) {
      const batch = names.slice(i, i + DESCRIBE_BATCH);
      const out = await call('ecs:DescribeServices', () =>
        this.ecs.send(new DescribeServicesCommand({ cluster: this.cluster, services: batch })),
      );
      for (const service of out.services ?? []) {
        const state = toServiceState(service);
        found.set(batch.find((name) => name === state.name || name === state.arn) ?? state.name, state);
      }
      const missing = batch.filter((name) => !found.has(name) || found.get(name)!.status !== 'ACTIVE');
      if (missing.length > 0) {
        const reasons = (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`);
        throw new DeployError(`ECS service not found or not ACTIVE in cluster ${this.cluster}: ${missing.join(', ')}`, {
          why: reasons,
          fix: 'Check the service names and the cluster (and the region): the services must exist before the first deployment.',
        });
      }
    }
    return found;
  }

  async registerTaskDefinition(document: Record<string, unknown>): Promise<string> {
    const out = await call('ecs:RegisterTaskDefinition', () =>
      this.ecs.send(new RegisterTaskDefinitionCommand(document as unknown as RegisterTaskDefinitionCommandInput)),
    );
    return out.taskDefinition!.taskDefinitionArn!;
  }

  async resolveTaskDefinition(reference: string): Promise<string> {
    const out = await call('ecs:DescribeTaskDefinition', () =>
      this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference })),
    );
    return out.taskDefinition!.taskDefinitionArn!;
  }

  async deploy(service: string, taskDefinition: string, desiredCount: number): Promise<string> {
    const out = await call('ecs:UpdateService', () =>
      this.ecs.send(new UpdateServiceCommand({ cluster: this.cluster, service, taskDefinition, desiredCount, forceNewDeployment: true })),
    );
    const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
    if (!primary?.id) throw new DeployError(`UpdateService on ${service} returned no PRIMARY deployment`);
    return primary.id;
  }

  async scale(service: string, desiredCount: number): Promise<void> {
    await call('ecs:UpdateService', () => this.ecs.send(new UpdateServiceCommand({ cluster: this.cluster, service, desiredCount })));
  }

  async stoppedTasks(service: string, limit: number): Promise<StoppedTask[]> {
    const list = await call('ecs:ListTasks', () =>
      this.ecs.send(new ListTasksCommand({ cluster: this.cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: limit })),
    );
    if (!list.taskArns?.length) return [];
    const out = await call('ecs:DescribeTasks', () =>
      this.ecs.send(new DescribeTasksCommand({ cluster: this.cluster, tasks: list.taskArns })),
    );
    return (out.tasks ?? [])
      .map((task) => ({
        taskArn: task.taskArn ?? '',
        taskDefinition: task.taskDefinitionArn ?? '',
        stoppedAt: task.stoppedAt,
        reason: [
          task.stoppedReason ?? task.stopCode ?? 'stopped',
          ...(task.containers ?? [])
            .filter((c) => c.reason || (c.exitCode !== undefined && c.exitCode !== 0))
            .map((c) => `${c.name}: ${[c.reason, c.exitCode !== undefined && `(exit ${c.exitCode})`].filter(Boolean).join(' ')}`),
        ].join('; '),
      }))
      .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0));
  }
}

function toServiceState(service: Service): ServiceState {
  return {
    name: service.serviceName ?? '',
    arn: service.serviceArn ?? '',
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    taskDefinition: service.taskDefinition ?? '',
    targetGroupArns: [...new Set((service.loadBalancers ?? []).flatMap((lb) => (lb.targetGroupArn ? [lb.targetGroupArn] : [])))],
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? '',
      taskDefinition: d.taskDefinition ?? '',
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
      desiredCount: d.desiredCount ?? 0,
      runningCount: d.runningCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
      createdAt: d.createdAt,
    })),
    events: (service.events ?? []).map((e) => ({ at: e.createdAt ?? new Date(0), message: e.message ?? '' })),
  };
}
