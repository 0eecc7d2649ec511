import { InputError } from '../errors.ts';
import { quoteInput } from '../github/untrusted.ts';
import { arn, PARTITION, text } from './fields.ts';

/**
 * Input rules every AWS-calling action shares: the region, names and ARNs. They live once
 * here so an action's inputs.ts only says which inputs it takes.
 */

/** ECS cluster and service names (or their ARNs). */
export const ECS_NAME = new RegExp(
  `^[A-Za-z0-9_-]{1,255}$|^arn:${PARTITION}:ecs:[a-z0-9-]+:\\d{12}:(?:cluster|service)/[A-Za-z0-9_/-]{1,511}$`,
);

/** An existing task definition revision: `family:revision` or its ARN. */
export const REVISION =
  /^arn:(?:aws|aws-cn|aws-us-gov):ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+:\d+$|^[A-Za-z0-9_-]{1,255}:\d+$/;

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';

export const clusterName = () => text(ECS_NAME, 'expected a cluster name or ARN');
export const serviceName = () => text(ECS_NAME, 'expected an ECS service name');
export const listenerArn = () => arn('elasticloadbalancing', 'listener/', LISTENER);
export const listenerRuleArn = () => arn('elasticloadbalancing', 'listener-rule/', RULE);

/** The region from the input, else the environment configure-aws-credentials sets. */
export function resolveRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return input || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** The region the run uses; a missing one is an input error naming the fix. Given the inputs, their ARNs must match it. */
export function requireRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env, values?: Record<string, unknown>): string {
  const region = resolveRegion(input, env);
  if (!region)
    throw new InputError('aws-region', 'is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)');
  if (values) checkArnRegions(values, region);
  return region;
}

/** The partition a region belongs to: cn-north-1 → aws-cn, us-gov-west-1 → aws-us-gov, else aws. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Every ARN among the inputs must be of the run's partition and (when the ARN has a region)
 * of the run's region: a listener in eu-west-1 cannot be reached from a us-east-1 run, and
 * an aws-cn ARN never exists in the aws partition. Checked once the region is known, before
 * any AWS call; lists (allowed-clusters) are checked item by item.
 */
export function checkArnRegions(values: Record<string, unknown>, region: string): void {
  const partition = partitionOf(region);
  for (const [input, value] of Object.entries(values)) {
    for (const item of [value].flat()) {
      if (typeof item !== 'string' || !item.startsWith('arn:')) continue;
      const [, itemPartition, , itemRegion] = item.split(':');
      if (itemPartition !== partition)
        throw new InputError(input, `${quoteInput(item)} is in partition ${itemPartition}, but aws-region ${region} is in ${partition}`);
      if (itemRegion && itemRegion !== region)
        throw new InputError(input, `${quoteInput(item)} is in region ${itemRegion}, but the run uses aws-region ${region}`);
    }
  }
}
