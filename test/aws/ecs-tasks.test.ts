import { ECSClient, ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcsTasks } from '../../shared/aws/ecs-tasks.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';

const ecsMock = mockClient(ECSClient);
afterEach(() => ecsMock.reset());

const ecs = () => new EcsTasks(new ECSClient({ region: 'us-east-1', maxAttempts: 1 }), 'staging');

describe('EcsTasks', () => {
  it('lists every page of the running tasks of one service', async () => {
    ecsMock
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: ['t1', 't2'], nextToken: 'next' })
      .resolvesOnce({ taskArns: ['t3'] });
    expect(await ecs().runningTasks('web')).toEqual(['t1', 't2', 't3']);
    expect(ecsMock.commandCalls(ListTasksCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'staging', serviceName: 'web', desiredStatus: 'RUNNING', nextToken: undefined },
      { cluster: 'staging', serviceName: 'web', desiredStatus: 'RUNNING', nextToken: 'next' },
    ]);
  });

  it('stops a task with the reason, cut to the 255 characters ECS keeps', async () => {
    ecsMock.on(StopTaskCommand).resolves({});
    await ecs().stopTask('arn:task/t1', 'x'.repeat(300));
    expect(ecsMock.commandCalls(StopTaskCommand)[0]!.args[0].input).toEqual({
      cluster: 'staging',
      task: 'arn:task/t1',
      reason: 'x'.repeat(255),
    });
  });

  it('translates throttling and denials', async () => {
    ecsMock.on(StopTaskCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(ecs().stopTask('t1', 'r')).rejects.toBeInstanceOf(TransientError);
    ecsMock.reset();
    ecsMock
      .on(StopTaskCommand)
      .rejectsOnce(Object.assign(new Error('not authorized to perform ecs:StopTask'), { name: 'AccessDeniedException' }));
    const denied = await ecs()
      .stopTask('t1', 'r')
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(DeployError);
    expect((denied as DeployError).fix).toContain('ecs:StopTask');
  });
});
