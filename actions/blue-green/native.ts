/**
 * blue-green with `service`: ECS's BLUE_GREEN. prepare pauses the deployment after the test
 * traffic shift (the hook's timeout is the approval window) and outputs what switch and smoke
 * need; switch continues the paused deployment and gates it through production and the bake.
 */
import { AlbTestListener } from '../../shared/aws/test-listener.ts';
import { runNativeBlueGreen } from '../../shared/engine/native/blue-green.ts';
import type { NativeOutcome } from '../../shared/engine/native/context.ts';
import { messageOf } from '../../shared/errors.ts';
import { nativePlan, nativeSession } from '../../shared/github/native.ts';
import { addNativeLinks } from '../../shared/github/native-report.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import type { Log } from '../../shared/engine/ports.ts';
import { warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { NativeBlueGreenInputs } from './inputs.ts';

/** A native outcome, and what a paused prepare hands switch and smoke. */
export type NativeBlueGreenOutcome = NativeOutcome & { extra: Record<string, string | undefined> };

export async function runNative(inputs: NativeBlueGreenInputs, context: RunContext): Promise<NativeBlueGreenOutcome> {
  const { ports, clients, uncancellable, productionRule } = nativeSession(inputs, context);
  const plan = {
    ...nativePlan(inputs, clients, productionRule),
    phase: inputs.phase,
    taskDefinition: inputs.taskDefinition,
    preparedTaskDefinition: inputs['task-definition-arn'],
    serviceDeploymentArn: inputs['service-deployment-arn'],
    configSnapshot: inputs['config-snapshot'],
    approvalTimeoutMs: inputs['approval-timeout'],
  };
  warnIfRunOutlivesCredentials(inputs, plan, inputs.phase === 'prepare' ? 0 : 1, context.log);
  const { report, error } = await runNativeBlueGreen(plan, { ...ports, onTaskDefinition: context.onTaskDefinition }, context.signal);
  addNativeLinks(report, inputs.region);

  const extra: Record<string, string | undefined> = {};
  if (report.result === 'paused') {
    // What switch needs (task-definition-arn and service-deployment-arn are outputs anyway) and what smoke tests.
    extra['config-snapshot'] = report.facts['config-snapshot'];
    extra['approval-expires-at'] = report.facts['approval-expires-at'];
    const testRule = report.facts['test-listener-rule'];
    if (testRule) extra['test-url'] = await testUrl(uncancellable.elb, testRule, context.log);
  }
  return { report, error, extra };
}

/** The test rule's listener, as a URL smoke can reach (the rule's own path conditions still apply). */
async function testUrl(elb: ConstructorParameters<typeof AlbTestListener>[0], ruleArn: string, log: Log): Promise<string | undefined> {
  const listenerArn = ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
  try {
    return await new AlbTestListener(elb, listenerArn).url();
  } catch (error) {
    log.warn(`test-url: could not read the test listener ${listenerArn}: ${messageOf(error)}`);
    return undefined;
  }
}
