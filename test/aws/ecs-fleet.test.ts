import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { DeployError } from '../../shared/errors.ts';

const ecs = mockClient(ECSClient);
const fleet = () => new EcsFleet(new ECSClient({ region: 'us-east-1' }), 'demo');
const service = (name: string, extra: Partial<Service> = {}): Service => ({
  serviceName: name,
  serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/demo/${name}`,
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
  loadBalancers: [
    { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1', containerName: 'app', containerPort: 8080 },
  ],
  deployments: [
    {
      id: 'ecs-svc/1',
      status: 'PRIMARY',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      rolloutState: 'COMPLETED',
      desiredCount: 2,
      runningCount: 2,
      failedTasks: 0,
    },
  ],
  events: [{ id: 'e1', createdAt: new Date('2026-11-22T10:00:00Z'), message: '(service x) has reached a steady state.' }],
  ...extra,
});

beforeEach(() => ecs.reset());

describe('EcsFleet', () => {
  it('describes both colors in one DescribeServices call', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [service('web-blue'), service('web-green')] });
    const found = await fleet().describeServices(['web-blue', 'web-green']);
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'demo', services: ['web-blue', 'web-green'] },
    ]);
    expect(found.get('web-green')).toMatchObject({
      name: 'web-green',
      targetGroupArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1'],
      deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 2 }],
    });
  });

  it('batches more than 10 services into calls of at most 10', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({ services: input.services.map((n) => service(n)) }));
    await fleet().describeServices(names);
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length)).toEqual([10, 2]);
  });

  it('names missing or inactive services with the AWS failure reason', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [service('web-blue', { status: 'DRAINING' })],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web-green', reason: 'MISSING' }],
    });
    const error = await fleet()
      .describeServices(['web-blue', 'web-green'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe('ECS service not found or not ACTIVE in cluster demo: web-blue, web-green');
    expect((error as DeployError).why).toEqual(['arn:aws:ecs:us-east-1:123456789012:service/demo/web-green: MISSING']);
  });

  it('deploys with UpdateService (forcing a new deployment) and returns the new PRIMARY id', async () => {
    ecs.on(UpdateServiceCommand).resolves({
      service: service('web-green', {
        deployments: [
          { id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' },
          { id: 'ecs-svc/1', status: 'ACTIVE' },
        ],
      }),
    });
    const id = await fleet().deploy('web-green', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2', 3);
    expect(id).toBe('ecs-svc/2');
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      service: 'web-green',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
      desiredCount: 3,
      forceNewDeployment: true,
    });
  });

  it('registers a task definition document as given', async () => {
    ecs
      .on(RegisterTaskDefinitionCommand)
      .resolves({ taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7' } });
    const document = { family: 'web', containerDefinitions: [{ name: 'app', image: 'web:v2' }] };
    expect(await fleet().registerTaskDefinition(document)).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:7');
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)[0]!.args[0].input).toEqual(document);
  });

  it('explains stopped tasks with their stopped reason and container exit codes, newest first', async () => {
    ecs
      .on(ListTasksCommand)
      .resolves({ taskArns: ['arn:aws:ecs:us-east-1:123456789012:task/demo/a', 'arn:aws:ecs:us-east-1:123456789012:task/demo/b'] });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/a',
          stoppedAt: new Date(1000),
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'app', exitCode: 1 }],
        },
        {
          taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/b',
          stoppedAt: new Date(2000),
          stoppedReason: 'Task failed ELB health checks',
          containers: [{ name: 'app', exitCode: 0 }],
        },
      ],
    });
    const stopped = await fleet().stoppedTasks('web-green', 5);
    expect(ecs.commandCalls(ListTasksCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      serviceName: 'web-green',
      desiredStatus: 'STOPPED',
      maxResults: 5,
    });
    expect(stopped.map((t) => t.reason)).toEqual(['Task failed ELB health checks', 'Essential container in task exited; app: (exit 1)']);
  });
});
