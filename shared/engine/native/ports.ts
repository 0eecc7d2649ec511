/**
 * The one port the single-service (ECS-native) engine talks to. shared/aws/ecs-service-deployments.ts
 * implements it with the AWS SDK, the tests with an in-memory fake. Lifecycle stages are plain
 * strings: the SDK's stage enum lacks PRE_PRODUCTION_TRAFFIC_SHIFT.
 */
import type { ServiceEvent, StoppedTask, TargetGroupWeights } from '../ports.ts';

export type HookAction = 'CONTINUE' | 'ROLLBACK';

export interface LifecycleHook {
  targetType: string;
  stages: string[];
  timeoutMinutes?: number;
  timeoutAction?: HookAction;
  /** Lambda hooks only; kept so a configuration read and written back loses nothing. */
  hookTargetArn?: string;
  roleArn?: string;
}

/** The parts of DeploymentConfiguration the engine reads or sets. */
export interface DeploymentSettings {
  /** ROLLING when ECS reports none. */
  strategy: string;
  bakeTimeInMinutes?: number;
  canary?: { percent: number; bakeMinutes: number };
  linear?: { stepPercent: number; bakeMinutes: number };
  hooks: LifecycleHook[];
}

/** The load balancer entry that carries the native wiring. */
export interface NativeWiring {
  targetGroupArn: string;
  alternateTargetGroupArn: string | undefined;
  productionListenerRule: string | undefined;
  testListenerRule: string | undefined;
  roleArn: string | undefined;
}

export interface NativeService {
  name: string;
  arn: string;
  status: string;
  /** ECS, CODE_DEPLOY or EXTERNAL; ECS when not set. */
  controller: string;
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  /** The load balancer with advancedConfiguration; undefined when none has it. */
  wiring: NativeWiring | undefined;
  settings: DeploymentSettings;
  /** The exact deploymentConfiguration as ECS returned it (opaque JSON): what a restore writes back. */
  snapshot: string;
  events: ServiceEvent[];
}

export interface HookDetail {
  hookId: string;
  targetType: string;
  status: string;
  expiresAt: Date | undefined;
  timeoutAction: string | undefined;
}

export interface NativeDeployment {
  arn: string;
  /** PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED. */
  status: string;
  statusReason: string | undefined;
  lifecycleStage: string | undefined;
  hooks: HookDetail[];
  /** The task definition the deployment moves to. */
  taskDefinition: string | undefined;
  /** requestedProductionTrafficWeight of the target revision (a snapshot). */
  targetWeight: number | undefined;
  targetRunning: number;
  targetRequested: number;
  rollback: { reason: string | undefined; startedAt: Date | undefined } | undefined;
  circuitBreaker: { status: string | undefined; failureCount: number; threshold: number } | undefined;
  alarms: { status: string | undefined; triggered: string[] } | undefined;
  createdAt: Date | undefined;
}

export interface DeploymentBrief {
  arn: string;
  status: string;
  createdAt: Date | undefined;
}

export interface NativeEcs {
  describeService(service: string): Promise<NativeService>;
  /** The forward weights of a listener rule (or an NLB listener), by target group ARN. */
  ruleWeights(ruleArn: string): Promise<TargetGroupWeights>;
  registerTaskDefinition(document: Record<string, unknown>): Promise<string>;
  resolveTaskDefinition(reference: string): Promise<string>;
  /**
   * UpdateService with the task definition; with `configuration`, also the deployment
   * configuration: `settings` laid over the `base` snapshot. Returns the new service deployment's
   * ARN when ECS says it.
   */
  startDeployment(
    service: string,
    taskDefinition: string,
    configuration?: { base: string; settings: DeploymentSettings },
  ): Promise<string | undefined>;
  /** Newest first. */
  listDeployments(service: string, statuses?: string[]): Promise<DeploymentBrief[]>;
  describeDeployment(arn: string): Promise<NativeDeployment>;
  continueDeployment(arn: string, hookId: string, action: HookAction): Promise<void>;
  /** StopServiceDeployment with stopType ROLLBACK (idempotent while a rollback runs). */
  rollbackDeployment(arn: string): Promise<void>;
  /** Writes the snapshot back as the service's deployment configuration (hooks and strategy included). */
  restoreConfiguration(service: string, snapshot: string): Promise<void>;
  stoppedTasks(service: string, limit: number): Promise<StoppedTask[]>;
}
