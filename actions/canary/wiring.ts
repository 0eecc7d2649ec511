import type { RunContext } from '../../shared/github/runner.ts';
import { awsPorts, twoColorPlan, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { CanaryInputs } from './inputs.ts';

/** The only place canary builds adapters (loaded once the inputs are valid). */
export function wire(inputs: CanaryInputs, context: RunContext) {
  const { ports, clients } = awsPorts(inputs, context);
  const plan = { ...twoColorPlan(inputs, clients), taskDefinition: inputs.taskDefinition, steps: inputs.steps };
  warnIfRunOutlivesCredentials(inputs, plan, plan.steps.length, context.log);
  return { plan, ports: { ...ports, onTaskDefinition: context.onTaskDefinition } };
}
