import * as core from '@actions/core';
import { runCanary } from '../../shared/engine/canary.ts';
import { concludeTwoColorRun, runAction } from '../../shared/github/action.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { awsPorts, hasTrafficGates, twoColorPlan, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import { parseCanaryInputs } from './inputs.ts';
import { runNativeCanaryAction } from './native.ts';

await runAction(async (signal) => {
  const inputs = parseCanaryInputs((name) => core.getInput(name));
  if (inputs.mode === 'native') return runNativeCanaryAction(inputs, signal);
  const { ports, clients } = awsPorts(inputs, signal);
  const plan = { ...twoColorPlan(inputs, clients), taskDefinition: inputs.taskDefinition, steps: inputs.steps };
  warnIfRunOutlivesCredentials(inputs, plan, plan.steps.length);
  if (!hasTrafficGates(inputs))
    core.warning('No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS task health guards the canary');

  const { report, error } = await withDeploymentRecord(
    inputs,
    { strategy: 'canary', cluster: plan.cluster, services: Object.values(plan.services) },
    (onTaskDefinition) => runCanary(plan, { ...ports, onTaskDefinition }, signal),
  );

  await concludeTwoColorRun(report, error, {
    region: inputs.region,
    cluster: plan.cluster,
    services: plan.services,
    listener: inputs.router.arn,
  });
});
