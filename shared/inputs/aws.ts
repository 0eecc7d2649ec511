import { InputError } from '../errors.ts';
import { arn, text } from './fields.ts';

/**
 * Input rules every AWS-calling action shares: the region, names and ARNs. They live once
 * here so an action's inputs.ts only says which inputs it takes.
 */

/** ECS cluster and service names (or their ARNs). */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$|^arn:aws[a-z-]*:ecs:/;

/** An existing task definition revision: `family:revision` or its ARN. */
export const REVISION = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]+:\d+$|^[A-Za-z0-9_-]{1,255}:\d+$/;

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

/** The region the run uses; a missing one is an input error naming the fix. */
export function requireRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const region = resolveRegion(input, env);
  if (!region)
    throw new InputError('aws-region', 'is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)');
  return region;
}
