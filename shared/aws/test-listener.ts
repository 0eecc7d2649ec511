import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ModifyListenerCommand,
  type Action,
  type ElasticLoadBalancingV2Client,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeployError } from '../errors.ts';
import type { ListenerRoute, TestListener } from '../engine/two-color/ports.ts';
import { DEFAULT_ACTION } from '../engine/two-color/test-listener-guard.ts';
import type { TargetGroupWeights } from '../engine/ports.ts';
import { call } from './call.ts';

/**
 * The listener a smoke step tests the idle color through, before any user traffic. Its
 * default action may start as anything (a fixed 503 response, say): writing weights makes its
 * final action a forward to those target groups, keeping authenticate actions before it.
 */
export class AlbTestListener implements TestListener {
  readonly target: string;
  private readonly elb: ElasticLoadBalancingV2Client;

  constructor(elb: ElasticLoadBalancingV2Client, listenerArn: string) {
    this.elb = elb;
    this.target = listenerArn;
  }

  async readWeights(): Promise<TargetGroupWeights> {
    const forward = (await this.listener()).DefaultActions?.find((a) => a.Type === 'forward');
    return forward ? forwardWeights(forward) : {};
  }

  async writeWeights(weights: TargetGroupWeights): Promise<void> {
    const actions = (await this.listener()).DefaultActions ?? [];
    // Authentication runs before the final action; everything else is replaced by the forward.
    const kept = actions.filter((a) => a.Type?.startsWith('authenticate-'));
    const forward: Action = {
      Type: 'forward',
      Order: Math.max(0, ...kept.map((a) => a.Order ?? 0)) + 1,
      ForwardConfig: { TargetGroups: Object.entries(weights).map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })) },
    };
    await call('elasticloadbalancing:ModifyListener', () =>
      this.elb.send(new ModifyListenerCommand({ ListenerArn: this.target, DefaultActions: [...kept, forward] })),
    );
  }

  /** Where the listener sends requests: every rule's forward, the default one included (DescribeRules lists it). */
  async routes(): Promise<ListenerRoute[]> {
    const routes: ListenerRoute[] = [];
    let marker: string | undefined;
    do {
      const out = await call('elasticloadbalancing:DescribeRules', () =>
        this.elb.send(new DescribeRulesCommand({ ListenerArn: this.target, Marker: marker })),
      );
      for (const rule of out.Rules ?? []) {
        const forward = rule.Actions?.find((a) => a.Type === 'forward');
        if (forward) routes.push({ where: rule.IsDefault ? DEFAULT_ACTION : `rule ${rule.RuleArn}`, weights: forwardWeights(forward) });
      }
      marker = out.NextMarker;
    } while (marker);
    return routes;
  }

  /** `http://<load balancer DNS name>:<port>` (https for an HTTPS listener). */
  async url(): Promise<string> {
    const listener = await this.listener();
    const out = await call('elasticloadbalancing:DescribeLoadBalancers', () =>
      this.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [listener.LoadBalancerArn!] })),
    );
    const dns = out.LoadBalancers?.[0]?.DNSName;
    if (!dns) throw new DeployError(`The load balancer of test listener ${this.target} has no DNS name`);
    const scheme = listener.Protocol === 'HTTPS' ? 'https' : 'http';
    return `${scheme}://${dns}:${listener.Port}`;
  }

  private async listener(): Promise<Listener> {
    const out = await call('elasticloadbalancing:DescribeListeners', () =>
      this.elb.send(new DescribeListenersCommand({ ListenerArns: [this.target] })),
    );
    const listener = out.Listeners?.[0];
    if (!listener) throw new DeployError(`Test listener ${this.target} not found`, { fix: 'Check test-listener-arn and the region.' });
    return listener;
  }
}

function forwardWeights(forward: Action): TargetGroupWeights {
  const groups = forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn }] : []);
  return Object.fromEntries(groups.map((g) => [g.TargetGroupArn!, g.Weight ?? (groups.length === 1 ? 100 : 0)]));
}
