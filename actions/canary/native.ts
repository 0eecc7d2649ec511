/** canary with `service`: one ECS service, CANARY or LINEAR run by ECS, gated at a PAUSE before every production shift. */
import * as core from '@actions/core';
import { runNativeCanary } from '../../shared/engine/native/canary.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { concludeNativeRun, nativePlan, nativeSession } from '../../shared/github/native.ts';
import { hasTrafficGates, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { NativeCanaryInputs } from './inputs.ts';

export async function runNativeCanaryAction(inputs: NativeCanaryInputs, signal: AbortSignal): Promise<void> {
  const { ports, clients, productionRule } = nativeSession(inputs, signal);
  const plan = { ...nativePlan(inputs, clients, productionRule), taskDefinition: inputs.taskDefinition, shape: inputs.shape };
  const steps = inputs.shape.strategy === 'CANARY' ? 2 : Math.round(100 / inputs.shape.stepPercent);
  warnIfRunOutlivesCredentials(inputs, plan, steps);
  if (!hasTrafficGates(inputs))
    core.warning(
      'No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS (alarms, circuit breaker, task health) guards the canary',
    );

  const { report, error } = await withDeploymentRecord(
    inputs,
    { strategy: 'canary', cluster: plan.cluster, services: [plan.service] },
    (onTaskDefinition) => runNativeCanary(plan, { ...ports, onTaskDefinition }, signal),
  );
  await concludeNativeRun(report, error, { region: inputs.region });
}
