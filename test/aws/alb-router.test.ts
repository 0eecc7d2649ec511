import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import { LISTENER, TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const elb = mockClient(ElasticLoadBalancingV2Client);
const client = new ElasticLoadBalancingV2Client({ region: 'us-east-1' });

const authenticate: Action = {
  Type: 'authenticate-oidc',
  Order: 1,
  AuthenticateOidcConfig: {
    Issuer: 'https://idp',
    AuthorizationEndpoint: 'https://idp/a',
    TokenEndpoint: 'https://idp/t',
    UserInfoEndpoint: 'https://idp/u',
    ClientId: 'c',
  },
};
const forward = (blue: number, green: number): Action => ({
  Type: 'forward',
  Order: 2,
  ForwardConfig: {
    TargetGroups: [
      { TargetGroupArn: TG.blue, Weight: blue },
      { TargetGroupArn: TG.green, Weight: green },
    ],
    TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
  },
});

beforeEach(() => elb.reset());

describe('AlbRouter on a listener default action', () => {
  it('reads the weights of the forward action', async () => {
    elb
      .on(DescribeListenersCommand, { ListenerArns: [LISTENER] })
      .resolves({ Listeners: [{ ListenerArn: LISTENER, DefaultActions: [authenticate, forward(90, 10)] }] });
    expect(await new AlbRouter(client, LISTENER).readWeights()).toEqual({ [TG.blue]: 90, [TG.green]: 10 });
  });

  it('reads a plain single-target-group forward as 100 %', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [{ DefaultActions: [{ Type: 'forward', TargetGroupArn: TG.blue }] }] });
    expect(await new AlbRouter(client, LISTENER).readWeights()).toEqual({ [TG.blue]: 100 });
  });

  it('writes ModifyListener with the new ForwardConfig weights, keeping stickiness and the other actions', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [{ DefaultActions: [authenticate, forward(100, 0)] }] });
    elb.on(ModifyListenerCommand).resolves({});
    await new AlbRouter(client, LISTENER).writeWeights({ [TG.blue]: 50, [TG.green]: 50 });

    const sent = elb.commandCalls(ModifyListenerCommand);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.args[0].input).toEqual({
      ListenerArn: LISTENER,
      DefaultActions: [
        authenticate,
        {
          Type: 'forward',
          Order: 2,
          TargetGroupArn: undefined,
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: TG.blue, Weight: 50 },
              { TargetGroupArn: TG.green, Weight: 50 },
            ],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
          },
        },
      ],
    });
    expect(elb.commandCalls(ModifyRuleCommand)).toHaveLength(0);
  });

  it('fails with the fix when there is no forward action', async () => {
    elb.on(DescribeListenersCommand).resolves({ Listeners: [{ DefaultActions: [{ Type: 'fixed-response' }] }] });
    await expect(new AlbRouter(client, LISTENER).readWeights()).rejects.toThrow(`${LISTENER} has no forward action`);
  });
});

describe('AlbRouter on a listener rule', () => {
  it('reads with DescribeRules and writes with ModifyRule', async () => {
    elb.on(DescribeRulesCommand, { RuleArns: [RULE] }).resolves({ Rules: [{ RuleArn: RULE, Actions: [forward(0, 100)] }] });
    elb.on(ModifyRuleCommand).resolves({});
    const router = new AlbRouter(client, RULE);
    expect(await router.readWeights()).toEqual({ [TG.blue]: 0, [TG.green]: 100 });
    await router.writeWeights({ [TG.blue]: 100, [TG.green]: 0 });

    const sent = elb.commandCalls(ModifyRuleCommand)[0]!.args[0].input;
    expect(sent.RuleArn).toBe(RULE);
    expect(sent.Actions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: TG.blue, Weight: 100 },
      { TargetGroupArn: TG.green, Weight: 0 },
    ]);
    expect(elb.commandCalls(ModifyListenerCommand)).toHaveLength(0);
    expect(elb.commandCalls(DescribeListenersCommand)).toHaveLength(0);
  });
});

describe('AlbRouter target health', () => {
  it('counts healthy targets and describes the others', async () => {
    elb.on(DescribeTargetHealthCommand, { TargetGroupArn: TG.green }).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.1.5', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.1.6', Port: 8080 }, TargetHealth: { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' } },
      ],
    });
    expect(await new AlbRouter(client, LISTENER).targetHealth(TG.green)).toEqual({
      healthy: 1,
      total: 2,
      problems: ['10.0.1.6:8080 unhealthy (Target.FailedHealthChecks)'],
    });
  });
});
