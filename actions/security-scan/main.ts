import * as core from '@actions/core';
import { ECRClient } from '@aws-sdk/client-ecr';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsClients, clientConfig } from '../../shared/aws/clients.ts';
import { EcrScanner } from '../../shared/aws/ecr-scan.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { EcsTaskImages } from '../../shared/aws/ecs-task-images.ts';
import { syncIssues, type IssueChange } from '../../shared/engine/security/issues.ts';
import { runSecurityScan } from '../../shared/engine/security/scan.ts';
import { renderScanSummary } from '../../shared/engine/security/summary.ts';
import { actionsLog, runAction, systemClock } from '../../shared/github/action.ts';
import { GitHubIssues } from './github-issues.ts';
import { parseScanInputs } from './inputs.ts';

await runAction(async () => {
  const inputs = parseScanInputs((name) => core.getInput(name));
  const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
  const clients = awsClients(settings);
  const ecr = new Map<string, ECRClient>();
  const ecrFor = (region: string) => ecr.get(region) ?? ecr.set(region, new ECRClient(clientConfig({ ...settings, region }))).get(region)!;

  const { report, error } = await runSecurityScan(
    { cluster: inputs.cluster, services: inputs.services, failOn: inputs['fail-on'], requireScan: inputs['require-scan'] },
    {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      taskDefinitions: new EcsTaskImages(clients.ecs),
      scanner: new EcrScanner(ecrFor),
      clock: systemClock,
      log: actionsLog,
    },
  );

  let issues: IssueChange[] = [];
  if (inputs['open-issues'] && report.images.length > 0) {
    const tracker = new GitHubIssues(inputs['github-token']!, inputs.repository);
    issues = await syncIssues(report, tracker, inputs['issue-label'], { clock: systemClock, log: actionsLog });
  }

  core.setOutput('result', report.result);
  core.setOutput('images', String(report.images.length));
  core.setOutput('blocking', String(report.images.reduce((sum, r) => sum + r.blocking.length, 0)));
  core.setOutput(
    'issues',
    issues
      .filter((i) => i.action !== 'unchanged')
      .map((i) => i.url)
      .join(','),
  );
  if (error) report.error = { what: error.message, why: error.why, fix: error.fix };
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `security-scan-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`);
  await writeFile(path, JSON.stringify({ ...report, issues }, null, 2));
  core.setOutput('report', path);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderScanSummary(report, issues)).write();
  if (error) throw error;
});
