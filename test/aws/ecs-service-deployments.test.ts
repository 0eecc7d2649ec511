import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type Service,
} from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EcsServiceDeployments } from '../../shared/aws/ecs-service-deployments.ts';
import { DeployError } from '../../shared/errors.ts';

const ecs = mockClient(ECSClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
const adapter = () =>
  new EcsServiceDeployments(new ECSClient({ region: 'us-east-1' }), new ElasticLoadBalancingV2Client({ region: 'us-east-1' }), 'demo');

const TG_A = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-a/aa';
const TG_B = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-b/bb';
const PROD = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1/2/prod';
const TEST = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1/3/test';
const ROLE = 'arn:aws:iam::123456789012:role/ecs-lb';
const SD = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/abc';
const REV = 'arn:aws:ecs:us-east-1:123456789012:service-revision/demo/web/123';
const TD2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';

const TEAM: DeploymentConfiguration = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
  strategy: 'BLUE_GREEN',
  bakeTimeInMinutes: 15,
};

const service = (extra: Partial<Service> = {}): Service => ({
  serviceName: 'web',
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web',
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
  deploymentController: { type: 'ECS' },
  deploymentConfiguration: TEAM,
  loadBalancers: [
    {
      targetGroupArn: TG_A,
      containerName: 'app',
      containerPort: 8080,
      advancedConfiguration: { alternateTargetGroupArn: TG_B, productionListenerRule: PROD, testListenerRule: TEST, roleArn: ROLE },
    },
  ],
  ...extra,
});

beforeEach(() => {
  ecs.reset();
  elb.reset();
});

