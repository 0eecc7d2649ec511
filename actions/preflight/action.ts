import { Output } from '../../shared/constants.ts';
import { runPreflight, type PreflightReport } from '../../shared/engine/preflight/runner.ts';
import { renderPreflightSummary } from '../../shared/engine/preflight/summary.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { parsePreflightInputs, type PreflightInputs } from './inputs.ts';

export const preflight: ActionSpec<PreflightInputs, PreflightReport> = {
  inputs: (source, env) => parsePreflightInputs(source, env),
  async run(inputs, context) {
    const { wire } = await import('./wiring.ts');
    return runPreflight(inputs.plan, wire(inputs, context), context.signal);
  },
  outputs: ({ report }) => ({
    [Output.Result]: report.result,
    [Output.FailedChecks]: report.failedChecks.join(','),
    [Output.Warnings]: report.warnings.join(','),
    // What was live before the release: the workflows roll back to exactly this.
    [Output.LiveService]: report.live?.service ?? '',
    [Output.LiveTaskDefinitionArn]: report.live?.taskDefinitionArn ?? '',
    [Output.Weights]: report.live?.weights ?? '',
  }),
  summary: renderPreflightSummary,
};

export const run = () => runAction(preflight);
