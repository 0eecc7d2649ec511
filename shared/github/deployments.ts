import type { getOctokit } from '@actions/github';
import { DeployError, messageOf } from '../errors.ts';
import {
  arnLocation,
  resourceName,
  type DeploymentEntry,
  type DeploymentRecord,
  type FinalState,
  type RecordHandle,
  type RecordScope,
} from '../engine/record.ts';
import { readPayload } from './payload.ts';
import { quoteUntrusted } from './untrusted.ts';

type Octokit = ReturnType<typeof getOctokit>;

/** Where runs are recorded: the repository, the commit that was deployed and this run's page. */
export interface GitHubTarget {
  owner: string;
  repo: string;
  /** GITHUB_SHA. */
  ref: string;
  /** The workflow run, linked from every status. */
  logUrl?: string;
}

/** How far back `last-successful` looks, and how many older entries a success may supersede. */
const HISTORY = 30;

/**
 * The deployment record as GitHub Deployments, so the repository's Environments page shows
 * the history. Recording is best effort: a token without `deployments: write` (or any other
 * failure) is one warning, then the record is a no-op for the rest of the run. Reading the
 * history for `last-successful` is not best effort: a rollback needs the answer.
 */
export class GitHubDeployments implements DeploymentRecord {
  private readonly octokit: Octokit;
  private readonly target: GitHubTarget;
  private readonly warn: (message: string) => void;
  private disabled = false;
  private environment = '';

  constructor(octokit: Octokit, target: GitHubTarget, warn: (message: string) => void) {
    this.octokit = octokit;
    this.target = target;
    this.warn = warn;
  }

  async start(entry: DeploymentEntry): Promise<RecordHandle | undefined> {
    if (this.disabled) return undefined;
    this.environment = entry.environment;
    try {
      const created = await this.octokit.rest.repos.createDeployment({
        owner: this.target.owner,
        repo: this.target.repo,
        ref: this.target.ref,
        environment: entry.environment,
        task: `deploy:${entry.strategy}`,
        description: `${entry.strategy}: ${entry.taskDefinitionArn.split('/').pop()}`.slice(0, 140),
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: entry.environment === 'production',
        // What `last-successful` needs to trust the entry: whose it is and exactly which version.
        payload: {
          cluster: resourceName(entry.cluster),
          services: entry.services.map(resourceName),
          // ECS runs only task definitions of the service's own account and region.
          ...arnLocation(entry.taskDefinitionArn),
          task_definition_arn: entry.taskDefinitionArn,
          strategy: entry.strategy,
          ...(entry.reason ? { reason: entry.reason } : {}),
        },
      });
      // 202 is GitHub declining to create it (e.g. a merge it was asked to attempt).
      if (!('id' in created.data)) throw new Error(`GitHub did not create the deployment: ${created.data.message ?? created.status}`);
      const handle = { id: created.data.id };
      await this.status(handle.id, 'in_progress', `${entry.strategy} in progress`);
      return handle;
    } catch (error) {
      this.disable(error);
      return undefined;
    }
  }

  async finish(handle: RecordHandle | undefined, state: FinalState, description: string): Promise<void> {
    if (!handle || this.disabled) return;
    try {
      await this.status(handle.id, state, description);
      if (state === 'success') await this.supersede(handle.id);
    } catch (error) {
      this.disable(error);
    }
  }

  async lastSuccessful(environment: string, scope: RecordScope): Promise<string | undefined> {
    try {
      for (const deployment of await this.history(environment)) {
        const read = readPayload(deployment.payload, scope);
        if (!read.ok) {
          // The payload is anyone's text: only its problem is printed, quoted.
          if (read.invalid) this.warn(`Ignored deployment ${deployment.id} of "${environment}": ${quoteUntrusted(read.problem)}`);
          continue;
        }
        const taskDefinition = read.taskDefinitionArn;
        const statuses = await this.octokit.rest.repos.listDeploymentStatuses({
          owner: this.target.owner,
          repo: this.target.repo,
          deployment_id: deployment.id,
          per_page: 100,
        });
        if (statuses.data.some((s) => s.state === 'success')) return taskDefinition;
      }
      return undefined;
    } catch (error) {
      throw new DeployError(`Could not read the deployment record of environment "${environment}"`, {
        why: messageOf(error),
        fix: permissionProblem(error)
          ? 'Give the job `permissions: deployments: read` (or pass a `github-token` that can read deployments), or name the task definition in `to`.'
          : 'Re-run later, or name the task definition in `to`.',
        cause: error,
      });
    }
  }

  private history(environment: string) {
    return this.octokit.rest.repos
      .listDeployments({ owner: this.target.owner, repo: this.target.repo, environment, per_page: HISTORY })
      .then((response) => response.data);
  }

  private status(id: number, state: FinalState | 'in_progress' | 'inactive', description: string) {
    return this.octokit.rest.repos.createDeploymentStatus({
      owner: this.target.owner,
      repo: this.target.repo,
      deployment_id: id,
      state,
      description: description.slice(0, 140),
      // Unset when the post step closes an entry a killed main step opened: GitHub keeps the deployment's own.
      ...(this.environment ? { environment: this.environment } : {}),
      // Superseded entries are marked below for every environment, production included.
      auto_inactive: false,
      ...(this.target.logUrl ? { log_url: this.target.logUrl } : {}),
    });
  }

  /** Older entries still showing success are no longer what runs: mark them inactive. */
  private async supersede(current: number): Promise<void> {
    for (const deployment of await this.history(this.environment)) {
      if (deployment.id === current) continue;
      const latest = await this.octokit.rest.repos.listDeploymentStatuses({
        owner: this.target.owner,
        repo: this.target.repo,
        deployment_id: deployment.id,
        per_page: 1,
      });
      const state = latest.data[0]?.state;
      // Everything older was superseded by an earlier run.
      if (state === 'inactive') return;
      if (state === 'success') await this.status(deployment.id, 'inactive', `superseded by deployment ${current}`);
    }
  }

  private disable(error: unknown): void {
    this.disabled = true;
    this.warn(
      permissionProblem(error)
        ? `Not recording this run in GitHub Deployments: the token lacks \`deployments: write\` (${messageOf(error)}). Add \`permissions: deployments: write\` to the job to keep a deployment history.`
        : `Not recording this run in GitHub Deployments: ${messageOf(error)}`,
    );
  }
}

function permissionProblem(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status;
  return status === 403 || status === 404 || /Resource not accessible by integration/i.test(messageOf(error));
}
