import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { DeployError } from '../errors.ts';
import type { OneOffTasks, RunTaskRequest, RunTaskResult, TaskDefinitionInfo, TaskPlacement, TaskState } from '../engine/run-task/ports.ts';
import { call } from './call.ts';
import { EcsClusterAdapter } from './ecs-cluster.ts';

/** StopTask keeps at most 255 characters of the reason. */
const MAX_REASON = 255;

function taskState(task: Task): TaskState {
  return {
    arn: task.taskArn ?? '',
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus,
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    stoppedAt: task.stoppedAt,
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? '',
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
    })),
  };
}

/** One-off tasks on one cluster: RunTask, DescribeTasks, StopTask, and what they need to know first. */
export class EcsRunTask extends EcsClusterAdapter implements OneOffTasks {
  async registerTaskDefinition(document: Record<string, unknown>): Promise<string> {
    const out = await call('ecs:RegisterTaskDefinition', () =>
      this.ecs.send(new RegisterTaskDefinitionCommand(document as unknown as RegisterTaskDefinitionCommandInput)),
    );
    const arn = out.taskDefinition?.taskDefinitionArn;
    if (!arn) throw new DeployError('RegisterTaskDefinition returned no task definition ARN');
    return arn;
  }

  async describeTaskDefinition(reference: string): Promise<TaskDefinitionInfo> {
    const out = await call('ecs:DescribeTaskDefinition', () =>
      this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference })),
    );
    const definition = out.taskDefinition;
    if (!definition?.taskDefinitionArn) throw new DeployError(`Task definition ${reference} was not found`);
    return {
      arn: definition.taskDefinitionArn,
      networkMode: definition.networkMode,
      containers: (definition.containerDefinitions ?? []).map((c) => {
        const options = c.logConfiguration?.options ?? {};
        return {
          name: c.name ?? '',
          essential: c.essential !== false,
          logs:
            c.logConfiguration?.logDriver === 'awslogs' && options['awslogs-group']
              ? { group: options['awslogs-group'], streamPrefix: options['awslogs-stream-prefix'], region: options['awslogs-region'] }
              : undefined,
        };
      }),
    };
  }

  async servicePlacement(service: string): Promise<TaskPlacement> {
    const out = await call('ecs:DescribeServices', () =>
      this.ecs.send(new DescribeServicesCommand({ cluster: this.cluster, services: [service] })),
    );
    const found = out.services?.find((s) => s.status !== 'INACTIVE');
    if (!found) {
      const reason = out.failures?.[0]?.reason ?? (out.services?.length ? 'INACTIVE' : 'MISSING');
      throw new DeployError(`Service ${service} was not found in cluster ${this.cluster} (${reason})`, {
        fix: 'Fix network-from-service: it names the service whose network the task copies.',
      });
    }
    const vpc = found.networkConfiguration?.awsvpcConfiguration;
    const strategy = found.capacityProviderStrategy ?? [];
    return {
      awsvpc: vpc
        ? { subnets: vpc.subnets ?? [], securityGroups: vpc.securityGroups ?? [], assignPublicIp: vpc.assignPublicIp }
        : undefined,
      ...(strategy.length > 0
        ? {
            capacityProviderStrategy: strategy.map((s) => ({ capacityProvider: s.capacityProvider ?? '', weight: s.weight, base: s.base })),
          }
        : { launchType: found.launchType }),
    };
  }

  async runTask(request: RunTaskRequest): Promise<RunTaskResult> {
    const { placement, override } = request;
    const out = await call('ecs:RunTask', () =>
      this.ecs.send(
        new RunTaskCommand({
          cluster: this.cluster,
          taskDefinition: request.taskDefinitionArn,
          count: 1,
          startedBy: request.startedBy,
          clientToken: request.clientToken,
          launchType: placement.launchType as never,
          capacityProviderStrategy: placement.capacityProviderStrategy,
          networkConfiguration: placement.awsvpc ? { awsvpcConfiguration: placement.awsvpc } : undefined,
          overrides: override
            ? {
                containerOverrides: [
                  {
                    name: override.container,
                    command: override.command,
                    environment: override.environment && Object.entries(override.environment).map(([name, value]) => ({ name, value })),
                  },
                ],
              }
            : undefined,
        }),
      ),
    );
    const task = out.tasks?.[0];
    if (task) return { task: taskState(task) };
    return { failures: (out.failures ?? []).map((f) => ({ arn: f.arn, reason: f.reason, detail: f.detail })) };
  }

  async describeTask(taskArn: string): Promise<TaskState | undefined> {
    const out = await call('ecs:DescribeTasks', () => this.ecs.send(new DescribeTasksCommand({ cluster: this.cluster, tasks: [taskArn] })));
    const task = out.tasks?.[0];
    return task ? taskState(task) : undefined;
  }

  async stopTask(taskArn: string, reason: string): Promise<void> {
    await call('ecs:StopTask', () =>
      this.ecs.send(new StopTaskCommand({ cluster: this.cluster, task: taskArn, reason: reason.slice(0, MAX_REASON) })),
    );
  }
}
