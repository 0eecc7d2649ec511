import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  type ElasticLoadBalancingV2Client,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Target, TargetControl, TargetRef } from '../engine/chaos/ports.ts';
import { call } from './call.ts';

const description = (target: TargetRef): TargetDescription => ({
  Id: target.id,
  Port: target.port,
  AvailabilityZone: target.availabilityZone,
});

/** The targets of a target group, as the chaos experiments read and move them. */
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
