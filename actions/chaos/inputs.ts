import { InputError } from '../../shared/errors.ts';
import { arn, boolean, duration, list, number, oneOf, optional, required, text } from '../../shared/inputs/fields.ts';
import { awsInputs, checkTopology } from '../../shared/inputs/common.ts';
import { roleInputs } from '../../shared/inputs/role.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { resolveRegion } from '../../shared/aws/clients.ts';
import type { ChaosPlan } from '../../shared/engine/chaos/chaos.ts';
import { notifyInputs } from '../../shared/notify/inputs.ts';

const CLUSTER = /^[A-Za-z0-9_-]{1,255}$|^arn:aws[a-z-]*:ecs:/;
const SERVICE = /^[A-Za-z0-9_-]{1,255}$|^arn:aws[a-z-]*:ecs:/;
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';

export const chaosInputSpec = {
  ...notifyInputs,
  ...awsInputs,
  ...roleInputs,
  cluster: required(text(CLUSTER, 'expected a cluster name or ARN'), 'the ECS cluster name'),
  'allowed-clusters': required(
    list((name, ctx) => {
      if (!CLUSTER.test(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a cluster name or ARN` });
      return name;
    }),
    'the clusters where faults may be injected, e.g. staging',
  ),
  experiment: optional(oneOf(['stop-tasks', 'drain-targets'] as const), 'stop-tasks'),
  service: optional(text(SERVICE, 'expected an ECS service name')),
  'blue-service': optional(text(SERVICE, 'expected an ECS service name')),
  'green-service': optional(text(SERVICE, 'expected an ECS service name')),
  'listener-arn': optional(arn('elasticloadbalancing', 'listener/', LISTENER)),
  'listener-rule-arn': optional(arn('elasticloadbalancing', 'listener-rule/', RULE)),
  count: optional(number({ min: 1, max: 10_000, integer: true })),
  percent: optional(number({ min: 1, max: 100, unit: '%' })),
  'max-percent': optional(number({ min: 1, max: 100, unit: '%' }), '34'),
  alarms: optional(list((name) => name)),
  'dry-run': optional(boolean(), 'false'),
  'hold-time': optional(duration({ min: 1_000, max: 3_600_000 }), '1m'),
  'recovery-timeout': optional(duration({ min: 10_000, max: 6 * 3_600_000 }), '10m'),
  'poll-interval': optional(duration({ min: 1_000, max: 600_000 }), '10s'),
};

export function parseChaosInputs(source: InputSource, env = process.env) {
  const values = readInputs(chaosInputSpec, source);
  if (values['allowed-clusters'].length === 0) throw new InputError('allowed-clusters', 'is required: give at least one cluster name');
  const colors = values['blue-service'] || values['green-service'] || values['listener-arn'] || values['listener-rule-arn'];
  if (values.service && colors)
    throw new InputError('service', 'give either service, or blue-service + green-service + listener-arn, not both');
  if (!values.service && !colors)
    throw new InputError('service', 'is required: name the service to hit (or give blue-service, green-service and listener-arn)');
  if (colors && (!values['blue-service'] || !values['green-service']))
    throw new InputError(values['blue-service'] ? 'green-service' : 'blue-service', 'is required with a listener: give both colors');
  const router = colors
    ? checkTopology({ ...values, 'blue-service': values['blue-service']!, 'green-service': values['green-service']! })
    : undefined;
  if (values.count !== undefined && values.percent !== undefined) throw new InputError('percent', 'give count or percent, not both');
  if (values['poll-interval'] > values['recovery-timeout'])
    throw new InputError('poll-interval', 'must not be longer than recovery-timeout');
  const region = resolveRegion(values['aws-region'], env);
  if (!region)
    throw new InputError('aws-region', 'is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)');
  return { ...values, region, router };
}

export type ChaosInputs = ReturnType<typeof parseChaosInputs>;

export function chaosPlan(inputs: ChaosInputs, reason: string): ChaosPlan {
  return {
    cluster: inputs.cluster,
    allowedClusters: inputs['allowed-clusters'],
    experiment: inputs.experiment,
    target: inputs.service ? { service: inputs.service } : { colors: { blue: inputs['blue-service']!, green: inputs['green-service']! } },
    amount: inputs.percent !== undefined ? { percent: inputs.percent } : { count: inputs.count ?? 1 },
    maxPercent: inputs['max-percent'],
    alarms: inputs.alarms ?? [],
    dryRun: inputs['dry-run'],
    holdMs: inputs['hold-time'],
    recoveryTimeoutMs: inputs['recovery-timeout'],
    pollMs: inputs['poll-interval'],
    reason,
  };
}
