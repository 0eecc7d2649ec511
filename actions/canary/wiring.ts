import type { RunContext } from '../../shared/github/runner.ts';
import { awsPorts, twoColorPlan } from '../../shared/wiring.ts';
import type { CanaryInputs } from './inputs.ts';

/** The only place canary builds adapters (loaded once the inputs are valid). */
export function wire(inputs: CanaryInputs, context: RunContext) {
  const { ports, clients } = awsPorts(inputs, context);
  return {
    plan: { ...twoColorPlan(inputs, clients), taskDefinition: inputs.taskDefinition, steps: inputs.steps },
    ports: { ...ports, onTaskDefinition: context.onTaskDefinition },
  };
}
