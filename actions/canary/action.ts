import type { NativeOutcome, NativeReport } from '../../shared/engine/native/context.ts';
import type { RunOutcome } from '../../shared/engine/two-color/run-context.ts';
import { runCanary } from '../../shared/engine/two-color/canary.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import { isNative, nativeFacts, nativeOutputs } from '../../shared/github/native-report.ts';
import { restoreEitherForm } from '../../shared/github/native-post.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, NO_GATES, twoColorFacts, twoColorOutputs } from '../../shared/github/two-color.ts';
import { renderNativeSummary } from '../../shared/engine/native/summary.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { renderSummary } from '../../shared/engine/two-color/summary.ts';
import { parseCanaryInputs } from './inputs.ts';

type Inputs = ReturnType<typeof parseCanaryInputs>;

/** Two services take turns (two-color), or one service is deployed by ECS itself (native, `service`). */
const services = (inputs: Inputs) => (inputs.mode === 'native' ? [inputs.service] : [inputs['blue-service'], inputs['green-service']]);

export const canary: ActionSpec<Inputs, Report | NativeReport, RunOutcome | NativeOutcome> = {
  inputs: parseCanaryInputs,
  record: (inputs) => ({ inputs, run: { strategy: 'canary', cluster: inputs.cluster, services: services(inputs) } }),
  async run(inputs, context) {
    if (!hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the canary`);
    if (inputs.mode === 'native') {
      const { runNative } = await import('./native.ts');
      return runNative(inputs, context);
    }
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runCanary(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: services(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: ({ report }) => (isNative(report) ? nativeOutputs(report) : twoColorOutputs(report)),
  summary: (report) => (isNative(report) ? renderNativeSummary(report) : renderSummary(report)),
  notify: {
    values: (inputs) => inputs,
    subject: (inputs) => ({ action: 'canary', environment: inputs.environment, cluster: inputs.cluster, services: services(inputs) }),
    facts: (report) => (isNative(report) ? nativeFacts(report) : twoColorFacts(report)),
  },
};

export const run = () => runAction(canary);
export const cleanup = () => runCleanup(closingLeftRecord(restoreEitherForm));
