import { parse } from 'yaml';
import type { CapacityProviderItem } from '../../shared/engine/run-task/ports.ts';
import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { requireRegion } from '../../shared/inputs/aws.ts';
import { awsInputs } from '../../shared/inputs/common.ts';
import {
  boolean,
  duration,
  field,
  invalid as issue,
  list,
  number,
  oneOf,
  optional,
  required,
  text,
  type FieldContext,
} from '../../shared/inputs/fields.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { taskDefinitionSource } from '../../shared/inputs/task-definition.ts';
import { checkNotify, notifyInputs } from '../../shared/notify/inputs.ts';

const NAME = /^[A-Za-z0-9_-]{1,255}$|^arn:aws[a-z-]*:ecs:/;
const CONTAINER = /^[A-Za-z0-9_-]{1,255}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A YAML or JSON list of strings; never split by a shell, and never echoed back (it may hold secrets). */
const commandList = () =>
  field((value, ctx): string[] => {
    let parsed: unknown;
    try {
      parsed = parse(value);
    } catch {
      return issue(ctx, 'is not a YAML or JSON list: give one like ["alembic", "upgrade", "head"]');
    }
    if (!Array.isArray(parsed))
      return issue(ctx, 'must be a list, like ["alembic", "upgrade", "head"] or a YAML block list: it is never split by a shell');
    if (parsed.length === 0) return issue(ctx, 'is an empty list: give the program and its arguments, or leave command empty');
    return parsed.map((item, i) =>
      typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
        ? String(item)
        : issue(ctx, `item ${i + 1} is not a string: quote it, e.g. "--opt=value"`),
    );
  });

/** `NAME=value` per line; blank lines and `#` comments skipped; values never echoed back. */
const environmentPairs = () =>
  field((value, ctx): Record<string, string> => {
    const env: Record<string, string> = {};
    const lines = value.split('\n');
    for (const [i, raw] of lines.entries()) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const name = eq > 0 ? line.slice(0, eq).trim() : '';
      if (!ENV_NAME.test(name))
        return issue(ctx, `line ${i + 1} is not NAME=value (names are letters, digits and _, not starting with a digit)`);
      if (name in env) return issue(ctx, `line ${i + 1} sets ${name} again`);
      env[name] = line.slice(eq + 1);
    }
    return env;
  });

/** `FARGATE_SPOT:3,FARGATE:1:1` → provider:weight[:base] items. */
const strategyItem = (item: string, ctx: FieldContext): CapacityProviderItem => {
  const match = /^([A-Za-z0-9_-]{1,255}):(\d{1,4})(?::(\d{1,6}))?$/.exec(item);
  if (!match || Number(match[2]) > 1000 || Number(match[3] ?? 0) > 100_000)
    return issue(ctx, `"${item}" is not provider:weight[:base], like FARGATE_SPOT:3 or FARGATE:1:1 (weight 0-1000, base 0-100000)`);
  return { capacityProvider: match[1]!, weight: Number(match[2]), ...(match[3] ? { base: Number(match[3]) } : {}) };
};

export const runTaskInputSpec = {
  ...awsInputs,
  ...notifyInputs,
  cluster: required(text(NAME, 'expected a cluster name or ARN'), 'the ECS cluster name'),
  'task-definition': required(text(), 'a task definition JSON file, or a revision like migrate:42 or its ARN'),
  'container-name': optional(text(CONTAINER, 'expected a container name (letters, digits, - and _)')),
  image: optional(text(/^\S+$/, 'expected an image like 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v2')),
  command: optional(commandList()),
  'environment-overrides': optional(environmentPairs()),
  'network-from-service': optional(text(NAME, 'expected an ECS service name')),
  subnets: optional(
    list((id, ctx) =>
      /^subnet-[0-9a-f]{8,17}$/.test(id) ? id : issue(ctx, `${quoteInput(id)} is not a subnet ID like subnet-0123456789abcdef0`),
    ),
  ),
  'security-groups': optional(
    list((id, ctx) =>
      /^sg-[0-9a-f]{8,17}$/.test(id) ? id : issue(ctx, `${quoteInput(id)} is not a security group ID like sg-0123456789abcdef0`),
    ),
  ),
  'assign-public-ip': optional(boolean()),
  'launch-type': optional(oneOf(['FARGATE', 'EC2', 'EXTERNAL'] as const)),
  'capacity-provider-strategy': optional(list(strategyItem)),
  timeout: optional(duration({ min: 10_000, max: 24 * 3_600_000 }), '30m'),
  'started-by': optional(text(/^[A-Za-z0-9_/-]{1,128}$/, 'use up to 128 letters, digits, -, _ and /')),
  'require-success': optional(
    list((name, ctx) => (CONTAINER.test(name) ? name : issue(ctx, `${quoteInput(name)} is not a container name`))),
  ),
  'max-log-lines': optional(number({ min: 0, max: 100_000, integer: true }), '1000'),
  'poll-interval': optional(duration({ min: 1_000, max: 60_000 }), '5s'),
};

export function parseRunTaskInputs(source: InputSource, env: NodeJS.ProcessEnv = process.env) {
  const values = readInputs(runTaskInputSpec, source);
  checkNotify(values);
  const image = values.image;
  const containerName = values['container-name'];
  const taskDefinition = taskDefinitionSource(
    values['task-definition'],
    image ? { containerName, image } : {},
    env.GITHUB_WORKSPACE ?? process.cwd(),
  );
  if ('document' in taskDefinition) {
    const names = (taskDefinition.document.containerDefinitions as { name: string }[]).map((c) => c.name);
    for (const [input, name] of [
      ['container-name', containerName],
      ...(values['require-success'] ?? []).map((n) => ['require-success', n]),
    ]) {
      if (name && !names.includes(name))
        throw new InputError(input!, `"${name}" is not a container of ${values['task-definition']} (it has: ${names.join(', ')})`);
    }
  }
  const explicit = values.subnets || values['security-groups'] || values['assign-public-ip'] !== undefined;
  if (values['network-from-service'] && explicit)
    throw new InputError(
      'network-from-service',
      'give network-from-service, or subnets (with security-groups and assign-public-ip), not both',
    );
  if (!values.subnets && (values['security-groups'] || values['assign-public-ip'] !== undefined))
    throw new InputError('subnets', 'is required with security-groups or assign-public-ip: give the subnets the task runs in');
  if (values['launch-type'] && values['capacity-provider-strategy'])
    throw new InputError('capacity-provider-strategy', 'give launch-type or capacity-provider-strategy, not both');
  if (values['poll-interval'] > values.timeout) throw new InputError('poll-interval', 'must not be longer than timeout');
  const region = requireRegion(values['aws-region'], env, values);
  return { ...values, region, taskDefinition };
}

export type RunTaskInputs = ReturnType<typeof parseRunTaskInputs>;
