import { DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { ContainerImage, TaskDefinitionImages } from '../engine/security/ports.ts';
import { call } from './call.ts';

/** The container images a task definition revision runs. */
export class EcsTaskImages implements TaskDefinitionImages {
  private readonly ecs: ECSClient;

  constructor(ecs: ECSClient) {
    this.ecs = ecs;
  }

  async images(taskDefinitionArn: string): Promise<ContainerImage[]> {
    const out = await call('ecs:DescribeTaskDefinition', () =>
      this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn })),
    );
    return (out.taskDefinition?.containerDefinitions ?? []).flatMap((c) => (c.image ? [{ container: c.name ?? '', image: c.image }] : []));
  }
}
