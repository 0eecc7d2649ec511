import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ClusterRecord, ServiceRecord } from './ecs/model.ts';
import type { EcsScheduler } from './ecs/scheduler.ts';
import { normalizeActions, weightedForward } from './elb/actions.ts';
import { normalizeConditions } from './elb/routing.ts';
import type { ElbState, ListenerState, LoadBalancerState, RuleState, TargetGroupState } from './elb/state.ts';
import type { NativeAppOptions, ResolvedOptions } from './options.ts';

/**
 * The single-service app of the default world, set up the way ECS-native blue/green needs it:
 * service `web` on target group `tg-web-1`, alternate `tg-web-2`, a production rule and a test
 * rule (each `path-pattern /*` on its own listener of the ALB `web-alb`) forwarding 100/0 to the pair.
 * Its own load balancer leaves the two-colour world's `demo-alb` as it was.
 */
export interface NativeWorld {
  service: ServiceRecord;
  loadBalancer: LoadBalancerState;
  targetGroups: { primary: TargetGroupState; alternate: TargetGroupState };
  listener: ListenerState;
  testListener: ListenerState;
  productionRule: RuleState;
  testRule: RuleState;
  roleArn: string;
}

export async function seedNativeApp(deps: {
  app: NativeAppOptions;
  options: ResolvedOptions;
  elb: ElbState;
  scheduler: EcsScheduler;
  cluster: ClusterRecord;
  taskDefinitionArn: string;
  containerName: string;
  containerPort: number;
  startListener: (listener: ListenerState, label: string, port: number) => Promise<number>;
}): Promise<NativeWorld> {
  const { app, options, elb, scheduler, containerPort } = deps;
  const loadBalancer = elb.createLoadBalancer('web-alb', options.region);
  const primary = elb.createTargetGroup('tg-web-1', containerPort);
  const alternate = elb.createTargetGroup('tg-web-2', containerPort);
  const exists = (arn: string): boolean => elb.targetGroups.has(arn);
  const forward = (): Action[] =>
    weightedForward(
      [
        [primary, 100],
        [alternate, 0],
      ],
      exists,
    );
  const notFound = (): Action[] =>
    normalizeActions([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }], exists);
  const everything = normalizeConditions([{ Field: 'path-pattern', Values: ['/*'] }]);

  const listener = elb.createListener(loadBalancer, 0, notFound());
  listener.port = await deps.startListener(listener, 'native production', options.nativeListenerPort);
  const productionRule = elb.createRule(listener, 1, everything, forward());
  const testListener = elb.createListener(loadBalancer, 0, notFound());
  testListener.port = await deps.startListener(testListener, 'native test', options.nativeTestListenerPort);
  const testRule = elb.createRule(testListener, 1, everything, forward());

  const roleArn = `arn:aws:iam::${options.accountId}:role/ecsInfrastructureRoleForLoadBalancers`;
  const service = scheduler.createService(deps.cluster, {
    name: app.name ?? 'web',
    taskDefinitionArn: deps.taskDefinitionArn,
    desiredCount: app.desiredCount ?? 2,
    targetGroupArn: primary.arn,
    containerName: deps.containerName,
    containerPort,
    circuitBreaker: app.circuitBreaker ?? { enable: true, rollback: true },
    advancedConfiguration: {
      alternateTargetGroupArn: alternate.arn,
      productionListenerRule: productionRule.arn,
      testListenerRule: testRule.arn,
      roleArn,
    },
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, ...app.deploymentConfiguration },
  });
  return { service, loadBalancer, targetGroups: { primary, alternate }, listener, testListener, productionRule, testRule, roleArn };
}
