import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcsTaskImages } from '../../shared/aws/ecs-task-images.ts';

const ecsMock = mockClient(ECSClient);
afterEach(() => ecsMock.reset());

describe('EcsTaskImages', () => {
  it('lists the containers and images of a revision', async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { containerDefinitions: [{ name: 'app', image: 'repo/web:v1' }, { name: 'noimage' }] },
    });
    expect(await new EcsTaskImages(new ECSClient({ region: 'us-east-1' })).images('web:1')).toEqual([
      { container: 'app', image: 'repo/web:v1' },
    ]);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)[0]!.args[0].input).toEqual({ taskDefinition: 'web:1' });
  });
});
