import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { alarmList, boolean, duration, list, number, oneOf, optional, required } from '../../shared/inputs/fields.ts';
import { awsInputs, checkTopology } from '../../shared/inputs/common.ts';
import { roleInputs } from '../../shared/inputs/role.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { ECS_NAME, clusterName, listenerArn, listenerRuleArn, requireRegion, serviceName } from '../../shared/inputs/aws.ts';
import type { ChaosPlan } from '../../shared/engine/chaos/chaos.ts';
import { checkNotify, notifyInputs } from '../../shared/notify/inputs.ts';

const CLUSTER = ECS_NAME;

export const chaosInputSpec = {
  ...awsInputs,
  ...notifyInputs,
  ...roleInputs,
  cluster: required(clusterName(), 'the ECS cluster name'),
  'allowed-clusters': required(
    list((name, ctx) => {
      if (!CLUSTER.test(name)) ctx.addIssue({ code: 'custom', message: `${quoteInput(name)} is not a cluster name or ARN` });
      return name;
    }),
    'the clusters where faults may be injected, e.g. staging',
  ),
  experiment: optional(oneOf(['stop-tasks', 'drain-targets'] as const), 'stop-tasks'),
  service: optional(serviceName()),
  'blue-service': optional(serviceName()),
  'green-service': optional(serviceName()),
  'listener-arn': optional(listenerArn()),
  'listener-rule-arn': optional(listenerRuleArn()),
  count: optional(number({ min: 1, max: 10_000, integer: true })),
  percent: optional(number({ min: 1, max: 100, unit: '%' })),
  'max-percent': optional(number({ min: 1, max: 100, unit: '%' }), '34'),
  alarms: optional(alarmList()),
  'dry-run': optional(boolean(), 'false'),
  'hold-time': optional(duration({ min: 1_000, max: 3_600_000 }), '1m'),
  'recovery-timeout': optional(duration({ min: 10_000, max: 6 * 3_600_000 }), '10m'),
  'poll-interval': optional(duration({ min: 1_000, max: 600_000 }), '10s'),
};

export function parseChaosInputs(source: InputSource, env = process.env) {
  const values = readInputs(chaosInputSpec, source);
  checkNotify(values);
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
  if (values.percent !== undefined && values.percent > values['max-percent'])
    throw new InputError('percent', `${values.percent}% is over max-percent (${values['max-percent']}%): lower it, or raise max-percent`);
  if (values['poll-interval'] > values['recovery-timeout'])
    throw new InputError('poll-interval', 'must not be longer than recovery-timeout');
  const region = requireRegion(values['aws-region'], env, values);
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
