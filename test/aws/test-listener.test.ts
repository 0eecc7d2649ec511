import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import { DeployError } from '../../shared/errors.ts';
import { TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const TEST_LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/3333333333333333';
const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo-alb/1111111111111111';
const elb = mockClient(ElasticLoadBalancingV2Client);
const listener = () => new AlbTestListener(new ElasticLoadBalancingV2Client({ region: 'us-east-1' }), TEST_LISTENER);

const described = (overrides: Partial<Listener>): Listener => ({
  ListenerArn: TEST_LISTENER,
  LoadBalancerArn: ALB,
  Port: 8443,
  Protocol: 'HTTP',
  DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }],
  ...overrides,
});

beforeEach(() => elb.reset());

describe('AlbTestListener', () => {
  it('replaces a fixed response with a forward of 100 % to the idle target group', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [described({})] });
    await listener().writeWeights({ [TG.green]: 100 });

    expect(elb.commandCalls(ModifyListenerCommand).map((c) => c.args[0].input)).toEqual([
      {
        ListenerArn: TEST_LISTENER,
        DefaultActions: [{ Type: 'forward', Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.green, Weight: 100 }] } }],
      },
    ]);
  });

  it('keeps an authenticate action in front of the forward', async () => {
    const authenticate = {
      Type: 'authenticate-cognito' as const,
      Order: 3,
      AuthenticateCognitoConfig: { UserPoolArn: 'arn:pool', UserPoolClientId: 'c', UserPoolDomain: 'd' },
    };
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [described({ DefaultActions: [authenticate, { Type: 'forward', Order: 4, TargetGroupArn: TG.blue }] })],
    });
    await listener().writeWeights({ [TG.green]: 100 });
    const sent = elb.commandCalls(ModifyListenerCommand)[0]!.args[0].input.DefaultActions;
    expect(sent).toEqual([
      authenticate,
      { Type: 'forward', Order: 4, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.green, Weight: 100 }] } },
    ]);
  });

  it('reads forward weights back (a bare TargetGroupArn is 100 %; no forward is no weights)', async () => {
    const weighted = {
      Type: 'forward' as const,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: TG.blue, Weight: 0 },
          { TargetGroupArn: TG.green, Weight: 100 },
        ],
      },
    };
    elb
      .on(DescribeListenersCommand)
      .resolvesOnce({ Listeners: [described({ DefaultActions: [{ Type: 'forward', TargetGroupArn: TG.green }] })] })
      .resolvesOnce({ Listeners: [described({ DefaultActions: [weighted] })] })
      .resolves({ Listeners: [described({})] });
    expect(await listener().readWeights()).toEqual({ [TG.green]: 100 });
    expect(await listener().readWeights()).toEqual({ [TG.blue]: 0, [TG.green]: 100 });
    expect(await listener().readWeights()).toEqual({});
  });

  it('derives the test URL from the listener port and protocol and the load balancer DNS name', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [described({ Protocol: 'HTTPS', Port: 9443 })] });
    elb
      .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [ALB] })
      .resolves({ LoadBalancers: [{ DNSName: 'demo-alb-1234.us-east-1.elb.amazonaws.com' }] });
    expect(await listener().url()).toBe('https://demo-alb-1234.us-east-1.elb.amazonaws.com:9443');

    elb.on(DescribeListenersCommand).resolves({ Listeners: [described({})] });
    expect(await listener().url()).toBe('http://demo-alb-1234.us-east-1.elb.amazonaws.com:8443');
  });

  it('a missing listener is a DeployError naming it', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [] });
    const read = listener().readWeights();
    await expect(read).rejects.toBeInstanceOf(DeployError);
    await expect(read).rejects.toThrow(`Test listener ${TEST_LISTENER} not found`);
  });

  it('routes: every rule of the listener, default included, page by page, with its forward weights', async () => {
    elb
      .on(DescribeRulesCommand, { ListenerArn: TEST_LISTENER, Marker: undefined })
      .resolves({
        Rules: [{ RuleArn: 'arn:rule/1', IsDefault: false, Actions: [{ Type: 'forward', TargetGroupArn: TG.blue }] }],
        NextMarker: 'page-2',
      })
      .on(DescribeRulesCommand, { ListenerArn: TEST_LISTENER, Marker: 'page-2' })
      .resolves({
        Rules: [
          { RuleArn: 'arn:rule/2', IsDefault: false, Actions: [{ Type: 'fixed-response' }] },
          {
            RuleArn: 'arn:rule/default',
            IsDefault: true,
            Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.green, Weight: 100 }] } }],
          },
        ],
      });
    expect(await listener().routes()).toEqual([
      { where: 'rule arn:rule/1', weights: { [TG.blue]: 100 } },
      { where: 'default action', weights: { [TG.green]: 100 } },
    ]);
  });
});
