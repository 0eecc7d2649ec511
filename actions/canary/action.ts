import type { NativeOutcome, NativeReport } from '../../shared/engine/native/context.ts';
import type { RunOutcome } from '../../shared/engine/two-color/run-context.ts';
import { runCanary } from '../../shared/engine/two-color/canary.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import { isNative, nativeOutputs } from '../../shared/github/native-report.ts';
import { restoreEitherForm } from '../../shared/github/native-post.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, deployedServices, eitherEngineReport, NO_GATES, twoColorOutputs } from '../../shared/github/two-color.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { parseCanaryInputs } from './inputs.ts';

type Inputs = ReturnType<typeof parseCanaryInputs>;

export const canary: ActionSpec<Inputs, Report | NativeReport, RunOutcome | NativeOutcome> = {
  inputs: parseCanaryInputs,
  record: (inputs) => ({ inputs, run: { strategy: 'canary', cluster: inputs.cluster, services: deployedServices(inputs) } }),
  async run(inputs, context) {
    if (!hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the canary`);
    if (inputs.mode === 'native') {
      const { runNative } = await import('./native.ts');
      return runNative(inputs, context);
    }
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runCanary(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: deployedServices(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: ({ report }) => (isNative(report) ? nativeOutputs(report) : twoColorOutputs(report)),
  ...eitherEngineReport<Inputs>('canary', deployedServices),
};

export const run = () => runAction(canary);
export const cleanup = () => runCleanup(closingLeftRecord(restoreEitherForm));
