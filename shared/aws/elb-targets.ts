import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  type ElasticLoadBalancingV2Client,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Target, TargetControl, TargetRef } from '../engine/chaos/ports.ts';
import type { TargetHealth } from '../engine/ports.ts';
import { call } from './call.ts';

const description = (target: TargetRef): TargetDescription => ({
  Id: target.id,
  Port: target.port,
  AvailabilityZone: target.availabilityZone,
});

/**
 * The targets of a target group: their health as a count (deploys, rollback, preflight), and
 * each target as the chaos experiments read and move them. No listener involved.
 */
export class ElbTargets implements TargetControl {
  private readonly elb: ElasticLoadBalancingV2Client;

  constructor(elb: ElasticLoadBalancingV2Client) {
    this.elb = elb;
  }

  async targets(targetGroupArn: string): Promise<Target[]> {
    const out = await call('elasticloadbalancing:DescribeTargetHealth', () =>
      this.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    );
    return (out.TargetHealthDescriptions ?? []).map((t) => ({
      id: t.Target?.Id ?? '',
      port: t.Target?.Port,
      availabilityZone: t.Target?.AvailabilityZone,
      state: t.TargetHealth?.State ?? 'unavailable',
      reason: t.TargetHealth?.Reason,
    }));
  }

  /** How many targets are healthy, and what ails the others. */
  async targetHealth(targetGroupArn: string): Promise<TargetHealth> {
    const targets = await this.targets(targetGroupArn);
    const problems = targets.filter((t) => t.state !== 'healthy').map((t) => `${t.id}:${t.port} ${t.state} (${t.reason ?? 'no reason'})`);
    return { healthy: targets.length - problems.length, total: targets.length, problems };
  }

  async deregister(targetGroupArn: string, targets: TargetRef[]): Promise<void> {
    await call('elasticloadbalancing:DeregisterTargets', () =>
      this.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })),
    );
  }

  async register(targetGroupArn: string, targets: TargetRef[]): Promise<void> {
    await call('elasticloadbalancing:RegisterTargets', () =>
      this.elb.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets.map(description) })),
    );
  }
}
