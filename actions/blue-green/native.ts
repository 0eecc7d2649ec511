/**
 * blue-green with `service`: ECS's BLUE_GREEN. prepare pauses the deployment after the test
 * traffic shift (the hook's timeout is the approval window) and outputs what switch and smoke
 * need; switch continues the paused deployment and gates it through production and the bake.
 */
import * as core from '@actions/core';
import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import { runNativeBlueGreen } from '../../shared/engine/native/blue-green.ts';
import type { NativeOutcome } from '../../shared/engine/native/context.ts';
import { messageOf } from '../../shared/errors.ts';
import { concludeNativeRun, nativePlan, nativeSession } from '../../shared/github/native.ts';
import { withDeploymentRecord } from '../../shared/github/record.ts';
import { hasTrafficGates, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { NativeBlueGreenInputs } from './inputs.ts';

export async function runNativeBlueGreenAction(inputs: NativeBlueGreenInputs, signal: AbortSignal): Promise<void> {
  const { ports, clients, uncancellable, productionRule } = nativeSession(inputs, signal);
  const plan = {
    ...nativePlan(inputs, clients, productionRule),
    phase: inputs.phase,
    taskDefinition: inputs.taskDefinition,
    preparedTaskDefinition: inputs['task-definition-arn'],
    serviceDeploymentArn: inputs['service-deployment-arn'],
    configSnapshot: inputs['config-snapshot'],
    approvalTimeoutMs: inputs['approval-timeout'],
  };
  if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs))
    core.warning(
      'No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS (alarms, circuit breaker, task health) guards the switch',
    );
  warnIfRunOutlivesCredentials(inputs, plan, inputs.phase === 'prepare' ? 0 : 1);

  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  const { report, error }: NativeOutcome =
    inputs.phase === 'prepare'
      ? await runNativeBlueGreen(plan, ports, signal)
      : await withDeploymentRecord(
          inputs,
          { strategy: 'blue-green', cluster: plan.cluster, services: [plan.service] },
          (onTaskDefinition) => runNativeBlueGreen(plan, { ...ports, onTaskDefinition }, signal),
        );

  const extraOutputs: Record<string, string | undefined> = {};
  if (report.result === 'paused') {
    // What switch needs (task-definition-arn and service-deployment-arn are outputs anyway) and what smoke tests.
    extraOutputs['config-snapshot'] = report.facts['config-snapshot'];
    extraOutputs['approval-expires-at'] = report.facts['approval-expires-at'];
    const testRule = report.facts['test-listener-rule'];
    if (testRule) extraOutputs['test-url'] = await testUrl(uncancellable.elb, testRule);
  }
  await concludeNativeRun(report, error, { region: inputs.region, extraOutputs });
}

/** The test rule's listener, as a URL smoke can reach (the rule's own path conditions still apply). */
async function testUrl(elb: ConstructorParameters<typeof AlbTestListener>[0], ruleArn: string): Promise<string | undefined> {
  const listenerArn = ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
  try {
    return await new AlbTestListener(elb, listenerArn).url();
  } catch (error) {
    core.warning(`test-url: could not read the test listener ${listenerArn}: ${messageOf(error)}`);
    return undefined;
  }
}
