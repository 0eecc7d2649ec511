import { clusterName, requireRegion, REVISION, serviceName } from '../../shared/inputs/aws.ts';
import { CHECK_IDS, type CheckId } from '../../shared/engine/preflight/check.ts';
import type { ServiceScope } from '../../shared/engine/preflight/context.ts';
import { SEVERITIES } from '../../shared/engine/preflight/ports.ts';
import type { PreflightPlan } from '../../shared/engine/preflight/runner.ts';
import { parseFreezes, parseWindows, type Schedule } from '../../shared/engine/preflight/schedule.ts';
import type { TaskDefinitionInput } from '../../shared/engine/preflight/task-definition.ts';
import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { readWorkspaceFile } from '../../shared/inputs/workspace-file.ts';
import { awsInputs, imageInputs, topologyInputs } from '../../shared/inputs/common.ts';
import { alarmList, block, boolean, list, oneOf, optional, text } from '../../shared/inputs/fields.ts';
import { readInputs, type InputSource, type Inputs } from '../../shared/inputs/read.ts';

export const preflightInputSpec = {
  ...awsInputs,
  cluster: optional(clusterName()),
  service: optional(serviceName()),
  'blue-service': optional(serviceName()),
  'green-service': optional(serviceName()),
  'listener-arn': topologyInputs['listener-arn'],
  'listener-rule-arn': topologyInputs['listener-rule-arn'],
  'task-definition': optional(text()),
  ...imageInputs,
  'launch-type': optional(oneOf(['FARGATE', 'EC2', 'EXTERNAL'] as const)),
  alarms: optional(alarmList()),
  'expected-account': optional(text(/^\d{12}$/, 'expected a 12-digit AWS account ID')),
  'max-severity': optional(oneOf(SEVERITIES), 'CRITICAL'),
  'deploy-window': optional(block()),
  freeze: optional(list((item) => item)),
  strict: optional(boolean(), 'false'),
  checks: optional(
    list((item, ctx) => {
      if (!(CHECK_IDS as readonly string[]).includes(item))
        ctx.addIssue({ code: 'custom', message: `"${item}" is not a check: use any of ${CHECK_IDS.join(', ')}` });
      return item as CheckId;
    }),
  ),
};

type Values = Inputs<typeof preflightInputSpec>;

/** Validated inputs as the engine's plan, plus what the wiring needs. Every problem names its input. */
export function parsePreflightInputs(source: InputSource, env = process.env, workspace = env.GITHUB_WORKSPACE ?? process.cwd()) {
  const values = readInputs(preflightInputSpec, source);
  const region = requireRegion(values['aws-region'], env, values);
  const scope = serviceScope(values);
  const router = routerOf(values, scope);
  if (scope && !values.cluster) throw new InputError('cluster', 'is required with the services: give the ECS cluster name');
  const taskDefinition = taskDefinitionOf(values, workspace);
  const schedule = scheduleOf(values);
  const plan: PreflightPlan = {
    checks: [],
    strict: values.strict,
    cluster: values.cluster,
    scope,
    expectedAccount: values['expected-account'],
    image: values.image,
    maxSeverity: values['max-severity'],
    taskDefinition: taskDefinition && {
      source: taskDefinition,
      containerName: values['container-name'],
      image: values.image,
      launchType: values['launch-type'],
    },
    alarms: values.alarms?.length ? values.alarms : undefined,
    schedule,
    productionRule: scope?.kind === 'single' ? (values['listener-rule-arn'] ?? values['listener-arn']) : undefined,
  };
  plan.checks = selectChecks(values.checks, plan, router !== undefined);
  return { plan, region, router, maxRetries: values['max-retries'], cluster: values.cluster };
}

export type PreflightInputs = ReturnType<typeof parsePreflightInputs>;

function serviceScope(values: Values): ServiceScope | undefined {
  const { service, 'blue-service': blue, 'green-service': green } = values;
  if (service && (blue || green))
    throw new InputError('service', 'give either service (one service) or blue-service and green-service (two colors), not both');
  if (service) return { kind: 'single', service };
  if (blue && !green) throw new InputError('green-service', 'is required with blue-service: give the ECS service of the green color');
  if (green && !blue) throw new InputError('blue-service', 'is required with green-service: give the ECS service of the blue color');
  if (!blue || !green) return undefined;
  if (blue === green) throw new InputError('green-service', 'must differ from blue-service: the two colors take turns being live');
  return { kind: 'two-color', services: { blue, green } };
}

