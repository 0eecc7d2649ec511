import { InputError } from '../../shared/errors.ts';
import { duration, field, optional, required, text } from '../../shared/inputs/fields.ts';
import { awsInputs, checkPollWithinBake, checkTopology, gateInputs, hasTrafficGates, timingInputs } from '../../shared/inputs/common.ts';
import { roleInputs } from '../../shared/inputs/role.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { clusterName, listenerArn, listenerRuleArn, requireRegion, REVISION, serviceName } from '../../shared/inputs/aws.ts';
import type { RollbackTarget } from '../../shared/engine/rollback-target.ts';
import { recordInputs } from '../../shared/inputs/record.ts';
import { checkNotify, notifyInputs } from '../../shared/notify/inputs.ts';

const service = () => optional(serviceName());

export const rollbackInputSpec = {
  ...awsInputs,
  ...notifyInputs,
  ...roleInputs,
  ...gateInputs,
  ...recordInputs,
  cluster: required(clusterName(), 'the ECS cluster name'),
  'blue-service': service(),
  'green-service': service(),
  'listener-arn': optional(listenerArn()),
  'listener-rule-arn': optional(listenerRuleArn()),
  service: service(),
  to: optional(
    text(
      new RegExp(`^(previous|last-successful)$|${REVISION.source}`),
      'use previous, last-successful, or a task definition like my-app:41 or its ARN',
    ),
    'previous',
  ),
  reason: optional(
    field((value, ctx) => {
      const line = value.replace(/\s+/g, ' ');
      if (line.length > 500) ctx.addIssue({ code: 'custom', message: `is ${line.length} characters long: keep it under 500` });
      return line;
    }),
  ),
  'bake-time': optional(duration({ max: 24 * 3_600_000 }), '0s'),
  'poll-interval': timingInputs['poll-interval'],
  'wait-timeout': timingInputs['wait-timeout'],
  'inconclusive-timeout': timingInputs['inconclusive-timeout'],
};

type Values = ReturnType<typeof readInputs<typeof rollbackInputSpec>>;

export function parseRollbackInputs(source: InputSource, env = process.env) {
  const values = readInputs(rollbackInputSpec, source);
  checkNotify(values);
  const mode = checkMode(values);
  const to = target(values);
  checkPollWithinBake(values['poll-interval'], values['bake-time']);
  const region = requireRegion(values['aws-region'], env, values);
  return { ...values, mode, to, region };
}

export type RollbackInputs = ReturnType<typeof parseRollbackInputs>;

function checkMode(values: Values) {
  if (values.service) {
    for (const name of ['blue-service', 'green-service', 'listener-arn', 'listener-rule-arn'] as const) {
      if (values[name]) throw new InputError(name, 'does not go with service: give service (one ECS service) or the two colors, not both');
    }
    if (hasTrafficGates(values) || values['bake-time'] > 0)
      throw new InputError(
        values['bake-time'] > 0 ? 'bake-time' : 'alarms',
        'gates need the two-color mode: a single service has no traffic to gate',
      );
    return { kind: 'service' as const, service: values.service };
  }
  if (!values['blue-service'] && !values['green-service'])
    throw new InputError('service', 'is required: give service (one ECS service), or blue-service, green-service and a listener');
  if (!values['blue-service']) throw new InputError('blue-service', 'is required with green-service');
  if (!values['green-service']) throw new InputError('green-service', 'is required with blue-service');
  const router = checkTopology({ ...values, 'blue-service': values['blue-service'], 'green-service': values['green-service'] });
  return { kind: 'colors' as const, services: { blue: values['blue-service'], green: values['green-service'] }, router };
}

function target(values: Values): RollbackTarget {
  if (values.to === 'previous') return { kind: 'previous' };
  if (values.to === 'last-successful') {
    if (!values.environment)
      throw new InputError('environment', 'is required with to: last-successful (the record of that environment is read)');
    return { kind: 'last-successful', environment: values.environment };
  }
  return { kind: 'task-definition', reference: values.to };
}
