import { Output } from '../../shared/constants.ts';
import type { SmokeReport } from '../../shared/engine/smoke/report.ts';
import { runSmoke, warnings } from '../../shared/engine/smoke/smoke.ts';
import { renderSmokeSummary } from '../../shared/engine/smoke/summary.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { parseSmokeInputs, type SmokeInputs } from './inputs.ts';

export const smoke: ActionSpec<SmokeInputs, SmokeReport> = {
  inputs: parseSmokeInputs,
  async run(inputs, context) {
    const core = await import('@actions/core');
    for (const secret of inputs.secrets) core.setSecret(secret);
    if (inputs.plan.target.insecure) context.log.warn(`insecure: the certificate of ${inputs.plan.target.url} is not verified`);
    const { wire } = await import('./wiring.ts');
    const outcome = await runSmoke(inputs.plan, wire(inputs, context), context.signal);
    for (const check of warnings(outcome.report)) context.log.warn(`Non-critical smoke check failed: ${check.name}: ${check.detail}`);
    return outcome;
  },
  outputs: ({ report }) => ({
    [Output.Result]: report.result,
    [Output.Passed]: report.passed,
    [Output.Failed]: report.failed,
    [Output.P95Ms]: report.p95Ms ?? '',
  }),
  summary: renderSmokeSummary,
};

export const run = () => runAction(smoke);
