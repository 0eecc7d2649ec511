import * as core from '@actions/core';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployError, InputError } from '../errors.ts';
import { asDeployError } from '../engine/run-context.ts';
import type { Clock, Color, Log } from '../ports.ts';
import { formatWeights } from '../engine/topology.ts';
import type { Report } from '../report.ts';
import { renderSummary } from '../summary.ts';
import { CancelledError } from '../errors.ts';
import { neutralizeCommands } from './untrusted.ts';

/** Real time; sleeps end early with CancelledError when the signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** core.warning escapes line breaks itself; plain lines may carry AWS or user text, so no line may start a command. */
export const actionsLog: Log = { info: (m) => core.info(neutralizeCommands(m)), warn: (m) => core.warning(m) };

/**
 * Runs an entrypoint the way every action in the suite runs: SIGINT/SIGTERM (a cancelled
 * workflow) aborts the signal so the engine can put traffic back before the process exits,
 * and any error ends as one annotation with the fix plus its evidence in a collapsed group.
 */
export async function runAction(main: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`Received ${signal}: stopping; traffic goes back to the previous version before exit`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await main(controller.signal);
  } catch (error) {
    reportFailure(error);
    await summarizeUnreported(error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function reportFailure(error: unknown): void {
  if (error instanceof InputError) {
    core.setFailed(error.message);
    return;
  }
  const failure = error instanceof DeployError ? error : asDeployError(error);
  if (failure.why.length > 0) {
    core.startGroup(`Why: ${failure.message}`);
    for (const line of failure.why) core.info(neutralizeCommands(line));
    core.endGroup();
  }
  core.setFailed(failure.fix ? `${failure.message}. ${failure.fix}` : failure.message);
}

/** A step that failed before writing its job summary (a bad input, say) still leaves one. */
async function summarizeUnreported(error: unknown): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file || (existsSync(file) && statSync(file).size > 0)) return;
  const failure = error instanceof DeployError ? error : asDeployError(error);
  const lines = [`## ❌ Failed: ${failure.message}`, '', ...(failure.fix ? [failure.fix, ''] : [])];
  if (failure.why.length > 0) lines.push('```', ...failure.why, '```', '');
  await core.summary.addRaw(lines.join('\n')).write();
}

/** Writes the job summary and the JSON report; returns the report's path (the `report` output). */
export async function publishReport(report: Report, error?: DeployError): Promise<string> {
  if (error) report.error = { what: error.message, why: error.why, fix: error.fix };
  const path = join(
    process.env.RUNNER_TEMP || tmpdir(),
    `${report.action}-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`,
  );
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(report)).write();
  return path;
}

/**
 * Ends a two-color run (canary, blue-green): the outputs they share, the summary and the JSON
 * report; then fails the step when the run did not end as asked.
 */
export async function concludeTwoColorRun(
  report: Report,
  error: DeployError | undefined,
  where: { region: string; cluster: string; services: Record<Color, string>; listener: string },
): Promise<void> {
  Object.assign(report.facts, consoleLinks(where.region, where.cluster, Object.values(where.services), where.listener));
  core.setOutput('result', report.result);
  if (report.liveColor) core.setOutput('live-service', where.services[report.liveColor]);
  if (report.previousColor) core.setOutput('previous-service', where.services[report.previousColor]);
  if (report.taskDefinitionArn) core.setOutput('task-definition-arn', report.taskDefinitionArn);
  if (report.previousTaskDefinitionArn) core.setOutput('previous-task-definition-arn', report.previousTaskDefinitionArn);
  if (report.weights) core.setOutput('weights', formatWeights(report.weights));
  core.setOutput('report', await publishReport(report, error));
  if (error) throw error;
}

/** Links a person can click from the summary. */
export function consoleLinks(region: string, cluster: string, services: string[], listener: string): Record<string, string> {
  const console = `https://${region}.console.aws.amazon.com`;
  return {
    'ECS console': services
      .map((s) => `[${s}](${console}/ecs/v2/clusters/${cluster}/services/${s}/deployments?region=${region})`)
      .join(', '),
    'Load balancer': `[listener](${console}/ec2/home?region=${region}#ELBListenerV2:listenerArn=${encodeURIComponent(listener)})`,
  };
}
