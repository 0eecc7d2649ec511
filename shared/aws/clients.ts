import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SUITE, VERSION } from '../version.ts';

export interface AwsSettings {
  region: string;
  /** Retries after the first attempt; the SDK's adaptive mode spaces them and rate-limits the client. */
  maxRetries: number;
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
