import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import { TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const elbMock = mockClient(ElasticLoadBalancingV2Client);
afterEach(() => elbMock.reset());

const elb = () => new ElbTargets(new ElasticLoadBalancingV2Client({ region: 'us-east-1', maxAttempts: 1 }));

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

  it('counts the healthy targets and names what ails the others, with no listener', async () => {
    elbMock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.0.1', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.0.2', Port: 8080 }, TargetHealth: { State: 'draining' } },
        { Target: { Id: '10.0.0.3', Port: 8080 }, TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout' } },
      ],
    });
    expect(await elb().targetHealth(TG.green)).toEqual({
      healthy: 1,
      total: 3,
      problems: ['10.0.0.2:8080 draining (no reason)', '10.0.0.3:8080 unhealthy (Target.Timeout)'],
    });
    expect(elbMock.commandCalls(DescribeTargetHealthCommand)[0]!.args[0].input).toEqual({ TargetGroupArn: TG.green });
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
