/**
 * What the end-to-end tests, the demo and the benchmarks share: releases written as task
 * definition files, the inputs that point an action at a sandbox, and the weights as traffic
 * sees them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox, SandboxOptions } from '../index.ts';

/** Sandbox timings fast enough for a test, close enough to AWS in shape. */
export const FAST_SANDBOX: SandboxOptions = {
  healthCheck: { intervalMs: 200 },
  ecs: { tickMs: 50, taskStartDelayMs: 20, retryDelayMs: 100, maxRetryDelayMs: 400, stopTimeoutMs: 1000 },
  elb: { deregistrationDelayMs: 200 },
  cloudwatch: { alarmEvaluationIntervalMs: 250 },
};

/** A workspace folder holding task definition files, as a checkout would. */
export function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'workspace-'));
}

/**
 * Writes a release of the sample app (its behaviour set by environment) and returns its file name.
 * `app` is the sandbox (its first app) or any of its two-colour apps.
 */
export function writeRelease(
  dir: string,
  app: Pick<Sandbox, 'taskDefinitions'>,
  version: string,
  env: Record<string, string> = {},
  file = `task-definition-${version}.json`,
): string {
  const document = {
    family: app.taskDefinitions.family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: app.taskDefinitions.image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: Object.entries({ VERSION: version, ...env }).map(([name, value]) => ({ name, value })),
      },
    ],
  };
  writeFileSync(join(dir, file), JSON.stringify(document, null, 2));
  return file;
}

/** The environment that points a bundle at the sandbox, as configure-aws-credentials would. */
export function sandboxEnv(sandbox: Sandbox, dir: string): Record<string, string> {
  return { AWS_ENDPOINT_URL: sandbox.endpoint, AWS_REGION: sandbox.region, GITHUB_WORKSPACE: dir };
}

/** Canary inputs for the sandbox's topology with short timings; override what a test is about. */
export function canaryInputs(sandbox: Sandbox, taskDefinition: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    cluster: sandbox.cluster,
    'blue-service': sandbox.services.blue.name,
    'green-service': sandbox.services.green.name,
    'listener-arn': sandbox.listenerArn,
    'task-definition': taskDefinition,
    steps: '50,100',
    'bake-time': '3s',
    'poll-interval': '1s',
    'metric-period': '1s',
    'min-requests': '5',
    'max-5xx-rate': '5',
    // No alarm by default: the world's alarm has 60 s periods, so its evaluation covers a step only
    // 60 s after the step ends (docs/gates.md), longer than these few-second bakes.
    alarms: '',
    'wait-timeout': '60s',
    ...overrides,
  };
}

/** Weights of the production listener as the traffic sees them, by color. */
export function liveWeights(sandbox: Sandbox, on: 'listener' | 'rule' = 'listener'): { blue: number; green: number } {
  const entries = sandbox.control.snapshot().weights[on];
  const weight = (name: string) => entries.find((e) => e.targetGroup === name)?.weight ?? 0;
  return { blue: weight(sandbox.targetGroups.blue.name), green: weight(sandbox.targetGroups.green.name) };
}
