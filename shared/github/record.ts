import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import type { RunOutcome } from '../engine/two-color/run-context.ts';
import type { NativeOutcome } from '../engine/native/context.ts';
import type { DeploymentRecord, RecordHandle, Strategy } from '../engine/record.ts';
import type { RecordInputs } from '../inputs/record.ts';
import { GitHubDeployments } from './deployments.ts';

/**
 * The GitHub Deployments record of `environment` for this run, or undefined when the action
 * was given no environment (nothing is recorded then).
 */
export function deploymentRecord(inputs: RecordInputs, env: NodeJS.ProcessEnv = process.env): DeploymentRecord | undefined {
  if (!inputs.environment) return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  // An unexpanded `${{ github.token }}` (a run outside Actions) is no token.
  const token = inputs['github-token']?.includes('${{') ? '' : inputs['github-token'];
  if (!token || !owner || !repo || !env.GITHUB_SHA) {
    core.warning(
      `Not recording this run in GitHub Deployments: ${token ? 'GITHUB_REPOSITORY and GITHUB_SHA are not set' : 'github-token is empty'}`,
    );
    return undefined;
  }
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return new GitHubDeployments(
    getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' }),
    {
      owner,
      repo,
      ref: env.GITHUB_SHA,
      logUrl: env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    },
    (message) => core.warning(message),
  );
}

export interface RecordedRun {
  strategy: Strategy;
  cluster: string;
  services: string[];
  reason?: string;
}

/**
 * Runs one engine inside a deployment record. The entry starts when the engine names the task
 * definition it is about to deploy or make live (`onTaskDefinition`, passed on in the engine's
 * ports), so the record never shows a version that was not tried; a run that changes nothing
 * records nothing. It ends `success` or `failure` with the outcome.
 */
export async function withDeploymentRecord<T extends RunOutcome | NativeOutcome>(
  inputs: RecordInputs,
  run: RecordedRun,
  engine: (onTaskDefinition: (arn: string) => Promise<void>) => Promise<T>,
  record: DeploymentRecord | undefined = deploymentRecord(inputs),
): Promise<T> {
  let started: Promise<RecordHandle | undefined> | undefined;
  const onTaskDefinition = async (arn: string) => {
    if (!record || !inputs.environment || started) return;
    started = record.start({ ...run, environment: inputs.environment, taskDefinitionArn: arn });
    await started;
  };
  let outcome: T;
  try {
    outcome = await engine(onTaskDefinition);
  } catch (error) {
    if (started) await record!.finish(await started, 'failure', `failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  if (started) {
    const { report, error } = outcome;
    // Two colors name the live one; a native run's one service is live when promoted.
    const liveService = 'services' in report ? report.liveColor && report.services[report.liveColor] : report.service;
    const live = liveService && !error ? ` ${liveService} is live` : '';
    await record!.finish(
      await started,
      error ? 'failure' : 'success',
      error ? `${report.result}: ${error.message}` : `${report.result}:${live}`,
    );
  }
  return outcome;
}