function routerOf(values: Values, scope: ServiceScope | undefined): string | undefined {
  const listener = values['listener-arn'];
  const rule = values['listener-rule-arn'];
  if (listener && rule) throw new InputError('listener-rule-arn', 'give either listener-arn or listener-rule-arn, not both');
  const arn = listener ?? rule;
  // One service: the rule is the service's own (advancedConfiguration); a given one must match it (native-wiring check).
  if (scope?.kind === 'single') return undefined;
  if (arn && scope?.kind !== 'two-color')
    throw new InputError(
      listener ? 'listener-arn' : 'listener-rule-arn',
      'holds the weights between two colors: give blue-service and green-service too',
    );
  return arn;
}

/** A file is read here (before any AWS call); its parsing and validation are the task-definition check's job. */
function taskDefinitionOf(values: Values, workspace: string): TaskDefinitionInput | undefined {
  const value = values['task-definition'];
  if (!value) {
    if (values['container-name'])
      throw new InputError('task-definition', 'is required with container-name: give the task definition file to render into');
    return undefined;
  }
  const text = REVISION.test(value) ? undefined : readWorkspaceFile('task-definition', value, workspace);
  if (text !== undefined) return { file: value, text };
  if (!REVISION.test(value))
    throw new InputError(
      'task-definition',
      `${quoteInput(value)} is neither a file in the workspace nor a revision like my-app:42 or its ARN`,
    );
  if (values['container-name'] && values.image)
    throw new InputError(
      'image',
      'can only be rendered into a task definition file; with an existing revision, leave container-name empty',
    );
  return { reference: value };
}

function scheduleOf(values: Values): Schedule | undefined {
  const windowText = values['deploy-window'];
  const freezeItems = values.freeze ?? [];
  if (!windowText && freezeItems.length === 0) return undefined;
  const windows = windowText ? parseWindows(windowText) : { value: [] };
  if ('problem' in windows) throw new InputError('deploy-window', windows.problem);
  const zone = windows.value[0]?.zone ?? 'UTC';
  const freezes = parseFreezes(freezeItems, zone);
  if ('problem' in freezes) throw new InputError('freeze', freezes.problem);
  return { windows: windows.value, freezes: freezes.value, zone };
}

/** What each check needs, as [input, hint] when it is missing. */
function missingFor(id: CheckId, plan: PreflightPlan, routed: boolean): [string, string] | undefined {
  const services: [string, string] = ['service', 'give service, or blue-service and green-service (with cluster)'];
  switch (id) {
    case 'credentials':
      return undefined;
    case 'image':
      return plan.image ? undefined : ['image', 'give the image URI to check'];
    case 'task-definition':
      return plan.taskDefinition ? undefined : ['task-definition', 'give a task definition file or revision'];
    case 'service-health':
    case 'no-deployment-in-progress':
      return plan.scope ? undefined : services;
    case 'capacity':
    case 'rollback-ready':
      if (!plan.scope) return services;
      return plan.scope.kind === 'single' || routed
        ? undefined
        : ['listener-arn', 'with two colors, give listener-arn or listener-rule-arn so the live color is known'];
    case 'no-active-incident':
      return plan.alarms ? undefined : ['alarms', 'give the CloudWatch alarm names'];
    case 'native-wiring':
    case 'native-deployments':
      return plan.scope?.kind === 'single' ? undefined : ['service', 'give service (one ECS service deployed natively) and cluster'];
    case 'deploy-window':
      return plan.schedule ? undefined : ['deploy-window', 'give a window like "Mon-Fri 09:00-16:00 Europe/Berlin" (or a freeze)'];
  }
}

/** The asked-for checks (each must have its inputs), or every check the inputs allow. */
function selectChecks(asked: CheckId[] | undefined, plan: PreflightPlan, routed: boolean): CheckId[] {
  if (!asked?.length) return CHECK_IDS.filter((id) => !missingFor(id, plan, routed));
  for (const id of asked) {
    const missing = missingFor(id, plan, routed);
    if (missing) throw new InputError(missing[0], `is required by the ${id} check (in checks): ${missing[1]}`);
  }
  return CHECK_IDS.filter((id) => asked.includes(id));
}
