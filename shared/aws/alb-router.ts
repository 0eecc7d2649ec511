import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
  type Action,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeployError } from '../errors.ts';
import type { TargetGroupWeights, TargetHealth, TrafficRouter } from '../engine/ports.ts';
import { call } from './call.ts';
import { ElbTargets } from './elb-targets.ts';

/**
 * Weights live in the forward action of a listener's default actions or of one listener
 * rule. Writes replace only the target group weights: other actions (authenticate-oidc, …)
 * and the stickiness settings are sent back exactly as read.
 */
export class AlbRouter implements TrafficRouter {
  private readonly isRule: boolean;

  private readonly elb: ElasticLoadBalancingV2Client;
  readonly target: string;

  constructor(elb: ElasticLoadBalancingV2Client, target: string) {
    this.elb = elb;
    this.target = target;
    this.isRule = target.includes(':listener-rule/');
  }

  async readWeights(): Promise<TargetGroupWeights> {
    const forward = forwardAction(await this.readActions(), this.target);
    const groups =
      forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 100 }] : []);
    // A single target group without a weight gets all the traffic.
    return Object.fromEntries(groups.map((g) => [g.TargetGroupArn!, g.Weight ?? (groups.length === 1 ? 100 : 0)]));
  }

  async writeWeights(weights: TargetGroupWeights): Promise<void> {
    const actions = await this.readActions();
    const forward = forwardAction(actions, this.target);
    const rewritten = actions.map((action) =>
      action === forward
        ? {
            ...action,
            TargetGroupArn: undefined,
            ForwardConfig: {
              ...action.ForwardConfig,
              TargetGroups: Object.entries(weights).map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })),
            },
          }
        : action,
    );
    if (this.isRule) {
      await call('elasticloadbalancing:ModifyRule', () =>
        this.elb.send(new ModifyRuleCommand({ RuleArn: this.target, Actions: rewritten })),
      );
    } else {
      await call('elasticloadbalancing:ModifyListener', () =>
        this.elb.send(new ModifyListenerCommand({ ListenerArn: this.target, DefaultActions: rewritten })),
      );
    }
  }

  /** The weighted target groups' health (one adapter reads it: ElbTargets). */
  targetHealth(targetGroupArn: string): Promise<TargetHealth> {
    return new ElbTargets(this.elb).targetHealth(targetGroupArn);
  }

  private async readActions(): Promise<Action[]> {
    if (this.isRule) {
      const out = await call('elasticloadbalancing:DescribeRules', () =>
        this.elb.send(new DescribeRulesCommand({ RuleArns: [this.target] })),
      );
      return out.Rules?.[0]?.Actions ?? [];
    }
    const out = await call('elasticloadbalancing:DescribeListeners', () =>
      this.elb.send(new DescribeListenersCommand({ ListenerArns: [this.target] })),
    );
    return out.Listeners?.[0]?.DefaultActions ?? [];
  }
}

function forwardAction(actions: Action[], target: string): Action {
  const forward = actions.find((a) => a.Type === 'forward');
  if (!forward) {
    throw new DeployError(`${target} has no forward action`, {
      why: `actions: ${actions.map((a) => a.Type).join(', ') || 'none'}`,
      fix: 'Make the listener (or rule) forward to the blue and green target groups with weights.',
    });
  }
  return forward;
}
