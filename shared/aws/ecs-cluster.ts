import type { ECSClient } from '@aws-sdk/client-ecs';

/** An adapter on one ECS cluster: the client it calls through and the cluster every call names. */
export abstract class EcsClusterAdapter {
  protected readonly ecs: ECSClient;
  protected readonly cluster: string;

  constructor(ecs: ECSClient, cluster: string) {
    this.ecs = ecs;
    this.cluster = cluster;
  }
}
