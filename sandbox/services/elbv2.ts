import type {
  DeregisterTargetsInput,
  DescribeListenersInput,
  DescribeLoadBalancersInput,
  DescribeRulesInput,
  DescribeTagsInput,
  DescribeTargetGroupAttributesInput,
  DescribeTargetGroupsInput,
  DescribeTargetHealthInput,
  Listener,
  LoadBalancer,
  ModifyListenerInput,
  ModifyRuleInput,
  RegisterTargetsInput,
  Rule,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsError } from '../errors.ts';
import { normalizeActions } from '../elb/actions.ts';
import { normalizeConditions } from '../elb/routing.ts';
import type { HealthCheckSettings } from '../elb/health.ts';
import {
  targetKey,
  type ElbState,
  type ListenerState,
  type LoadBalancerState,
  type RuleState,
  type TargetGroupState,
} from '../elb/state.ts';
import { list, num, obj, str } from '../params.ts';
import type { Operations } from './types.ts';

const VPC_ID = 'vpc-0a1b2c3d4e5f60001';
const ZONES = [
  { ZoneName: 'us-east-1a', SubnetId: 'subnet-0a1b2c3d4e5f60001' },
  { ZoneName: 'us-east-1b', SubnetId: 'subnet-0a1b2c3d4e5f60002' },
];

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

