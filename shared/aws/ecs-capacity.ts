import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  ListContainerInstancesCommand,
  type Resource,
} from '@aws-sdk/client-ecs';
import { DeployError } from '../errors.ts';
import type { CapacityProviderInfo, ClusterCapacity, InstanceCapacity, Placement } from '../engine/preflight/ports.ts';
import { call } from './call.ts';
import { EcsClusterAdapter } from './ecs-cluster.ts';
import { allPages } from './pages.ts';

/** The built-in providers DescribeCapacityProviders need not be asked about. */
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);
/** DescribeContainerInstances takes at most 100 instances per call. */
const DESCRIBE_BATCH = 100;

export class EcsCapacity extends EcsClusterAdapter implements ClusterCapacity {
  async placement(service: string): Promise<Placement> {
    const out = await call('ecs:DescribeServices', () =>
      this.ecs.send(new DescribeServicesCommand({ cluster: this.cluster, services: [service] })),
    );
    const found = out.services?.[0];
    if (!found) throw new DeployError(`ECS service ${service} not found in cluster ${this.cluster}`);
    const strategy = (found.capacityProviderStrategy ?? []).map((s) => s.capacityProvider ?? '').filter(Boolean);
    if (found.launchType || strategy.length > 0) return { launchType: found.launchType, capacityProviders: strategy };
    const clusters = await call('ecs:DescribeClusters', () => this.ecs.send(new DescribeClustersCommand({ clusters: [this.cluster] })));
    const defaults = (clusters.clusters?.[0]?.defaultCapacityProviderStrategy ?? []).map((s) => s.capacityProvider ?? '').filter(Boolean);
    // Neither a launch type nor a strategy anywhere: ECS falls back to the EC2 launch type.
    return defaults.length > 0 ? { launchType: undefined, capacityProviders: defaults } : { launchType: 'EC2', capacityProviders: [] };
  }

  async capacityProviders(names: string[]): Promise<CapacityProviderInfo[]> {
    const builtIn = names
      .filter((n) => FARGATE_PROVIDERS.has(n))
      .map((name) => ({ name, kind: 'FARGATE' as const, managedScaling: true, status: 'ACTIVE' }));
    const custom = names.filter((n) => !FARGATE_PROVIDERS.has(n));
    if (custom.length === 0) return builtIn;
    const out = await call('ecs:DescribeCapacityProviders', () =>
      this.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: custom })),
    );
    return [
      ...builtIn,
      ...(out.capacityProviders ?? []).map((p) => ({
        name: p.name ?? '',
        kind: 'EC2' as const,
        managedScaling: p.autoScalingGroupProvider?.managedScaling?.status === 'ENABLED',
        status: p.status ?? '',
      })),
    ];
  }

  async containerInstances(): Promise<InstanceCapacity[]> {
    const arns = await allPages('ListContainerInstances', async (nextToken) => {
      const page = await call('ecs:ListContainerInstances', () =>
        this.ecs.send(new ListContainerInstancesCommand({ cluster: this.cluster, status: 'ACTIVE', nextToken })),
      );
      return { items: page.containerInstanceArns, next: page.nextToken };
    });
    const instances: InstanceCapacity[] = [];
    for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
      const out = await call('ecs:DescribeContainerInstances', () =>
        this.ecs.send(
          new DescribeContainerInstancesCommand({ cluster: this.cluster, containerInstances: arns.slice(i, i + DESCRIBE_BATCH) }),
        ),
      );
      for (const ci of out.containerInstances ?? []) {
        // Instances whose agent is disconnected take no new tasks.
        if (ci.agentConnected === false) continue;
        instances.push({
          id: ci.ec2InstanceId ?? ci.containerInstanceArn ?? '',
          capacityProvider: ci.capacityProviderName,
          remainingCpu: amount(ci.remainingResources, 'CPU'),
          remainingMemory: amount(ci.remainingResources, 'MEMORY'),
        });
      }
    }
    return instances;
  }
}

const amount = (resources: Resource[] | undefined, name: string): number => resources?.find((r) => r.name === name)?.integerValue ?? 0;
