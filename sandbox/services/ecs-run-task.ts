import type {
  CapacityProviderStrategyItem,
  ContainerOverride,
  DescribeTasksRequest,
  ListTasksRequest,
  NetworkConfiguration,
  RunTaskRequest,
  StopTaskRequest,
  Task,
} from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';
import type { OneOffTasks } from '../ecs/one-off-tasks.ts';
import type { EcsScheduler } from '../ecs/scheduler.ts';
import type { TaskDefinitionRegistry } from '../ecs/task-definitions.ts';
import { list, num, obj, paginate, str } from '../params.ts';
import type { Operations } from './types.ts';

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

/** RunTask client tokens live 24 hours, per cluster (ECS_Idempotency). */
const TOKEN_TTL_MS = 24 * 3_600_000;
const TOKEN = /^[\x21-\x7e]{1,64}$/;

interface Remembered {
  fingerprint: string;
  at: number;
  taskArns: string[];
  failures: unknown[];
}

function checkNetwork(network: NetworkConfiguration | undefined, networkMode: string | undefined): void {
  const vpc = network?.awsvpcConfiguration;
  if (networkMode !== 'awsvpc') {
    if (vpc) throw invalid('Network Configuration is not valid for the given networkMode of this task definition.');
    return;
  }
  if (!vpc) throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const subnets = list<string>(vpc.subnets);
  if (subnets.length === 0) throw invalid('subnets can not be empty.');
  if (subnets.length > 16) throw invalid('subnets can have at most 16 items.');
  for (const subnet of subnets) {
    if (!/^subnet-[0-9a-f]{8,17}$/.test(String(subnet)))
      throw invalid(
        `Error retrieving subnet information for [${subnet}]: The subnet ID '${subnet}' is malformed (ECS: InvalidSubnetID.Malformed)`,
      );
  }
  const groups = list<string>(vpc.securityGroups);
  if (groups.length > 5) throw invalid('securityGroups can have at most 5 items.');
  for (const group of groups) {
    if (!/^sg-[0-9a-f]{8,17}$/.test(String(group)))
      throw invalid(
        `Error retrieving security group information for [${group}]: The security group '${group}' does not exist (ECS: InvalidGroup.NotFound)`,
      );
  }
  const publicIp = vpc.assignPublicIp;
  if (publicIp !== undefined && publicIp !== 'ENABLED' && publicIp !== 'DISABLED')
    throw new AwsError('SerializationException', `Unknown value for assignPublicIp: ${publicIp}`);
}

/**
 * RunTask for one-off tasks, and DescribeTasks / StopTask / ListTasks that see them next to the
 * service tasks the scheduler runs. Wraps the ECS operations; the rest pass through.
 */
