import { Output } from '../../shared/constants.ts';
import { DeployError } from '../../shared/errors.ts';
import { redactDeep, redactor } from '../../shared/net/redact.ts';
import type { SmokeReport } from '../../shared/engine/smoke/report.ts';
import { runSmoke, warnings } from '../../shared/engine/smoke/smoke.ts';
import { renderSmokeSummary } from '../../shared/engine/smoke/summary.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { parseSmokeInputs, type SmokeInputs } from './inputs.ts';

export const smoke: ActionSpec<SmokeInputs, SmokeReport> = {
  inputs: parseSmokeInputs,
  async run(inputs, unsafe) {
    const core = await import('@actions/core');
    for (const secret of inputs.secrets) core.setSecret(secret);
    // Every message, the report and the error go through one redactor (URL credentials, tokens, header values).
    const redact = redactor(inputs.secrets);
    const log = { info: (m: string) => unsafe.log.info(redact(m)), warn: (m: string) => unsafe.log.warn(redact(m)) };
    const context = { ...unsafe, log };
    if (inputs.plan.target.insecure) log.warn(`insecure: the certificate of ${inputs.plan.target.url} is not verified`);
    const { wire } = await import('./wiring.ts');
    const outcome = await runSmoke(inputs.plan, wire(inputs, context), context.signal);
    for (const check of warnings(outcome.report)) log.warn(`Non-critical smoke check failed: ${check.name}: ${check.detail}`);
    const error =
      outcome.error &&
      new DeployError(redact(outcome.error.message), {
        why: outcome.error.why.map(redact),
        fix: outcome.error.fix && redact(outcome.error.fix),
      });
    return { report: redactDeep(outcome.report, redact), error };
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
