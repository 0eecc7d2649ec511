import * as core from '@actions/core';
import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import { runBlueGreen } from '../../shared/engine/blue-green.ts';
import { concludeTwoColorRun, runAction } from '../../shared/github/action.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { awsPorts, hasTrafficGates, twoColorPlan, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import { parseBlueGreenInputs } from './inputs.ts';
import { runNativeBlueGreenAction } from './native.ts';

await runAction(async (signal) => {
  const inputs = parseBlueGreenInputs((name) => core.getInput(name));
  if (inputs.mode === 'native') return runNativeBlueGreenAction(inputs, signal);
  const { ports, clients } = awsPorts(inputs, signal);
  const testListenerArn = inputs['test-listener-arn'];
  const testListener = testListenerArn ? new AlbTestListener(clients.elb, testListenerArn) : undefined;
  if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs))
    core.warning('No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS task health guards the switch');

  const plan = {
    ...twoColorPlan(inputs, clients),
    phase: inputs.phase,
    taskDefinition: inputs.taskDefinition,
    preparedTaskDefinition: inputs['task-definition-arn'],
  };
  warnIfRunOutlivesCredentials(inputs, plan, inputs.phase === 'prepare' ? 0 : 1);
  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  const { report, error, testUrl } =
    inputs.phase === 'prepare'
      ? await runBlueGreen(plan, { ...ports, testListener }, signal)
      : await withDeploymentRecord(
          inputs,
          { strategy: 'blue-green', cluster: inputs.cluster, services: Object.values(plan.services) },
          (onTaskDefinition) => runBlueGreen(plan, { ...ports, testListener, onTaskDefinition }, signal),
        );

  if (testUrl) core.setOutput('test-url', testUrl);
  await concludeTwoColorRun(report, error, {
    region: inputs.region,
    cluster: plan.cluster,
    services: plan.services,
    listener: inputs.router.arn,
  });
});
