import { DeployError } from '../errors.ts';
import { COLORS, otherColor, type Color, type Fleet, type ServiceState, type TargetGroupWeights, type TrafficRouter } from './ports.ts';

/** The two colors as AWS has them now: services, their target groups, and the weights. */
export interface Topology {
  services: Record<Color, ServiceState>;
  targetGroups: Record<Color, string>;
  weights: Record<Color, number>;
  /** The color at 100 %, or undefined when traffic is split. */
  liveColor: Color | undefined;
}

export const formatWeights = (weights: Record<Color, number>): string => `blue=${weights.blue},green=${weights.green}`;

export function weightsFor(live: Color, liveWeight: number): Record<Color, number> {
  return { [live]: liveWeight, [otherColor(live)]: 100 - liveWeight } as Record<Color, number>;
}

export function toTargetGroupWeights(targetGroups: Record<Color, string>, weights: Record<Color, number>): TargetGroupWeights {
  return { [targetGroups.blue]: weights.blue, [targetGroups.green]: weights.green };
}

/**
 * Reads both services and the listener weights. AWS is the source of truth for which color
 * is live: no state file can go stale.
 */
export async function readTopology(fleet: Fleet, router: TrafficRouter, names: Record<Color, string>): Promise<Topology> {
  const found = await fleet.describeServices([names.blue, names.green]);
  const services = { blue: found.get(names.blue)!, green: found.get(names.green)! };
  const targetGroups = { blue: targetGroupOf(services.blue), green: targetGroupOf(services.green) };
  if (targetGroups.blue === targetGroups.green) {
    throw new DeployError(`Services ${names.blue} and ${names.green} use the same target group`, {
      why: targetGroups.blue,
      fix: 'Give each color its own target group; the listener shifts traffic between the two.',
    });
  }
  const weights = colorWeights(await router.readWeights(), targetGroups, router.target);
  const liveColor = COLORS.find((color) => weights[color] === 100);
  return { services, targetGroups, weights, liveColor };
}

function targetGroupOf(service: ServiceState): string {
  const [targetGroup, ...more] = service.targetGroupArns;
  if (!targetGroup || more.length > 0) {
    throw new DeployError(`Service ${service.name} must have exactly one target group (it has ${service.targetGroupArns.length})`, {
      fix: 'Attach one load balancer target group to each color service.',
    });
  }
  return targetGroup;
}

export function colorWeights(
  byTargetGroup: TargetGroupWeights,
  targetGroups: Record<Color, string>,
  listener: string,
): Record<Color, number> {
  const known = new Set(Object.values(targetGroups));
  const strangers = Object.entries(byTargetGroup).filter(([arn, weight]) => !known.has(arn) && weight > 0);
  if (strangers.length > 0) {
    throw new DeployError(`The listener sends traffic to a target group of neither color`, {
      why: [`listener: ${listener}`, ...strangers.map(([arn, weight]) => `${arn} has weight ${weight}`)],
      fix: 'Forward only to the blue and green target groups (or give the others weight 0).',
    });
  }
  const blue = byTargetGroup[targetGroups.blue] ?? 0;
  const green = byTargetGroup[targetGroups.green] ?? 0;
  if (blue + green === 0) {
    throw new DeployError('The listener forwards to neither color', {
      why: `listener: ${listener}`,
      fix: 'Point the forward action at the blue and green target groups, one of them with weight 100.',
    });
  }
  // ELB weights are relative; percentages are what people reason about.
  const bluePercent = Math.round((blue / (blue + green)) * 100);
  return { blue: bluePercent, green: 100 - bluePercent };
}
