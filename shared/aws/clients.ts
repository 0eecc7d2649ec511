import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, HttpHandlerOptions } from '@smithy/types';
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

export interface AwsTimeouts {
  /** How long a TCP (and TLS) connection may take. */
  connectMs: number;
  /** How long one request may take, first byte sent to last byte received. */
  requestMs: number;
}

/**
 * Generous for AWS control-plane calls (they answer in well under a second), short enough that
 * a hung connection costs one retry, not the run. `throwOnRequestTimeout` matters: without it
 * the SDK only logs a warning and the request keeps hanging.
 */
export const DEFAULT_TIMEOUTS: AwsTimeouts = { connectMs: 5_000, requestMs: 30_000 };

/** The SDK's Node handler with timeouts that throw, and the run's abort signal on every request. */
class BoundedHandler extends NodeHttpHandler {
  private readonly signal: AbortSignal | undefined;

  constructor(options: NodeHttpHandlerOptions, signal: AbortSignal | undefined) {
    super(options);
    this.signal = signal;
  }

  override handle(request: Parameters<NodeHttpHandler['handle']>[0], options: HttpHandlerOptions = {}) {
    return super.handle(request, { ...options, abortSignal: options.abortSignal ?? this.signal });
  }
}

export function requestHandler(timeouts: AwsTimeouts = DEFAULT_TIMEOUTS, signal?: AbortSignal): NodeHttpHandler {
  return new BoundedHandler(
    { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
    signal,
  );
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

/** The region from the input, else the environment configure-aws-credentials sets. */
export function resolveRegion(input: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return input || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}
