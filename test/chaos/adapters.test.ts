import { ECSClient, ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcsTasks } from '../../shared/aws/ecs-tasks.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';
import { TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const ecsMock = mockClient(ECSClient);
const elbMock = mockClient(ElasticLoadBalancingV2Client);
afterEach(() => {
  ecsMock.reset();
  elbMock.reset();
});

const ecs = () => new EcsTasks(new ECSClient({ region: 'us-east-1', maxAttempts: 1 }), 'staging');
const elb = () => new ElbTargets(new ElasticLoadBalancingV2Client({ region: 'us-east-1', maxAttempts: 1 }));

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

describe('ElbTargets', () => {
  it('reads targets with their health', async () => {
    elbMock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.0.1', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.0.2', Port: 8080, AvailabilityZone: 'all' }, TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout' } },
      ],
    });
    expect(await elb().targets(TG.blue)).toEqual([
      { id: '10.0.0.1', port: 8080, availabilityZone: undefined, state: 'healthy', reason: undefined },
      { id: '10.0.0.2', port: 8080, availabilityZone: 'all', state: 'unhealthy', reason: 'Target.Timeout' },
    ]);
    expect(elbMock.commandCalls(DescribeTargetHealthCommand)[0]!.args[0].input).toEqual({ TargetGroupArn: TG.blue });
  });

  it('deregisters and registers exactly the given targets', async () => {
    elbMock.on(DeregisterTargetsCommand).resolves({});
    elbMock.on(RegisterTargetsCommand).resolves({});
    const targets = [{ id: '10.0.0.1', port: 8080, availabilityZone: undefined }];
    await elb().deregister(TG.blue, targets);
    await elb().register(TG.blue, targets);
    const sent = { TargetGroupArn: TG.blue, Targets: [{ Id: '10.0.0.1', Port: 8080, AvailabilityZone: undefined }] };
    expect(elbMock.commandCalls(DeregisterTargetsCommand)[0]!.args[0].input).toEqual(sent);
    expect(elbMock.commandCalls(RegisterTargetsCommand)[0]!.args[0].input).toEqual(sent);
  });
});
