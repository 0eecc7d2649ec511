import { Output } from '../../shared/constants.ts';
import { runBlueGreen, type BlueGreenOutcome } from '../../shared/engine/two-color/blue-green.ts';
import type { NativeReport } from '../../shared/engine/native/context.ts';
import { renderNativeSummary } from '../../shared/engine/native/summary.ts';
import { isNative, nativeFacts, nativeOutputs } from '../../shared/github/native-report.ts';
import { restoreEitherForm } from '../../shared/github/native-post.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, NO_GATES, twoColorFacts, twoColorOutputs } from '../../shared/github/two-color.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { renderSummary } from '../../shared/engine/two-color/summary.ts';
import { parseBlueGreenInputs } from './inputs.ts';
import type { NativeBlueGreenOutcome } from './native.ts';

type Inputs = ReturnType<typeof parseBlueGreenInputs>;

/** Two services take turns (two-color), or one service is deployed by ECS itself (native, `service`). */
const services = (inputs: Inputs) => (inputs.mode === 'native' ? [inputs.service] : [inputs['blue-service'], inputs['green-service']]);

export const blueGreen: ActionSpec<Inputs, Report | NativeReport, BlueGreenOutcome | NativeBlueGreenOutcome> = {
  inputs: parseBlueGreenInputs,
  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  record: (inputs) =>
    inputs.phase === 'prepare'
      ? undefined
      : { inputs, run: { strategy: 'blue-green', cluster: inputs.cluster, services: services(inputs) } },
  async run(inputs, context) {
    if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the switch`);
    if (inputs.mode === 'native') {
      const { runNative } = await import('./native.ts');
      return runNative(inputs, context);
    }
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runBlueGreen(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: services(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: (outcome) =>
    isNative(outcome.report)
      ? nativeOutputs(outcome.report, (outcome as NativeBlueGreenOutcome).extra)
      : { ...twoColorOutputs(outcome.report), [Output.TestUrl]: (outcome as BlueGreenOutcome).testUrl },
  summary: (report) => (isNative(report) ? renderNativeSummary(report) : renderSummary(report)),
  notify: {
    values: (inputs) => inputs,
    subject: (inputs) => ({ action: 'blue-green', environment: inputs.environment, cluster: inputs.cluster, services: services(inputs) }),
    facts: (report) => (isNative(report) ? nativeFacts(report) : twoColorFacts(report)),
  },
};

export const run = () => runAction(blueGreen);
export const cleanup = () => runCleanup(closingLeftRecord(restoreEitherForm));
