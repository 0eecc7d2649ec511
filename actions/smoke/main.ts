import * as core from '@actions/core';
import { runSmoke, smokeFailure, warnings } from '../../shared/engine/smoke/smoke.ts';
import { actionsLog, runAction, systemClock } from '../../shared/github/action.ts';
import { createHttpProbe } from '../../shared/net/http-probe.ts';
import { commandSuite } from './command.ts';
import { parseSmokeInputs } from './inputs.ts';
import { publishSmokeReport } from './publish.ts';

await runAction(async (signal) => {
  const inputs = parseSmokeInputs((name) => core.getInput(name));
  for (const secret of inputs.secrets) core.setSecret(secret);
  if (inputs.plan.target.insecure) core.warning(`insecure: the certificate of ${inputs.plan.target.url} is not verified`);

  const report = await runSmoke(
    inputs.plan,
    { probe: createHttpProbe(), clock: systemClock, log: actionsLog, suite: inputs.command ? commandSuite(inputs.command) : undefined },
    signal,
  );

  for (const check of warnings(report)) core.warning(`Non-critical smoke check failed: ${check.name}: ${check.detail}`);
  core.setOutput('result', report.result);
  core.setOutput('passed', report.passed);
  core.setOutput('failed', report.failed);
  core.setOutput('p95-ms', report.p95Ms ?? '');
  core.setOutput('report', await publishSmokeReport(report));
  const failure = smokeFailure(report);
  if (failure) throw failure;
});
