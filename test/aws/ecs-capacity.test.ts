import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  ECSClient,
  ListContainerInstancesCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcsCapacity } from '../../shared/aws/ecs-capacity.ts';
import { DeployError } from '../../shared/errors.ts';

const ecs = mockClient(ECSClient);
afterEach(() => ecs.reset());

const capacity = () => new EcsCapacity(new ECSClient({ region: 'us-east-1', maxAttempts: 1 }), 'demo');
const instanceArn = (n: number) => `arn:aws:ecs:us-east-1:123456789012:container-instance/demo/${n}`;

describe('EcsCapacity.placement', () => {
  it("takes the service's launch type, without asking the cluster", async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', launchType: 'FARGATE' }] });
    expect(await capacity().placement('web')).toEqual({ launchType: 'FARGATE', capacityProviders: [] });
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input)).toEqual([{ cluster: 'demo', services: ['web'] }]);
    expect(ecs.commandCalls(DescribeClustersCommand)).toHaveLength(0);
  });

  it("takes the service's capacity provider strategy", async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [{ serviceName: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }, { capacityProvider: 'asg-a' }] }],
    });
    expect(await capacity().placement('web')).toEqual({ launchType: undefined, capacityProviders: ['FARGATE_SPOT', 'asg-a'] });
  });

  it("falls back to the cluster's default strategy, then to EC2 as ECS does", async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web' }] });
    ecs.on(DescribeClustersCommand).resolvesOnce({ clusters: [{ defaultCapacityProviderStrategy: [{ capacityProvider: 'asg-a' }] }] });
    expect(await capacity().placement('web')).toEqual({ launchType: undefined, capacityProviders: ['asg-a'] });
    ecs.on(DescribeClustersCommand).resolves({ clusters: [{ defaultCapacityProviderStrategy: [] }] });
    expect(await capacity().placement('web')).toEqual({ launchType: 'EC2', capacityProviders: [] });
    expect(ecs.commandCalls(DescribeClustersCommand)[0]!.args[0].input).toEqual({ clusters: ['demo'] });
  });

  it('names the service and cluster when the service is missing', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'web', reason: 'MISSING' }] });
    const error = await capacity()
      .placement('web')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe('ECS service web not found in cluster demo');
  });
});

describe('EcsCapacity.capacityProviders', () => {
  it('asks only about custom providers; FARGATE and FARGATE_SPOT are built in', async () => {
    ecs.on(DescribeCapacityProvidersCommand).resolves({
      capacityProviders: [
        {
          name: 'asg-a',
          status: 'ACTIVE',
          autoScalingGroupProvider: { autoScalingGroupArn: 'asg', managedScaling: { status: 'ENABLED' } },
        },
        {
          name: 'asg-b',
          status: 'INACTIVE',
          autoScalingGroupProvider: { autoScalingGroupArn: 'asg', managedScaling: { status: 'DISABLED' } },
        },
      ],
    });
    expect(await capacity().capacityProviders(['FARGATE', 'asg-a', 'asg-b'])).toEqual([
      { name: 'FARGATE', kind: 'FARGATE', managedScaling: true, status: 'ACTIVE' },
      { name: 'asg-a', kind: 'EC2', managedScaling: true, status: 'ACTIVE' },
      { name: 'asg-b', kind: 'EC2', managedScaling: false, status: 'INACTIVE' },
    ]);
    expect(ecs.commandCalls(DescribeCapacityProvidersCommand).map((c) => c.args[0].input)).toEqual([
      { capacityProviders: ['asg-a', 'asg-b'] },
    ]);
  });

  it('makes no call for Fargate alone', async () => {
    expect(await capacity().capacityProviders(['FARGATE_SPOT'])).toEqual([
      { name: 'FARGATE_SPOT', kind: 'FARGATE', managedScaling: true, status: 'ACTIVE' },
    ]);
    expect(ecs.commandCalls(DescribeCapacityProvidersCommand)).toHaveLength(0);
  });
});

describe('EcsCapacity.containerInstances', () => {
  it('lists every page of ACTIVE instances, describes them 100 at a time, and skips disconnected agents', async () => {
    const arns = Array.from({ length: 150 }, (_, i) => instanceArn(i));
    ecs
      .on(ListContainerInstancesCommand)
      .resolvesOnce({ containerInstanceArns: arns.slice(0, 120), nextToken: 'page-2' })
      .resolves({ containerInstanceArns: arns.slice(120) });
    ecs.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
      containerInstances: input.containerInstances.map((arn, i) => ({
        containerInstanceArn: arn,
        ec2InstanceId: i === 0 ? undefined : `i-${arn.split('/').pop()}`,
        capacityProviderName: 'asg-a',
        agentConnected: i !== 1,
        remainingResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
        ],
      })),
    }));
    const instances = await capacity().containerInstances();
    expect(ecs.commandCalls(ListContainerInstancesCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'demo', status: 'ACTIVE', nextToken: undefined },
      { cluster: 'demo', status: 'ACTIVE', nextToken: 'page-2' },
    ]);
    expect(ecs.commandCalls(DescribeContainerInstancesCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'demo', containerInstances: arns.slice(0, 100) },
      { cluster: 'demo', containerInstances: arns.slice(100) },
    ]);
    // Two per batch are left out or renamed: the first has no EC2 id, the second a disconnected agent.
    expect(instances).toHaveLength(148);
    expect(instances[0]).toEqual({ id: instanceArn(0), capacityProvider: 'asg-a', remainingCpu: 1024, remainingMemory: 2048 });
    expect(instances[1]).toEqual({ id: 'i-2', capacityProvider: 'asg-a', remainingCpu: 1024, remainingMemory: 2048 });
  });

  it('counts a resource ECS leaves out as nothing left', async () => {
    ecs.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: [instanceArn(1)] });
    ecs.on(DescribeContainerInstancesCommand).resolves({
      containerInstances: [{ containerInstanceArn: instanceArn(1), ec2InstanceId: 'i-1', agentConnected: true, remainingResources: [] }],
    });
    expect(await capacity().containerInstances()).toEqual([
      { id: 'i-1', capacityProvider: undefined, remainingCpu: 0, remainingMemory: 0 },
    ]);
  });
});
