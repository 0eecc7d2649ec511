import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { list, optional, boolean, required, text } from '../../shared/inputs/fields.ts';
import { awsInputs, checkPollWithinBake, gateInputs, imageInputs, timingInputs, topologyInputs } from '../../shared/inputs/common.ts';
import { roleInputs } from '../../shared/inputs/role.ts';
import { checkJudgement, judgementInputs } from '../../shared/inputs/gates.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { taskDefinitionSource } from '../../shared/inputs/task-definition.ts';
import { requireRegion } from '../../shared/inputs/aws.ts';
import { recordInputs } from '../../shared/inputs/record.ts';
import { checkNotify, notifyInputs } from '../../shared/notify/inputs.ts';
import { checkNativeBake, checkNativeSteps, checkServiceForm, nativeInputs, serviceFormInputs } from '../../shared/inputs/native.ts';

export const canaryInputSpec = {
  ...awsInputs,
  ...notifyInputs,
  ...roleInputs,
  ...recordInputs,
  ...topologyInputs,
  // `service` (one service, ECS-native) or `blue-service` + `green-service`: exactly one form.
  ...serviceFormInputs,
  'deployment-config': nativeInputs['deployment-config'],
  ...gateInputs,
  ...judgementInputs,
  ...timingInputs,
  'task-definition': required(text(), 'a task definition JSON file, or an existing revision like my-app:42'),
  ...imageInputs,
  steps: optional(
    list((part, ctx) => {
      const n = Number(part.replace(/%$/, ''));
      // ALB weights are integers: 10.5 would be refused by ModifyListener, after the deploy.
      if (!Number.isInteger(n) || n <= 0 || n > 100)
        ctx.addIssue({ code: 'custom', message: `${quoteInput(part)} is not a whole percentage from 1 to 100, as in 10,50,100` });
      return n;
    }),
    '10,50,100',
  ),
  'scale-down-previous': optional(boolean(), 'false'),
};

export function parseCanaryInputs(source: InputSource, env = process.env) {
  const values = readInputs(canaryInputSpec, source);
  checkNotify(values);
  const form = checkServiceForm(values);
  const steps = values.steps;
  if (steps.some((s, i) => i > 0 && s <= steps[i - 1]!))
    throw new InputError('steps', `${steps.join(',')} must rise step by step, as in 10,50,100`);
  if (steps.at(-1) !== 100) throw new InputError('steps', `${steps.join(',')} must end at 100 so the new version is promoted`);
  checkJudgement(values);
  checkPollWithinBake(values['poll-interval'], values['bake-time']);
  const region = requireRegion(values['aws-region'], env, values);
  const taskDefinition = taskDefinitionSource(values['task-definition'], { containerName: values['container-name'], image: values.image });
  if (form.kind === 'native') {
    const shape = checkNativeSteps(steps);
    checkNativeBake(values['bake-time']);
    return {
      ...values,
      mode: 'native' as const,
      service: form.service,
      productionRule: form.productionRule,
      shape,
      region,
      taskDefinition,
    };
  }
  const colors = { 'blue-service': form.services.blue, 'green-service': form.services.green };
  return { ...values, ...colors, mode: 'two-color' as const, router: form.router, region, taskDefinition };
}

export type CanaryInputs = Extract<ReturnType<typeof parseCanaryInputs>, { mode: 'two-color' }>;
export type NativeCanaryInputs = Extract<ReturnType<typeof parseCanaryInputs>, { mode: 'native' }>;
