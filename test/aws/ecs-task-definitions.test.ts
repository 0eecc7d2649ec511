import { DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcsTaskDefinitions } from '../../shared/aws/ecs-task-definitions.ts';
import { taskDef } from '../../sandbox/rehearsal/engine-fakes.ts';

const ecs = mockClient(ECSClient);
afterEach(() => ecs.reset());

const taskDefinitions = () => new EcsTaskDefinitions(new ECSClient({ region: 'us-east-1', maxAttempts: 1 }));

describe('EcsTaskDefinitions', () => {
  it('describes a revision by the reference given, with the whole document', async () => {
    const document = { taskDefinitionArn: taskDef(7), family: 'web', revision: 7, status: 'INACTIVE' as const, cpu: '256' };
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: document });
    expect(await taskDefinitions().describe('web:7')).toEqual({
      arn: taskDef(7),
      family: 'web',
      revision: 7,
      status: 'INACTIVE',
      document,
    });
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand).map((c) => c.args[0].input)).toEqual([{ taskDefinition: 'web:7' }]);
  });

  it('keeps the reference asked for, and ACTIVE, where ECS leaves the ARN or status out', async () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { family: 'web', revision: 7 } });
    expect(await taskDefinitions().describe('web:7')).toMatchObject({ arn: 'web:7', status: 'ACTIVE' });
  });

  it('lists the ACTIVE revisions of exactly the family, newest first, at most the limit', async () => {
    ecs.on(ListTaskDefinitionsCommand).resolves({
      taskDefinitionArns: [taskDef(9), 'arn:aws:ecs:us-east-1:123456789012:task-definition/web-worker:4', taskDef(8)],
    });
    expect(await taskDefinitions().activeRevisions('web', 3)).toEqual([taskDef(9), taskDef(8)]);
    expect(ecs.commandCalls(ListTaskDefinitionsCommand).map((c) => c.args[0].input)).toEqual([
      { familyPrefix: 'web', status: 'ACTIVE', sort: 'DESC', maxResults: 3 },
    ]);
  });
});
