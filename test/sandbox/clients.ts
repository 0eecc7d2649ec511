import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.ts';

/** Timings that keep the suite fast: health checks every 150 ms, short draining. */
export const FAST: SandboxOptions = {
  healthCheck: { intervalMs: 150 },
  ecs: { tickMs: 50, taskStartDelayMs: 20, retryDelayMs: 100, maxRetryDelayMs: 400, stopTimeoutMs: 1000 },
  elb: { deregistrationDelayMs: 200 },
  cloudwatch: { alarmEvaluationIntervalMs: 200 },
};

/** The real SDK v3 clients, pointed at the sandbox with dummy credentials. */
export function clients(sandbox: Sandbox, maxAttempts = 3) {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    maxAttempts,
  };
  return {
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    cloudwatch: new CloudWatchClient(config),
    sts: new STSClient(config),
    ecr: new ECRClient(config),
  };
}

export async function get(url: string): Promise<{ status: number; body: string; json: Record<string, unknown> | undefined }> {
  const res = await fetch(url);
  const body = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, body, json };
}
