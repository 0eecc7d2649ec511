import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EcsRunTask } from '../../shared/aws/ecs-run-task.ts';
import { DeployError } from '../../shared/errors.ts';

const ecs = mockClient(ECSClient);
const adapter = () => new EcsRunTask(new ECSClient({ region: 'us-east-1' }), 'demo');
const TASK = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef';
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/migrate:3';

beforeEach(() => {
  ecs.reset();
});

describe('EcsRunTask', () => {
  it('runs one task with the client token, started-by, placement and the container override', async () => {
    ecs
      .on(RunTaskCommand)
      .resolves({ tasks: [{ taskArn: TASK, lastStatus: 'PROVISIONING', containers: [{ name: 'app' }] }], failures: [] });
    const result = await adapter().runTask({
      taskDefinitionArn: TD,
      placement: { awsvpc: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' }, launchType: 'FARGATE' },
      override: { container: 'app', command: ['alembic', 'upgrade', 'head'], environment: { STAGE: 'prod' } },
      startedBy: 'github/42',
      clientToken: 'token-1',
    });
    expect(result).toMatchObject({ task: { arn: TASK, lastStatus: 'PROVISIONING' } });
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      taskDefinition: TD,
      count: 1,
      startedBy: 'github/42',
      clientToken: 'token-1',
      launchType: 'FARGATE',
      capacityProviderStrategy: undefined,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
      overrides: {
        containerOverrides: [{ name: 'app', command: ['alembic', 'upgrade', 'head'], environment: [{ name: 'STAGE', value: 'prod' }] }],
      },
    });
  });

  it('returns the failures when ECS places no task', async () => {
    ecs.on(RunTaskCommand).resolves({ tasks: [], failures: [{ arn: 'arn:ci', reason: 'RESOURCE:MEMORY' }] });
    const result = await adapter().runTask({ taskDefinitionArn: TD, placement: {}, override: undefined, startedBy: 's', clientToken: 't' });
    expect(result).toEqual({ failures: [{ arn: 'arn:ci', reason: 'RESOURCE:MEMORY', detail: undefined }] });
  });

  it('reads the awslogs group, prefix and region of every container', async () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: TD,
        networkMode: 'awsvpc',
        containerDefinitions: [
          {
            name: 'app',
            essential: true,
            logConfiguration: {
              logDriver: 'awslogs',
              options: { 'awslogs-group': '/ecs/migrate', 'awslogs-stream-prefix': 'ecs', 'awslogs-region': 'eu-west-1' },
            },
          },
          { name: 'sidecar', essential: false, logConfiguration: { logDriver: 'json-file' } },
        ],
      },
    });
    expect(await adapter().describeTaskDefinition('migrate:3')).toEqual({
      arn: TD,
      networkMode: 'awsvpc',
      containers: [
        { name: 'app', essential: true, logs: { group: '/ecs/migrate', streamPrefix: 'ecs', region: 'eu-west-1' } },
        { name: 'sidecar', essential: false, logs: undefined },
      ],
    });
  });

  it("copies a service's awsvpc settings and its capacity provider strategy (or launch type)", async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          status: 'ACTIVE',
          launchType: undefined,
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 2, base: 1 }],
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-a'], assignPublicIp: 'ENABLED' } },
        },
      ],
    });
    expect(await adapter().servicePlacement('web')).toEqual({
      awsvpc: { subnets: ['subnet-a'], securityGroups: ['sg-a'], assignPublicIp: 'ENABLED' },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 2, base: 1 }],
    });
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'x', reason: 'MISSING' }] });
    await expect(adapter().servicePlacement('nope')).rejects.toThrow('Service nope was not found in cluster demo (MISSING)');
  });

  it('describes a task with every container, and stops it with the reason cut to 255 characters', async () => {
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: TASK,
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
          containers: [
            { name: 'app', exitCode: 3, reason: 'x' },
            { name: 'side', exitCode: 0 },
          ],
        },
      ],
    });
    const state = await adapter().describeTask(TASK);
    expect(state?.containers).toEqual([
      { name: 'app', lastStatus: undefined, exitCode: 3, reason: 'x' },
      { name: 'side', lastStatus: undefined, exitCode: 0, reason: undefined },
    ]);
    ecs.on(StopTaskCommand).resolves({});
    await adapter().stopTask(TASK, 'r'.repeat(300));
    expect(ecs.commandCalls(StopTaskCommand)[0]!.args[0].input).toEqual({ cluster: 'demo', task: TASK, reason: 'r'.repeat(255) });
  });

  it('names the IAM action when RunTask is denied', async () => {
    ecs
      .on(RunTaskCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: ecs:RunTask'), { name: 'AccessDeniedException' }));
    const error = await adapter()
      .runTask({ taskDefinitionArn: TD, placement: {}, override: undefined, startedBy: 's', clientToken: 't' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).fix).toMatch(/Allow the action ecs:RunTask/);
  });
});
