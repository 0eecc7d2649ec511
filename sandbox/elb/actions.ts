import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsError } from '../errors.ts';
import { bool, list, num, obj, str } from '../params.ts';

export const MAX_WEIGHT = 999;
const MAX_TARGET_GROUPS_PER_ACTION = 5;
const MAX_STICKINESS_SECONDS = 604_800;

function invalid(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/**
 * Validates actions from the wire and returns them the way ELBv2 describes them
 * afterwards: a forward to one target group always carries both TargetGroupArn and a
 * ForwardConfig (weight 1, stickiness off); a weighted forward carries only the ForwardConfig.
 */
export function normalizeActions(input: unknown, targetGroupExists: (arn: string) => boolean): Action[] {
  const actions = list(input);
  if (actions.length === 0) throw invalid('At least one action must be specified.');
  return actions.map((raw, index) => {
    const action = obj(raw) ?? {};
    const type = str(action.Type);
    const order = num(action.Order);
    switch (type) {
      case 'forward':
        return { ...forward(action, targetGroupExists), ...(order === undefined ? {} : { Order: order }) };
      case 'fixed-response': {
        const config = obj(action.FixedResponseConfig);
        const statusCode = str(config?.StatusCode);
        if (!statusCode || !/^[2-5]\d\d$/.test(statusCode)) throw invalid('FixedResponseConfig.StatusCode must be 2XX, 4XX or 5XX.');
        return {
          Type: 'fixed-response',
          ...(order === undefined ? {} : { Order: order }),
          FixedResponseConfig: {
            StatusCode: statusCode,
            ContentType: str(config?.ContentType),
            MessageBody: str(config?.MessageBody),
          },
        };
      }
      case 'redirect': {
        const config = obj(action.RedirectConfig);
        const statusCode = str(config?.StatusCode);
        if (statusCode !== 'HTTP_301' && statusCode !== 'HTTP_302')
          throw invalid('RedirectConfig.StatusCode must be HTTP_301 or HTTP_302.');
        return {
          Type: 'redirect',
          ...(order === undefined ? {} : { Order: order }),
          RedirectConfig: {
            Protocol: str(config?.Protocol) ?? '#{protocol}',
            Port: str(config?.Port) ?? '#{port}',
            Host: str(config?.Host) ?? '#{host}',
            Path: str(config?.Path) ?? '/#{path}',
            Query: str(config?.Query) ?? '#{query}',
            StatusCode: statusCode,
          },
        };
      }
      case undefined:
        throw invalid(
          `1 validation error detected: Value null at 'actions.${index + 1}.member.type' failed to satisfy constraint: Member must not be null`,
        );
      default:
        throw new AwsError('InvalidLoadBalancerAction', `The action type '${type}' is not supported by the sandbox.`);
    }
  });
}

function forward(action: Record<string, unknown>, targetGroupExists: (arn: string) => boolean): Action {
  const single = str(action.TargetGroupArn);
  const config = obj(action.ForwardConfig);
  const tuples = list(config?.TargetGroups).map((raw) => {
    const tuple = obj(raw) ?? {};
    const arn = str(tuple.TargetGroupArn);
    if (!arn) throw invalid('ForwardConfig.TargetGroups[].TargetGroupArn is required.');
    const weight = num(tuple.Weight) ?? 1;
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
      throw invalid(`Weight must be an integer between 0 and ${MAX_WEIGHT}; got ${String(tuple.Weight)}.`);
    }
    return { TargetGroupArn: arn, Weight: weight };
  });
  if (!single && tuples.length === 0) throw invalid('A forward action requires TargetGroupArn or ForwardConfig.TargetGroups.');
  if (single && tuples.length > 0 && (tuples.length !== 1 || tuples[0]?.TargetGroupArn !== single)) {
    throw invalid('If you specify both ForwardConfig and TargetGroupArn, ForwardConfig must contain only that target group.');
  }
  if (tuples.length > MAX_TARGET_GROUPS_PER_ACTION) {
    throw invalid(`A forward action can have at most ${MAX_TARGET_GROUPS_PER_ACTION} target groups.`);
  }
  const groups = tuples.length > 0 ? tuples : [{ TargetGroupArn: single as string, Weight: 1 }];
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.TargetGroupArn)) throw invalid(`Target group '${g.TargetGroupArn}' is specified more than once.`);
    seen.add(g.TargetGroupArn);
    if (!targetGroupExists(g.TargetGroupArn)) {
      throw new AwsError('TargetGroupNotFound', `Target groups '${g.TargetGroupArn}' not found`);
    }
  }
  const stickiness = obj(config?.TargetGroupStickinessConfig);
  const enabled = bool(stickiness?.Enabled) ?? false;
  const duration = num(stickiness?.DurationSeconds);
  if (enabled && duration === undefined)
    throw invalid('TargetGroupStickinessConfig.DurationSeconds is required when stickiness is enabled.');
  if (duration !== undefined && (duration < 1 || duration > MAX_STICKINESS_SECONDS)) {
    throw invalid(`TargetGroupStickinessConfig.DurationSeconds must be between 1 and ${MAX_STICKINESS_SECONDS}.`);
  }
  return {
    Type: 'forward',
    ...(groups.length === 1 ? { TargetGroupArn: groups[0]?.TargetGroupArn } : {}),
    ForwardConfig: {
      TargetGroups: groups,
      TargetGroupStickinessConfig: duration === undefined ? { Enabled: enabled } : { Enabled: enabled, DurationSeconds: duration },
    },
  };
}

/** The weighted target groups an action forwards to ([] for non-forward actions). */
/** A weighted forward to target groups (stickiness off), validated and described as ELBv2 does. */
export function weightedForward(targets: Array<[{ arn: string }, number]>, targetGroupExists: (arn: string) => boolean): Action[] {
  const TargetGroups = targets.map(([group, weight]) => ({ TargetGroupArn: group.arn, Weight: weight }));
  return normalizeActions(
    [{ Type: 'forward', ForwardConfig: { TargetGroups, TargetGroupStickinessConfig: { Enabled: false } } }],
    targetGroupExists,
  );
}

export function forwardTargets(action: Action | undefined): Array<{ arn: string; weight: number }> {
  if (!action || action.Type !== 'forward') return [];
  const groups = action.ForwardConfig?.TargetGroups;
  if (groups && groups.length > 0) {
    return groups.flatMap((g) => (g.TargetGroupArn ? [{ arn: g.TargetGroupArn, weight: g.Weight ?? 1 }] : []));
  }
  return action.TargetGroupArn ? [{ arn: action.TargetGroupArn, weight: 1 }] : [];
}

/** The action that ends request processing: the last by Order. */
export function terminalAction(actions: Action[]): Action | undefined {
  const sorted = [...actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
  return sorted[sorted.length - 1];
}
