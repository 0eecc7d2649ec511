import { runCanary } from '../../shared/engine/canary.ts';
import { hasTrafficGates } from '../../shared/inputs/common.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, NO_GATES, restoreTraffic, twoColorFacts, twoColorOutputs } from '../../shared/github/two-color.ts';
import type { Report } from '../../shared/report.ts';
import { renderSummary } from '../../shared/summary.ts';
import { parseCanaryInputs, type CanaryInputs } from './inputs.ts';

const services = (inputs: CanaryInputs) => [inputs['blue-service'], inputs['green-service']];

export const canary: ActionSpec<CanaryInputs, Report> = {
  inputs: parseCanaryInputs,
  record: (inputs) => ({ inputs, run: { strategy: 'canary', cluster: inputs.cluster, services: services(inputs) } }),
  async run(inputs, context) {
    if (!hasTrafficGates(inputs)) context.log.warn(`${NO_GATES} the canary`);
    const { wire } = await import('./wiring.ts');
    const { plan, ports } = wire(inputs, context);
    const outcome = await runCanary(plan, ports, context.signal);
    addConsoleLinks(outcome.report, { ...inputs, services: services(inputs), listener: inputs.router.arn });
    return outcome;
  },
  outputs: ({ report }) => twoColorOutputs(report),
  summary: renderSummary,
  notify: {
    values: (inputs) => inputs,
    subject: (inputs) => ({ action: 'canary', environment: inputs.environment, cluster: inputs.cluster, services: services(inputs) }),
    facts: twoColorFacts,
  },
};

export const run = () => runAction(canary);
export const cleanup = () => runCleanup(restoreTraffic);
