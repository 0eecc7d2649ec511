import { Output } from '../../shared/constants.ts';
import { runBlueGreen, type BlueGreenOutcome } from '../../shared/engine/blue-green.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, NO_GATES, restoreTraffic, twoColorFacts, twoColorOutputs } from '../../shared/github/two-color.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import type { Report } from '../../shared/report.ts';
import { renderSummary } from '../../shared/summary.ts';
import { parseBlueGreenInputs, type BlueGreenInputs } from './inputs.ts';

const services = (inputs: BlueGreenInputs) => [inputs['blue-service'], inputs['green-service']];

export const blueGreen: ActionSpec<BlueGreenInputs, Report, BlueGreenOutcome> = {
  inputs: parseBlueGreenInputs,
  // prepare moves no user traffic, so it is not a deployment of the environment; switch records it.
  record: (inputs) =>
    inputs.phase === 'prepare'
      ? undefined
      : { inputs, run: { strategy: 'blue-green', cluster: inputs.cluster, services: services(inputs) } },
  async run(inputs, context) {
    if (inputs.phase !== 'prepare' && !hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the switch`);
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runBlueGreen(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: services(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: ({ report, testUrl }) => ({ ...twoColorOutputs(report), [Output.TestUrl]: testUrl }),
  summary: renderSummary,
  notify: {
    values: (inputs) => inputs,
    subject: (inputs) => ({ action: 'blue-green', environment: inputs.environment, cluster: inputs.cluster, services: services(inputs) }),
    facts: twoColorFacts,
  },
};

export const run = () => runAction(blueGreen);
export const cleanup = () => runCleanup(restoreTraffic);
