import * as core from '@actions/core';
import { runPreflight } from '../../shared/engine/preflight/runner.ts';
import { DeployError } from '../../shared/errors.ts';
import { runAction } from '../../shared/github/action.ts';
import { parsePreflightInputs } from './inputs.ts';
import { publishPreflight } from './publish.ts';
import { preflightPorts } from './wiring.ts';

await runAction(async (signal) => {
  const inputs = parsePreflightInputs((name) => core.getInput(name));
  const report = await runPreflight(inputs.plan, preflightPorts(inputs), signal);

  core.setOutput('result', report.result);
  core.setOutput('failed-checks', report.failedChecks.join(','));
  core.setOutput('warnings', report.warnings.join(','));
  core.setOutput('report', await publishPreflight(report));
  core.setOutput('live-service', report.live?.service ?? '');
  core.setOutput('live-task-definition-arn', report.live?.taskDefinitionArn ?? '');
  core.setOutput('weights', report.live?.weights ?? '');
  if (report.result === 'fail') {
    throw new DeployError(`Preflight failed: ${report.failedChecks.join(', ')}`, {
      why: report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.summary}`),
      fix: 'See the job summary for each check’s evidence; fix those, then run again.',
    });
  }
});
