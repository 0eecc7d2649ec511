import { InputError } from '../errors.ts';
import { clusterName, listenerArn, listenerRuleArn, serviceName } from './aws.ts';
import { AWS_REGION, alarmList, boolean, duration, number, optional, percent, required, text } from './fields.ts';

/** Inputs every AWS-calling action takes. */
export const awsInputs = {
  'aws-region': optional(text(AWS_REGION, 'expected a region like us-east-1 (or leave it empty to use AWS_REGION)')),
  'max-retries': optional(number({ min: 0, max: 20, integer: true }), '6'),
};

/** The two-color topology shared by canary, blue-green and rollback. */
export const topologyInputs = {
  cluster: required(clusterName(), 'the ECS cluster name'),
  'blue-service': required(serviceName(), 'the ECS service of the blue color'),
  'green-service': required(serviceName(), 'the ECS service of the green color'),
  'listener-arn': optional(listenerArn()),
  'listener-rule-arn': optional(listenerRuleArn()),
  takeover: optional(boolean(), 'false'),
};

const IMAGE = /^[a-z0-9][a-z0-9._\-/:@]*$/i;

/** The image one container of `task-definition` gets before it is registered (both or neither). */
export const imageInputs = {
  'container-name': optional(text(/^[A-Za-z0-9_-]{1,255}$/, 'expected a container name from the task definition')),
  image: optional(text(IMAGE, 'expected an image reference like 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2')),
};

/** Gates evaluated while traffic is on the new color. */
export const gateInputs = {
  alarms: optional(alarmList()),
  'max-5xx-rate': optional(percent()),
  'max-p95-latency': optional(duration({ min: 1, max: 3_600_000 })),
  'min-requests': optional(number({ min: 0, max: 1_000_000, integer: true }), '20'),
  'metric-period': optional(duration({ min: 1_000, max: 3_600_000 }), '1m'),
};

export interface GateValues {
  alarms?: string[];
  'max-5xx-rate'?: number;
  'max-p95-latency'?: number;
  'min-requests': number;
  'metric-period': number;
  /** Canary and blue-green only (see shared/inputs/gates.ts); defaults apply elsewhere. */
  'metric-delay'?: number;
  'compare-with-baseline'?: boolean;
  'max-5xx-rate-increase'?: number;
  'max-p95-latency-increase'?: number;
  confidence?: number;
  'gates-dry-run'?: boolean;
}

export const metricGateAsked = (values: GateValues): boolean =>
  values['max-5xx-rate'] !== undefined ||
  values['max-p95-latency'] !== undefined ||
  values['max-5xx-rate-increase'] !== undefined ||
  values['max-p95-latency-increase'] !== undefined;

export const hasTrafficGates = (values: GateValues): boolean => Boolean(values.alarms?.length) || metricGateAsked(values);

export const timingInputs = {
  'bake-time': optional(duration({ max: 24 * 3_600_000 }), '5m'),
  'poll-interval': optional(duration({ min: 1_000, max: 600_000 }), '15s'),
  'wait-timeout': optional(duration({ min: 10_000, max: 6 * 3_600_000 }), '30m'),
  'inconclusive-timeout': optional(duration({ max: 24 * 3_600_000 })),
};

export interface TopologyValues {
  cluster: string;
  'blue-service': string;
  'green-service': string;
  'listener-arn'?: string;
  'listener-rule-arn'?: string;
}

/** Checks that span inputs; each names the inputs involved. */
export function checkTopology(values: TopologyValues): { kind: 'listener' | 'rule'; arn: string } {
  if (values['blue-service'] === values['green-service']) {
    throw new InputError('green-service', 'must differ from blue-service: the two colors take turns being live');
  }
  const listener = values['listener-arn'];
  const rule = values['listener-rule-arn'];
  if (listener && rule) throw new InputError('listener-rule-arn', 'give either listener-arn or listener-rule-arn, not both');
  if (!listener && !rule)
    throw new InputError('listener-arn', 'is required: give listener-arn (the default action) or listener-rule-arn (a rule)');
  return listener ? { kind: 'listener', arn: listener } : { kind: 'rule', arn: rule! };
}

export function checkPollWithinBake(poll: number, bake: number): void {
  if (bake > 0 && poll > bake)
    throw new InputError('poll-interval', `must not be longer than bake-time (${bake / 1000}s): gates are checked every poll`);
}
