import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { State } from '../constants.ts';
import type { Checkpoint } from '../engine/ports.ts';
import type { RunOutcome } from '../engine/two-color/run-context.ts';
import type { NativeOutcome } from '../engine/native/context.ts';
import type { DeploymentRecord, FinalState, RecordHandle, Strategy } from '../engine/record.ts';
import type { RecordInputs } from '../inputs/record.ts';
import { actionsLog } from './actions-log.ts';
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
    actionsLog(core).warn(
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
    actionsLog(core).warn,
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
  checkpoint?: Checkpoint,
): Promise<T> {
  let started: Promise<RecordHandle | undefined> | undefined;
  const onTaskDefinition = async (arn: string) => {
    if (!record || !inputs.environment || started) return;
    const environment = inputs.environment;
    started = record.start({ ...run, environment, taskDefinitionArn: arn }).then((handle) => {
      // At once: a main step killed from here on leaves the entry for the post step to close.
      if (handle) checkpoint?.save(State.Record, JSON.stringify(savedRecord(handle, environment)));
      return handle;
    });
    await started;
  };
  const finish = async (state: FinalState, description: string) => {
    await record!.finish(await started, state, description);
    checkpoint?.save(State.Record, '');
  };
  let outcome: T;
  try {
    outcome = await engine(onTaskDefinition);
  } catch (error) {
    if (started) await finish('failure', `failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  if (started) {
    const { report, error } = outcome;
    // Two colors name the live one; a native run's one service is live when promoted.
    const liveService = 'services' in report ? report.liveColor && report.services[report.liveColor] : report.service;
    const live = liveService && !error ? ` ${liveService} is live` : '';
    await finish(error ? 'failure' : 'success', error ? `${report.result}: ${error.message}` : `${report.result}:${live}`);
  }
  return outcome;
}

/** What the post step needs to close an entry the main step left open: which entry, in which repository. */
export interface SavedRecord {
  id: number;
  environment: string;
  repository: string;
}

const savedRecord = (handle: RecordHandle, environment: string): SavedRecord => ({
  id: handle.id,
  environment,
  repository: process.env.GITHUB_REPOSITORY ?? '',
});

/**
 * The post step of a main step that was killed (SIGKILL: it never closed its entry): the entry
 * ends `failure`, saying so and what the post step did. The token is the `github-token` input,
 * which the runner gives the post step too; nothing secret is saved in the state.
 */
export async function closeLeftRecord(saved: SavedRecord, token: string, description: string): Promise<void> {
  const record = deploymentRecord(
    { environment: saved.environment, 'github-token': token },
    { ...process.env, GITHUB_REPOSITORY: saved.repository || process.env.GITHUB_REPOSITORY },
  );
  await record?.finish({ id: saved.id }, 'failure', description);
}