describe('EcsServiceDeployments', () => {
  it('reads the service’s native wiring, controller and deployment configuration', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [service({ currentServiceDeployment: SD })] });
    const found = await adapter().describeService('web');
    expect(ecs.commandCalls(DescribeServicesCommand)[0]!.args[0].input).toEqual({ cluster: 'demo', services: ['web'] });
    expect(found).toMatchObject({
      controller: 'ECS',
      wiring: { targetGroupArn: TG_A, alternateTargetGroupArn: TG_B, productionListenerRule: PROD, testListenerRule: TEST, roleArn: ROLE },
      settings: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15, hooks: [] },
    });
    expect(JSON.parse(found.snapshot)).toEqual(TEAM);
  });

  it('reports no wiring without advancedConfiguration, ROLLING without a strategy, and the controller type', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        service({ deploymentController: { type: 'CODE_DEPLOY' }, deploymentConfiguration: {}, loadBalancers: [{ targetGroupArn: TG_A }] }),
      ],
    });
    const found = await adapter().describeService('web');
    expect(found.wiring).toBeUndefined();
    expect(found.controller).toBe('CODE_DEPLOY');
    expect(found.settings.strategy).toBe('ROLLING');
  });

  it('names a missing service', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'web', reason: 'MISSING' }] });
    await expect(adapter().describeService('web')).rejects.toMatchObject({
      message: 'ECS service web not found or not ACTIVE in cluster demo',
      why: ['web: MISSING'],
    });
  });

  it('reads the production rule’s weights with DescribeRules', async () => {
    elb.on(DescribeRulesCommand).resolves({
      Rules: [
        {
          RuleArn: PROD,
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: TG_A, Weight: 100 },
                  { TargetGroupArn: TG_B, Weight: 0 },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(await adapter().ruleWeights(PROD)).toEqual({ [TG_A]: 100, [TG_B]: 0 });
    expect(elb.commandCalls(DescribeRulesCommand)[0]!.args[0].input).toEqual({ RuleArns: [PROD] });
  });

  it('starts a deployment with the strategy and a PAUSE hook laid over the team’s configuration', async () => {
    ecs.on(UpdateServiceCommand).resolves({ service: service({ currentServiceDeployment: SD }) });
    const arn = await adapter().startDeployment('web', TD2, {
      base: JSON.stringify(TEAM),
      settings: {
        strategy: 'LINEAR',
        bakeTimeInMinutes: 5,
        linear: { stepPercent: 25, bakeMinutes: 5 },
        hooks: [{ targetType: 'PAUSE', stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutMinutes: 30, timeoutAction: 'ROLLBACK' }],
      },
    });
    expect(arn).toBe(SD);
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      service: 'web',
      taskDefinition: TD2,
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
        strategy: 'LINEAR',
        bakeTimeInMinutes: 5,
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 5 },
        lifecycleHooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
            timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
          },
        ],
      },
    });
  });

  it('in managed mode sends only the task definition', async () => {
    ecs.on(UpdateServiceCommand).resolves({ service: service() });
    expect(await adapter().startDeployment('web', TD2)).toBeUndefined();
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({ cluster: 'demo', service: 'web', taskDefinition: TD2 });
  });

  it('restores the team’s configuration, clearing hooks and strategy it did not have', async () => {
    ecs.on(UpdateServiceCommand).resolves({ service: service() });
    await adapter().restoreConfiguration('web', JSON.stringify({ maximumPercent: 200, minimumHealthyPercent: 100 }));
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      service: 'web',
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, strategy: 'ROLLING', lifecycleHooks: [] },
    });
  });

  it('lists service deployments newest first, filtered by status', async () => {
    ecs.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        { serviceDeploymentArn: 'old', status: 'SUCCESSFUL', createdAt: new Date('2026-11-01T00:00:00Z') },
        { serviceDeploymentArn: 'new', status: 'IN_PROGRESS', createdAt: new Date('2026-11-02T00:00:00Z') },
      ],
    });
    const list = await adapter().listDeployments('web', ['IN_PROGRESS']);
    expect(list.map((d) => d.arn)).toEqual(['new', 'old']);
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)[0]!.args[0].input).toEqual({
      cluster: 'demo',
      service: 'web',
      status: ['IN_PROGRESS'],
      maxResults: 20,
    });
  });

  it('describes a deployment: stage as a string, hooks, weights, evidence, and the task definition of its target revision', async () => {
    ecs.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: SD,
          status: 'IN_PROGRESS',
          lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' as never,
          lifecycleHookDetails: [
            {
              hookId: 'h-1',
              targetType: 'PAUSE',
              status: 'AWAITING_ACTION',
              expiresAt: new Date('2026-11-23T00:00:00Z'),
              timeoutAction: 'ROLLBACK',
            },
          ],
          targetServiceRevision: { arn: REV, requestedTaskCount: 2, runningTaskCount: 2, requestedProductionTrafficWeight: 25 },
          rollback: { reason: 'alarm', startedAt: new Date('2026-11-22T10:00:00Z') },
          deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 10 },
          alarms: { status: 'TRIGGERED', alarmNames: ['web-5xx'], triggeredAlarmNames: ['web-5xx'] },
        },
      ],
    });
    ecs.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [{ serviceRevisionArn: REV, taskDefinition: TD2 }] });
    const port = adapter();
    const d = await port.describeDeployment(SD);
    await port.describeDeployment(SD);
    expect(ecs.commandCalls(DescribeServiceDeploymentsCommand)[0]!.args[0].input).toEqual({ serviceDeploymentArns: [SD] });
    expect(ecs.commandCalls(DescribeServiceRevisionsCommand).map((c) => c.args[0].input)).toEqual([{ serviceRevisionArns: [REV] }]);
    expect(d).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
      hooks: [{ hookId: 'h-1', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' }],
      taskDefinition: TD2,
      targetWeight: 25,
      targetRunning: 2,
      targetRequested: 2,
      rollback: { reason: 'alarm' },
      circuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 10 },
      alarms: { status: 'TRIGGERED', triggered: ['web-5xx'] },
    });
  });

  it('continues or rolls back a hook, and stops with ROLLBACK', async () => {
    ecs.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
    ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
    const port = adapter();
    await port.continueDeployment(SD, 'h-1', 'CONTINUE');
    await port.continueDeployment(SD, 'h-2', 'ROLLBACK');
    await port.rollbackDeployment(SD);
    expect(ecs.commandCalls(ContinueServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { serviceDeploymentArn: SD, hookId: 'h-1', action: 'CONTINUE' },
      { serviceDeploymentArn: SD, hookId: 'h-2', action: 'ROLLBACK' },
    ]);
    expect(ecs.commandCalls(StopServiceDeploymentCommand)[0]!.args[0].input).toEqual({ serviceDeploymentArn: SD, stopType: 'ROLLBACK' });
  });

  it('names the IAM action when access is denied', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ecs:ContinueServiceDeployment'), {
      name: 'AccessDeniedException',
    });
    ecs.on(ContinueServiceDeploymentCommand).rejects(denied);
    const error = await adapter()
      .continueDeployment(SD, 'h-1', 'CONTINUE')
      .then(
        () => undefined,
        (e: unknown) => e as DeployError,
      );
    expect(error?.fix).toBe("Allow the action ecs:ContinueServiceDeployment in the role's IAM policy (see docs/iam-policy.json).");
  });
});
