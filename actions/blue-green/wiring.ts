import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { awsPorts, twoColorPlan, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { BlueGreenInputs } from './inputs.ts';

/** The only place blue-green builds adapters (loaded once the inputs are valid). */
export function wire(inputs: BlueGreenInputs, context: RunContext) {
  const { ports, clients } = awsPorts(inputs, context);
  const testListenerArn = inputs['test-listener-arn'];
  const plan = {
    ...twoColorPlan(inputs, clients),
    phase: inputs.phase,
    taskDefinition: inputs.taskDefinition,
    preparedTaskDefinition: inputs['task-definition-arn'],
  };
  warnIfRunOutlivesCredentials(inputs, plan, inputs.phase === 'prepare' ? 0 : 1, context.log);
  return {
    plan,
    ports: {
      ...ports,
      testListener: testListenerArn ? new AlbTestListener(clients.elb, testListenerArn) : undefined,
      onTaskDefinition: context.onTaskDefinition,
    },
  };
}
