import { Output } from '../../shared/constants.ts';
import { runBlueGreen, type BlueGreenOutcome } from '../../shared/engine/two-color/blue-green.ts';
import type { NativeReport } from '../../shared/engine/native/context.ts';
import { isNative, nativeOutputs } from '../../shared/github/native-report.ts';
import { restoreEitherForm } from '../../shared/github/native-post.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, deployedServices, eitherEngineReport, NO_GATES, twoColorOutputs } from '../../shared/github/two-color.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { parseBlueGreenInputs } from './inputs.ts';
import type { NativeBlueGreenOutcome } from './native.ts';

type Inputs = ReturnType<typeof parseBlueGreenInputs>;

export const blueGreen: ActionSpec<Inputs, Report | NativeReport, BlueGreenOutcome | NativeBlueGreenOutcome> = {
  inputs: parseBlueGreenInputs,
  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  record: (inputs) =>
    inputs.phase === 'prepare'
      ? undefined
      : { inputs, run: { strategy: 'blue-green', cluster: inputs.cluster, services: deployedServices(inputs) } },
  async run(inputs, context) {
    if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the switch`);
    if (inputs.mode === 'native') {
      const { runNative } = await import('./native.ts');
      return runNative(inputs, context);
    }
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runBlueGreen(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: deployedServices(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: (outcome) =>
    isNative(outcome.report)
      ? nativeOutputs(outcome.report, (outcome as NativeBlueGreenOutcome).extra)
      : { ...twoColorOutputs(outcome.report), [Output.TestUrl]: (outcome as BlueGreenOutcome).testUrl },
  ...eitherEngineReport<Inputs>('blue-green', deployedServices),
};

export const run = () => runAction(blueGreen);
export const cleanup = () => runCleanup(closingLeftRecord(restoreEitherForm));