export function withOneOffTasks(
  ecs: Operations,
  deps: { oneOff: OneOffTasks; scheduler: EcsScheduler; registry: TaskDefinitionRegistry },
): Operations {
  const { oneOff, scheduler, registry } = deps;
  const tokens = new Map<string, Remembered>();
  const describe = ecs.DescribeTasks!;
  const stop = ecs.StopTask!;
  const listTasks = ecs.ListTasks!;

  return {
    ...ecs,

    RunTask(input: RunTaskRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const clientToken = str(input.clientToken);
      if (clientToken !== undefined && !TOKEN.test(clientToken)) throw invalid('clientToken must be 1-64 ASCII characters from 33 to 126.');
      const fingerprint = JSON.stringify({ ...input, clientToken: undefined });
      const key = `${cluster.arn}|${clientToken}`;
      const seen = clientToken ? tokens.get(key) : undefined;
      if (seen && Date.now() - seen.at < TOKEN_TTL_MS) {
        if (seen.fingerprint !== fingerprint)
          throw new AwsError(
            'ConflictException',
            'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.',
          );
        return { tasks: seen.taskArns.map((arn) => oneOff.view(oneOff.find(arn)!)), failures: seen.failures };
      }

      const reference = str(input.taskDefinition);
      if (!reference) throw invalid('TaskDefinition cannot be empty.');
      const stored = registry.resolve(reference);
      if (!stored) throw new AwsError('ClientException', 'Unable to find task definition.');
      const definition = stored.definition;
      if (definition.status !== 'ACTIVE') throw new AwsError('ClientException', 'TaskDefinition is inactive');

      const count = num(input.count) ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 10) throw invalid('count must be between 1 and 10.');
      const launchType = str(input.launchType);
      const strategy = list<CapacityProviderStrategyItem>(input.capacityProviderStrategy);
      if (launchType && strategy.length > 0)
        throw invalid('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
      if (launchType && !['EC2', 'FARGATE', 'EXTERNAL'].includes(launchType)) throw invalid(`Launch type ${launchType} is not valid.`);
      for (const item of strategy) {
        if (!['FARGATE', 'FARGATE_SPOT'].includes(String(item.capacityProvider)))
          throw invalid(
            `The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.`,
          );
      }
      // The sandbox cluster has no default capacity provider strategy: ECS then uses EC2.
      const effectiveLaunch = strategy.length > 0 ? undefined : (launchType ?? 'EC2');
      const compat = definition.requiresCompatibilities ?? [];
      if (effectiveLaunch === 'EC2' && compat.length > 0 && !compat.includes('EC2'))
        throw new AwsError('InvalidParameterException', 'Task definition does not support launch_type EC2.');
      if ((effectiveLaunch === 'FARGATE' || strategy.length > 0) && definition.networkMode !== 'awsvpc')
        throw invalid("Fargate only supports network mode 'awsvpc'.");
      const network = obj(input.networkConfiguration) as NetworkConfiguration | undefined;
      checkNetwork(network, definition.networkMode);

      const overrides = list<ContainerOverride>(obj(input.overrides)?.containerOverrides);
      const names = (definition.containerDefinitions ?? []).map((c) => c.name);
      for (const o of overrides) {
        if (!names.includes(o.name)) throw invalid(`Override for container named ${o.name} is not a container in the TaskDefinition.`);
        if (o.command !== undefined && !Array.isArray(o.command)) throw new AwsError('SerializationException', 'command must be a list.');
      }
      const startedBy = str(input.startedBy);
      if (startedBy !== undefined && !/^[A-Za-z0-9_/-]{1,128}$/.test(startedBy))
        throw invalid('startedBy can have up to 128 letters, numbers, hyphens, forward slashes and underscores.');

      // Weighted strategies: the sandbox places on the provider with the largest weight (or base).
      const provider = [...strategy].sort((a, b) => (b.base ?? 0) - (a.base ?? 0) || (b.weight ?? 0) - (a.weight ?? 0))[0];
      const { tasks, failures } = oneOff.run(
        {
          clusterArn: cluster.arn,
          clusterName: cluster.name,
          definition,
          launchType: effectiveLaunch,
          capacityProviderName: provider ? String(provider.capacityProvider) : undefined,
          networkConfiguration: network,
          overrides,
          startedBy,
          group: str(input.group),
        },
        count,
      );
      if (clientToken) tokens.set(key, { fingerprint, at: Date.now(), taskArns: tasks.map((t) => t.arn), failures });
      return { tasks: tasks.map((t) => oneOff.view(t)), failures };
    },

    async DescribeTasks(input: DescribeTasksRequest) {
      const refs = list<string>(input.tasks);
      const mine = refs.filter((ref) => oneOff.find(ref));
      const others = refs.filter((ref) => !oneOff.find(ref));
      const ours: Task[] = mine.map((ref) => oneOff.view(oneOff.find(ref)!));
      if (others.length === 0) {
        scheduler.cluster(str(input.cluster));
        if (refs.length === 0) throw invalid('Tasks cannot be empty.');
        return { tasks: ours, failures: [] };
      }
      const rest = (await describe({ ...input, tasks: others } as never, undefined as never)) as { tasks: Task[]; failures: unknown[] };
      return { tasks: [...ours, ...rest.tasks], failures: rest.failures };
    },

    StopTask(input: StopTaskRequest) {
      const task = oneOff.find(str(input.task) ?? '');
      if (!task) return stop(input as never, undefined as never);
      scheduler.cluster(str(input.cluster));
      oneOff.stop(task, str(input.reason) ?? 'Task stopped by user');
      return { task: oneOff.view(task) };
    },

    async ListTasks(input: ListTasksRequest) {
      if (str(input.serviceName)) return listTasks(input as never, undefined as never);
      const cluster = scheduler.cluster(str(input.cluster));
      const service = (await listTasks({ ...input, nextToken: undefined, maxResults: 100 } as never, undefined as never)) as {
        taskArns: string[];
      };
      const desired = str(input.desiredStatus) ?? 'RUNNING';
      const family = str(input.family);
      const startedBy = str(input.startedBy);
      const ours = [...oneOff.tasks.values()]
        .filter((t) => t.request.clusterArn === cluster.arn && t.desiredStatus === desired)
        .filter((t) => !startedBy || t.request.startedBy === startedBy)
        .filter((t) => !family || t.request.definition.family === family)
        .map((t) => t.arn);
      const { page, nextToken } = paginate([...service.taskArns, ...ours], num(input.maxResults), str(input.nextToken), 100);
      return { taskArns: page, nextToken };
    },
  };
}
