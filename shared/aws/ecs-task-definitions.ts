import { DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { TaskDefinitionRevision, TaskDefinitions } from '../engine/preflight/ports.ts';
import { call } from './call.ts';

export class EcsTaskDefinitions implements TaskDefinitions {
  private readonly ecs: ECSClient;

  constructor(ecs: ECSClient) {
    this.ecs = ecs;
  }

  async describe(reference: string): Promise<TaskDefinitionRevision> {
    const out = await call('ecs:DescribeTaskDefinition', () =>
      this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference })),
    );
    const td = out.taskDefinition!;
    return {
      arn: td.taskDefinitionArn ?? reference,
      family: td.family ?? '',
      revision: td.revision ?? 0,
      status: td.status ?? 'ACTIVE',
      document: td as unknown as Record<string, unknown>,
    };
  }

  async activeRevisions(family: string, limit: number): Promise<string[]> {
    const out = await call('ecs:ListTaskDefinitions', () =>
      this.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', maxResults: limit })),
    );
    // familyPrefix matches web-worker too when asking for web.
    return (out.taskDefinitionArns ?? []).filter((arn) => arn.split('/').pop()?.replace(/:\d+$/, '') === family);
  }
}
