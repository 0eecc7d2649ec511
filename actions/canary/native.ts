/** canary with `service`: one ECS service, CANARY or LINEAR run by ECS, gated at a PAUSE before every production shift. */
import { runNativeCanary } from '../../shared/engine/native/canary.ts';
import type { NativeOutcome } from '../../shared/engine/native/context.ts';
import { nativePlan, nativeSession } from '../../shared/github/native.ts';
import { addNativeLinks } from '../../shared/github/native-report.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { NativeCanaryInputs } from './inputs.ts';

export async function runNative(inputs: NativeCanaryInputs, context: RunContext): Promise<NativeOutcome> {
  const { ports, clients, productionRule } = nativeSession(inputs, context);
  const plan = { ...nativePlan(inputs, clients, productionRule), taskDefinition: inputs.taskDefinition, shape: inputs.shape };
  const steps = inputs.shape.strategy === 'CANARY' ? 2 : Math.round(100 / inputs.shape.stepPercent);
  warnIfRunOutlivesCredentials(inputs, plan, steps, context.log);
  const outcome = await runNativeCanary(plan, { ...ports, onTaskDefinition: context.onTaskDefinition }, context.signal);
  addNativeLinks(outcome.report, inputs.region);
  return outcome;
}
