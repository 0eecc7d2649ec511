import type { PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { ImageScanFinding } from '@aws-sdk/client-ecr';
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import type { CredentialOptions } from './credentials.ts';
import type { HealthCheckSettings } from './elb/health.ts';
import type { EcsTimings } from './ecs/scheduler.ts';
import type { PublishingOptions } from './cloudwatch/publishing.ts';
import { createRateLimiter, type RateLimiter } from './rate-limits.ts';

export interface ServiceSeedOptions {
  name?: string;
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
}

export interface EcrImageSeed {
  tags: string[];
  findings?: ImageScanFinding[];
}

/** The single-service app deployed by ECS itself (BLUE_GREEN, CANARY, LINEAR). */
export interface NativeAppOptions {
  /** Service name (default `web`). */
  name?: string;
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
  /** Merged over the default `{ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }`. */
  deploymentConfiguration?: DeploymentConfiguration;
}

export interface WorldDimensions {
  /** `app/<name>/<id>` */
  loadBalancer: string;
  /** `targetgroup/<name>/<id>` */
  targetGroups: { blue: string; green: string };
}

export interface WorldOptions {
  /** ECS cluster name (default `demo`). */
  cluster?: string;
  /** Task definition family (default `web`). */
  family?: string;
  /** Image of revision 1 (default `<account>.dkr.ecr.<region>.amazonaws.com/web:v1`). */
  image?: string;
  /** Container environment of revision 1; it drives the sample app (default `{ VERSION: 'v1' }`). */
  environment?: Record<string, string>;
  containerName?: string;
  containerPort?: number;
  blue?: ServiceSeedOptions;
  green?: ServiceSeedOptions;
  loadBalancerName?: string;
  /** Production listener default-action weights (default blue 100, green 0). */
  weights?: { blue: number; green: number };
  /** Weights of the `/api/*` listener rule (default: same as `weights`). */
  ruleWeights?: { blue: number; green: number };
  rulePathPattern?: string;
  /** Replaces the default `demo-5xx` alarm; a function receives the CloudWatch dimension values of the world. */
  alarms?: PutMetricAlarmInput[] | ((dimensions: WorldDimensions) => PutMetricAlarmInput[]);
  /** Images of the ECR repository named like the family (default v1 clean, v2 one LOW finding, v3 one CRITICAL finding). */
  ecrImages?: EcrImageSeed[];
  /** The single-service app with two target groups on a production and a test rule; `false` leaves it out. */
  native?: NativeAppOptions | false;
}

export interface SandboxOptions {
  /** AWS API port; 0 (default) picks a free port. */
  port?: number;
  /** Production listener port; 0 (default) picks a free port. */
  listenerPort?: number;
  /** Test listener port; 0 (default) picks a free port. */
  testListenerPort?: number;
  /** Production listener of the single-service (ECS-native) app; 0 (default) picks a free port. */
  nativeListenerPort?: number;
  /** Test listener of the single-service (ECS-native) app; 0 (default) picks a free port. */
  nativeTestListenerPort?: number;
  region?: string;
  accountId?: string;
  /** Target-group health checks (defaults: every 1000 ms, healthy after 2 passes, unhealthy after 2 fails). */
  healthCheck?: Partial<HealthCheckSettings>;
  /** ECS scheduler timings (see EcsTimings). */
  ecs?: Partial<EcsTimings>;
  elb?: {
    /** Draining time of a deregistered target before it is removed and its task killed (default 1000 ms). */
    deregistrationDelayMs?: number;
    /** Describe* return the previous actions this long after a Modify* (default 0). */
    propagationLagMs?: number;
    /** A target slower than this gets an ELB 504 (default 60000 ms, the ALB idle timeout). */
    targetTimeoutMs?: number;
  };
  cloudwatch?: {
    /** How often metric alarms are evaluated (default 1000 ms). */
    alarmEvaluationIntervalMs?: number;
    /** How long raw metric samples are kept (default 3 h). */
    retentionMs?: number;
    /** Publish ALB metrics per period and late, and evaluate alarms on closed periods, as AWS does (default: at once). */
    albPublishing?: PublishingOptions;
  };
  world?: WorldOptions;
  /** Two-colour apps to seed (default 1, the default world's); apps 2..N are `app2`, `app3`, … (see scale-apps.ts). */
  apps?: number;
  /** `process` (default): a child process per ECS task. `in-process`: an HTTP server in this process per task, for scale runs. */
  tasks?: 'process' | 'in-process';
  /**
   * Throttle ECS, ELBv2 and CloudWatch at AWS's published per-account rates (see rate-limits.ts).
   * Default off. A limiter from createRateLimiter() may be given instead of `true` (a test's own clock).
   */
  rateLimits?: boolean | RateLimiter;
  /** Role sessions from STS AssumeRoleWithWebIdentity (see credentials.ts). */
  credentials?: CredentialOptions;
  /** RunTask: one EC2 container instance of this size (cpu units, MiB) for launchType EC2; none by default. */
  oneOffTasks?: { ec2?: { cpu: number; memory: number } };
  /** Node binary that runs the tasks (default: this process's, which must be Node >= 23.6 for .ts). */
  nodePath?: string;
  /** Resolve only once the seeded tasks listen (default true). */
  waitForTasks?: boolean;
  /** Diagnostics (task crashes, internal errors). Default: silent. */
  log?: (line: string) => void;
}

export interface ResolvedOptions {
  host: '127.0.0.1';
  port: number;
  listenerPort: number;
  testListenerPort: number;
  nativeListenerPort: number;
  nativeTestListenerPort: number;
  region: string;
  accountId: string;
  healthCheck: HealthCheckSettings;
  ecs: EcsTimings;
  elb: { deregistrationDelayMs: number; propagationLagMs: number; targetTimeoutMs: number };
  cloudwatch: { alarmEvaluationIntervalMs: number; retentionMs: number; albPublishing?: PublishingOptions };
  world: WorldOptions;
  apps: number;
  tasks: 'process' | 'in-process';
  rateLimits: RateLimiter | undefined;
  credentials: CredentialOptions;
  nodePath: string;
  waitForTasks: boolean;
  log: (line: string) => void;
}

export function resolveOptions(options: SandboxOptions, defaultNodePath: string): ResolvedOptions {
  const intervalMs = options.healthCheck?.intervalMs ?? 1000;
  return {
    host: '127.0.0.1',
    port: options.port ?? 0,
    listenerPort: options.listenerPort ?? 0,
    testListenerPort: options.testListenerPort ?? 0,
    nativeListenerPort: options.nativeListenerPort ?? 0,
    nativeTestListenerPort: options.nativeTestListenerPort ?? 0,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    healthCheck: {
      intervalMs,
      // Generous on purpose: a loaded CI machine must not turn a slow loopback probe into a failed task.
      timeoutMs: options.healthCheck?.timeoutMs ?? Math.min(5000, Math.max(1000, intervalMs)),
      healthyThreshold: options.healthCheck?.healthyThreshold ?? 2,
      unhealthyThreshold: options.healthCheck?.unhealthyThreshold ?? 2,
      path: options.healthCheck?.path ?? '/health',
    },
    ecs: {
      tickMs: options.ecs?.tickMs ?? 100,
      taskStartDelayMs: options.ecs?.taskStartDelayMs ?? 100,
      taskStartTimeoutMs: options.ecs?.taskStartTimeoutMs ?? 15_000,
      retryDelayMs: options.ecs?.retryDelayMs ?? 250,
      maxRetryDelayMs: options.ecs?.maxRetryDelayMs ?? 5_000,
      circuitBreakerThreshold: options.ecs?.circuitBreakerThreshold,
      stopTimeoutMs: options.ecs?.stopTimeoutMs ?? 2_000,
      minuteMs: options.ecs?.minuteMs ?? 60_000,
    },
    elb: {
      deregistrationDelayMs: options.elb?.deregistrationDelayMs ?? 1_000,
      propagationLagMs: options.elb?.propagationLagMs ?? 0,
      targetTimeoutMs: options.elb?.targetTimeoutMs ?? 60_000,
    },
    cloudwatch: {
      alarmEvaluationIntervalMs: options.cloudwatch?.alarmEvaluationIntervalMs ?? 1_000,
      retentionMs: options.cloudwatch?.retentionMs ?? 3 * 60 * 60 * 1000,
      ...(options.cloudwatch?.albPublishing ? { albPublishing: options.cloudwatch.albPublishing } : {}),
    },
    world: options.world ?? {},
    apps: appCount(options.apps),
    tasks: options.tasks ?? 'process',
    rateLimits: options.rateLimits === true ? createRateLimiter() : options.rateLimits || undefined,
    credentials: options.credentials ?? {},
    nodePath: options.nodePath ?? defaultNodePath,
    waitForTasks: options.waitForTasks ?? true,
    log: options.log ?? (() => {}),
  };
}

/** A sanity bound: each app is 4 tasks and a listener. */
const MAX_APPS = 500;

function appCount(apps: number | undefined): number {
  if (apps === undefined) return 1;
  if (!Number.isInteger(apps) || apps < 1 || apps > MAX_APPS) throw new Error(`apps must be an integer from 1 to ${MAX_APPS}, got ${apps}`);
  return apps;
}
