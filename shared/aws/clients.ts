import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { webIdentityCredentials, type RoleToAssume } from './credentials.ts';
import { requestHandler, type AwsTimeouts } from './http.ts';
import { SUITE, VERSION } from '../version.ts';

export interface AwsSettings {
  region: string;
  /** Retries after the first attempt; the SDK's adaptive mode spaces them and rate-limits the client. */
  maxRetries: number;
  /** Aborts every request in flight and refuses new ones (the run was cancelled). */
  signal?: AbortSignal;
  /** Where credentials come from; the SDK's default chain (environment, configure-aws-credentials) when unset. */
  credentials?: AwsCredentialIdentityProvider;
  timeouts?: AwsTimeouts;
}

/**
 * Client options every adapter shares. The endpoint is left to the SDK, which honours
 * AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>), so the same bundle runs against AWS or a
 * local endpoint.
 */
export function clientConfig(settings: AwsSettings) {
  return {
    region: settings.region,
    retryMode: 'adaptive',
    maxAttempts: settings.maxRetries + 1,
    customUserAgent: [[SUITE, VERSION]] as [string, string][],
    requestHandler: requestHandler(settings.timeouts, settings.signal),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  };
}

export interface AwsClients {
  ecs: ECSClient;
  elb: ElasticLoadBalancingV2Client;
  cloudwatch: CloudWatchClient;
}

export function awsClients(settings: AwsSettings): AwsClients {
  const config = clientConfig(settings);
  return { ecs: new ECSClient(config), elb: new ElasticLoadBalancingV2Client(config), cloudwatch: new CloudWatchClient(config) };
}

/**
 * One run's AWS access: clients that carry the run's abort signal, and the same clients without
 * it (bounded by timeouts only) for what must go through after a cancel: putting traffic back.
 * With a role, both share one renewing credentials provider.
 */
export function awsSession(
  settings: { region: string; maxRetries: number; role?: RoleToAssume },
  signal?: AbortSignal,
): { clients: AwsClients; uncancellable: AwsClients } {
  const credentials = settings.role ? webIdentityCredentials(settings.role, { region: settings.region }) : undefined;
  const base = { region: settings.region, maxRetries: settings.maxRetries, credentials };
  return { clients: awsClients({ ...base, signal }), uncancellable: awsClients(base) };
}
