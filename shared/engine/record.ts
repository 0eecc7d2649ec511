/**
 * The deployment record: every canary, blue-green and rollback run as one entry in the
 * history of an environment (GitHub Deployments in the action, a list in tests). It is how
 * `rollback` with `to: last-successful` finds the last verified-good task definition.
 */

export type Strategy = 'canary' | 'blue-green' | 'rollback';

export interface DeploymentEntry {
  environment: string;
  cluster: string;
  services: string[];
  taskDefinitionArn: string;
  strategy: Strategy;
  /** Why a rollback was run, as the person who ran it wrote it. */
  reason?: string;
}

export interface RecordHandle {
  readonly id: number;
}

export type FinalState = 'success' | 'failure';

export interface DeploymentRecord {
  /** Records the run as in progress; undefined when the record is unavailable (never throws). */
  start(entry: DeploymentEntry): Promise<RecordHandle | undefined>;
  /** Final state; on success the entries it supersedes become inactive (never throws). */
  finish(handle: RecordHandle | undefined, state: FinalState, description: string): Promise<void>;
  /** The task definition of the newest successful entry; throws a DeployError when the record cannot be read. */
  lastSuccessful(environment: string): Promise<string | undefined>;
}
