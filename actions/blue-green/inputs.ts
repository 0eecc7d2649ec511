import { InputError } from '../../shared/errors.ts';
import { arn, boolean, oneOf, optional, text } from '../../shared/inputs/fields.ts';
import { awsInputs, checkPollWithinBake, gateInputs, imageInputs, timingInputs, topologyInputs } from '../../shared/inputs/common.ts';
import { roleInputs } from '../../shared/inputs/role.ts';
import { checkJudgement, judgementInputs } from '../../shared/inputs/gates.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { taskDefinitionSource } from '../../shared/inputs/task-definition.ts';
import { requireRegion, REVISION } from '../../shared/inputs/aws.ts';
import { recordInputs } from '../../shared/inputs/record.ts';
import { checkNotify, notifyInputs } from '../../shared/notify/inputs.ts';
import { checkNativeBake, checkServiceForm, nativeInputs, serviceFormInputs } from '../../shared/inputs/native.ts';

const TEST_LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/0467ef3c8400ae65';

export const blueGreenInputSpec = {
  ...awsInputs,
  ...notifyInputs,
  ...roleInputs,
  ...topologyInputs,
  // `service` (one service, ECS-native) or `blue-service` + `green-service`: exactly one form.
  ...serviceFormInputs,
  ...nativeInputs,
  ...gateInputs,
  ...judgementInputs,
  ...timingInputs,
  ...recordInputs,
  phase: optional(oneOf(['prepare', 'switch', 'all'] as const), 'all'),
  'task-definition': optional(text()),
  ...imageInputs,
  'task-definition-arn': optional(
    text(REVISION, 'expected the task-definition-arn output of the prepare phase (an ARN, or family:revision)'),
  ),
  'test-listener-arn': optional(arn('elasticloadbalancing', 'listener/', TEST_LISTENER)),
  'scale-down-previous': optional(boolean(), 'false'),
};

export function parseBlueGreenInputs(source: InputSource, env = process.env) {
  const values = readInputs(blueGreenInputSpec, source);
  checkNotify(values);
  const form = checkServiceForm(values);
  const phase = values.phase;
  checkNativeOnly(values, form.kind === 'native');
  if (phase === 'switch') {
    if (!values['task-definition-arn'])
      throw new InputError('task-definition-arn', 'is required for phase switch: pass the task-definition-arn output of the prepare phase');
    for (const name of ['task-definition', 'container-name', 'image', 'test-listener-arn'] as const) {
      if (values[name])
        throw new InputError(name, 'belongs to the prepare phase: switch deploys nothing, it promotes what prepare deployed');
    }
  } else {
    if (!values['task-definition'])
      throw new InputError(
        'task-definition',
        `is required for phase ${phase}: give a task definition JSON file, or an existing revision like my-app:42`,
      );
    if (values['task-definition-arn'])
      throw new InputError('task-definition-arn', `is only for phase switch (phase ${phase} deploys task-definition)`);
  }
  const testListener = values['test-listener-arn'];
  if (testListener && testListener === values['listener-arn'])
    throw new InputError('test-listener-arn', 'must differ from listener-arn: the test listener must not carry user traffic');
  checkJudgement(values);
  checkPollWithinBake(values['poll-interval'], values['bake-time']);
  const region = requireRegion(values['aws-region'], env, values);
  const taskDefinition =
    phase === 'switch'
      ? undefined
      : taskDefinitionSource(values['task-definition']!, { containerName: values['container-name'], image: values.image });
  if (form.kind === 'native') {
    checkNativeBake(values['bake-time']);
    return { ...values, mode: 'native' as const, service: form.service, productionRule: form.productionRule, region, taskDefinition };
  }
  const colors = { 'blue-service': form.services.blue, 'green-service': form.services.green };
  return { ...values, ...colors, mode: 'two-color' as const, router: form.router, region, taskDefinition };
}

/** The inputs that only the native form reads, and those only its phase switch reads. */
function checkNativeOnly(values: ReturnType<typeof readInputs<typeof blueGreenInputSpec>>, native: boolean): void {
  for (const name of ['service-deployment-arn', 'config-snapshot'] as const) {
    if (!values[name]) continue;
    if (!native) throw new InputError(name, 'is only for one service deployed natively (service), not blue-service + green-service');
    if (values.phase !== 'switch') throw new InputError(name, `is only for phase switch: pass the ${name} output of phase prepare there`);
  }
  if (native && values['test-listener-arn'])
    throw new InputError(
      'test-listener-arn',
      "does not go with service: ECS puts the new revision on the service's own test rule (advancedConfiguration.testListenerRule)",
    );
}

export type BlueGreenInputs = Extract<ReturnType<typeof parseBlueGreenInputs>, { mode: 'two-color' }>;
export type NativeBlueGreenInputs = Extract<ReturnType<typeof parseBlueGreenInputs>, { mode: 'native' }>;