/** Elastic Load Balancing v2 (awsQuery, version 2015-12-01). */
export function elbv2Operations(deps: { elb: ElbState; healthCheck: HealthCheckSettings }): Operations {
  const { elb, healthCheck } = deps;
  const exists = (arn: string): boolean => elb.targetGroups.has(arn);

  const lbView = (lb: LoadBalancerState): LoadBalancer => ({
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: 'internet-facing',
    VpcId: VPC_ID,
    State: { Code: 'active' },
    Type: 'application',
    AvailabilityZones: ZONES,
    SecurityGroups: ['sg-0a1b2c3d4e5f60002'],
    IpAddressType: 'ipv4',
  });

  const listenerView = (l: ListenerState, actions = elb.visibleActions(l.defaultActions)): Listener => ({
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: 'HTTP',
    DefaultActions: actions,
  });

  const ruleView = (r: RuleState, actions = elb.visibleActions(r.actions)): Rule => ({
    RuleArn: r.arn,
    Priority: String(r.priority),
    Conditions: r.conditions,
    Actions: actions,
    IsDefault: false,
  });

  const defaultRuleView = (l: ListenerState): Rule => ({
    RuleArn: l.defaultRuleArn,
    Priority: 'default',
    Conditions: [],
    Actions: elb.visibleActions(l.defaultActions),
    IsDefault: true,
  });

  const tgView = (tg: TargetGroupState): TargetGroup => ({
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: 'HTTP',
    Port: tg.port,
    VpcId: VPC_ID,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: seconds(healthCheck.intervalMs),
    HealthCheckTimeoutSeconds: seconds(healthCheck.timeoutMs),
    HealthyThresholdCount: healthCheck.healthyThreshold,
    UnhealthyThresholdCount: healthCheck.unhealthyThreshold,
    HealthCheckPath: healthCheck.path,
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: elb.loadBalancerArnsOf(tg.arn),
    TargetType: 'ip',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  });

  const targetGroup = (arn: string | undefined): TargetGroupState => {
    const tg = arn ? elb.targetGroups.get(arn) : undefined;
    if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn ?? ''}' not found`);
    return tg;
  };

  const listener = (arn: string | undefined): ListenerState => {
    const found = arn ? elb.listeners.get(arn) : undefined;
    if (!found) throw new AwsError('ListenerNotFound', 'One or more listeners not found');
    return found;
  };

  const targets = (input: unknown, tg: TargetGroupState): Array<{ id: string; port: number }> =>
    list(input).map((raw) => {
      const t = obj(raw) ?? {};
      const id = str(t.Id);
      if (!id) throw new AwsError('ValidationError', 'Target Id is required.');
      return { id, port: num(t.Port) ?? tg.port };
    });

  return {
    DescribeLoadBalancers(input: DescribeLoadBalancersInput) {
      const arns = list<string>(input.LoadBalancerArns);
      const names = list<string>(input.Names);
      const all = [...elb.loadBalancers.values()];
      const lookup = (match: (lb: LoadBalancerState) => boolean): LoadBalancerState => {
        const lb = all.find(match);
        if (!lb) throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
        return lb;
      };
      let found = all;
      if (arns.length > 0) found = arns.map((arn) => lookup((lb) => lb.arn === arn));
      else if (names.length > 0) found = names.map((name) => lookup((lb) => lb.name === name));
      return { LoadBalancers: found.map(lbView) };
    },

    DescribeListeners(input: DescribeListenersInput) {
      const arns = list<string>(input.ListenerArns);
      const lbArn = str(input.LoadBalancerArn);
      if (arns.length > 0) return { Listeners: arns.map((arn) => listenerView(listener(arn))) };
      if (!lbArn) throw new AwsError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      if (!elb.loadBalancers.has(lbArn)) throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
      return { Listeners: [...elb.listeners.values()].filter((l) => l.loadBalancerArn === lbArn).map((l) => listenerView(l)) };
    },

    DescribeRules(input: DescribeRulesInput) {
      const arns = list<string>(input.RuleArns);
      if (arns.length > 0) {
        return {
          Rules: arns.map((arn) => {
            const rule = elb.rules.get(arn);
            if (rule) return ruleView(rule);
            const owner = [...elb.listeners.values()].find((l) => l.defaultRuleArn === arn);
            if (owner) return defaultRuleView(owner);
            throw new AwsError('RuleNotFound', 'One or more rules not found');
          }),
        };
      }
      const listenerArn = str(input.ListenerArn);
      if (!listenerArn) throw new AwsError('ValidationError', 'You must specify either listener rule ARNs or a listener ARN');
      const l = listener(listenerArn);
      return { Rules: [...elb.rulesOf(l.arn).map((r) => ruleView(r)), defaultRuleView(l)] };
    },

    ModifyListener(input: ModifyListenerInput) {
      const l = listener(str(input.ListenerArn));
      if (input.DefaultActions !== undefined) {
        const actions = normalizeActions(input.DefaultActions, exists);
        elb.writeActions(l.defaultActions, actions);
      }
      // The response reflects the write; Describe calls may lag behind it.
      return { Listeners: [listenerView(l, l.defaultActions.current)] };
    },

    ModifyRule(input: ModifyRuleInput) {
      const arn = str(input.RuleArn);
      const rule = arn ? elb.rules.get(arn) : undefined;
      if (!rule) {
        if ([...elb.listeners.values()].some((l) => l.defaultRuleArn === arn)) {
          throw new AwsError(
            'OperationNotPermitted',
            'The default rule cannot be modified; use ModifyListener to change the default actions',
          );
        }
        throw new AwsError('RuleNotFound', 'One or more rules not found');
      }
      if (input.Actions !== undefined) elb.writeActions(rule.actions, normalizeActions(input.Actions, exists));
      if (input.Conditions !== undefined) rule.conditions = normalizeConditions(input.Conditions);
      return { Rules: [ruleView(rule, rule.actions.current)] };
    },

    DescribeTargetGroups(input: DescribeTargetGroupsInput) {
      const arns = list<string>(input.TargetGroupArns);
      const names = list<string>(input.Names);
      const lbArn = str(input.LoadBalancerArn);
      const all = [...elb.targetGroups.values()];
      if (arns.length > 0) return { TargetGroups: arns.map((arn) => tgView(targetGroup(arn))) };
      if (names.length > 0) {
        return {
          TargetGroups: names.map((name) => {
            const tg = all.find((t) => t.name === name);
            if (!tg) throw new AwsError('TargetGroupNotFound', `One or more target groups not found`);
            return tgView(tg);
          }),
        };
      }
      if (lbArn && !elb.loadBalancers.has(lbArn)) throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
      return { TargetGroups: all.filter((tg) => !lbArn || elb.loadBalancerArnsOf(tg.arn).includes(lbArn)).map(tgView) };
    },

    DescribeTargetGroupAttributes(input: DescribeTargetGroupAttributesInput) {
      targetGroup(str(input.TargetGroupArn));
      return {
        Attributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: String(Math.round(elb.deregistrationDelayMs / 1000)) },
          { Key: 'stickiness.enabled', Value: 'false' },
          { Key: 'stickiness.type', Value: 'lb_cookie' },
          { Key: 'load_balancing.algorithm.type', Value: 'round_robin' },
          { Key: 'slow_start.duration_seconds', Value: '0' },
        ],
      };
    },

    DescribeTargetHealth(input: DescribeTargetHealthInput) {
      const tg = targetGroup(str(input.TargetGroupArn));
      const describe = (id: string, port: number): TargetHealthDescription => {
        const t = tg.targets.get(targetKey(id, port));
        return {
          Target: { Id: id, Port: port, AvailabilityZone: 'us-east-1a' },
          HealthCheckPort: String(port),
          TargetHealth: t
            ? { State: t.state, Reason: t.reason as never, Description: t.description }
            : { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
        };
      };
      const wanted = input.Targets === undefined ? undefined : targets(input.Targets, tg);
      const descriptions = wanted ? wanted.map((t) => describe(t.id, t.port)) : [...tg.targets.values()].map((t) => describe(t.id, t.port));
      return { TargetHealthDescriptions: descriptions };
    },

    RegisterTargets(input: RegisterTargetsInput) {
      const tg = targetGroup(str(input.TargetGroupArn));
      const wanted = targets(input.Targets, tg);
      for (const t of wanted) {
        // The sandbox must never send traffic or health checks off the machine.
        if (!/^127\.\d+\.\d+\.\d+$/.test(t.id)) {
          throw new AwsError('InvalidTarget', `The sandbox only accepts loopback targets (127.0.0.0/8); got ${t.id}`);
        }
      }
      for (const t of wanted) elb.registerTarget(tg, t.id, t.port);
      return {};
    },

    DeregisterTargets(input: DeregisterTargetsInput) {
      const tg = targetGroup(str(input.TargetGroupArn));
      const wanted = targets(input.Targets, tg);
      const missing = wanted.filter((t) => !tg.targets.has(targetKey(t.id, t.port)));
      if (missing.length > 0) {
        throw new AwsError(
          'InvalidTarget',
          `The following targets are not registered in target group '${tg.arn}': ${missing.map((t) => `'${t.id}:${t.port}'`).join(', ')}`,
        );
      }
      for (const t of wanted) elb.deregisterTarget(tg, t.id, t.port);
      return {};
    },

    DescribeTags(input: DescribeTagsInput) {
      return { TagDescriptions: list<string>(input.ResourceArns).map((arn) => ({ ResourceArn: arn, Tags: [] })) };
    },
  };
}
