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

/**
 * Whose record an entry is: `last-successful` only trusts entries of the same cluster, the
 * same services, the same partition, region and account as the run that reads them.
 */
export interface RecordScope {
  cluster: string;
  services: string[];
  partition: string;
  region: string;
  account: string;
}

/** An ARN's partition, region and account, e.g. of a service the run reads from ECS. */
export function arnLocation(arn: string): Pick<RecordScope, 'partition' | 'region' | 'account'> | undefined {
  const match = /^arn:(aws[a-z-]*):[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/.exec(arn);
  return match ? { partition: match[1]!, region: match[2]!, account: match[3]! } : undefined;
}

/** A cluster or service as a name, whether given as a name or an ARN (`…:cluster/demo` → `demo`). */
export const resourceName = (nameOrArn: string): string => (nameOrArn.startsWith('arn:') ? nameOrArn.split('/').pop()! : nameOrArn);

/** The scope of a run on `cluster`/`services`, located by the ARN of one of its services. */
export function recordScope(cluster: string, services: string[], serviceArn: string): RecordScope | undefined {
  const location = arnLocation(serviceArn);
  return location && { cluster: resourceName(cluster), services: services.map(resourceName), ...location };
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
  /**
   * The task definition of the newest successful entry of this scope (entries of other apps,
   * accounts or regions, and payloads this suite did not write, are skipped); throws a
   * DeployError when the record cannot be read.
   */
  lastSuccessful(environment: string, scope: RecordScope): Promise<string | undefined>;
}
