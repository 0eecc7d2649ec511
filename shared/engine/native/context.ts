/** The named context of a native run: its plan, its ports (retried), its report and its checkpoint keys. */
import type { DeployError } from '../../errors.ts';
import type { Checkpoint, Clock, Gate, GateTargets, GateResult, Log, Verdict } from '../ports.ts';
import { TimelineRecorder, type RunRecord } from '../timeline.ts';
import { retrying, type RetryPolicy } from '../retry.ts';
import type { TaskDefinitionSource } from '../deploy.ts';
import type { NativeEcs } from './ports.ts';

/** `managed`: strategy and hooks live in the team's IaC; the action only drives what is configured. */
export type ConfigMode = 'action' | 'managed';

/** What every native run is told. */
export interface NativePlan {
  cluster: string;
  service: string;
  /** listener-arn / listener-rule-arn when given: must match the service's production rule. */
  expectedProductionRule?: string;
  configMode: ConfigMode;
  /** Gates judge each step (and the final bake) for at least this long. */
  bakeMs: number;
  /** How much longer an inconclusive step may wait at its pause before it fails. */
  extensionMs: number;
  pollMs: number;
  /** How long ECS may take for stages the engine does not bake (scale-up, test shift, rollback, clean-up). */
  waitTimeoutMs: number;
  /** Traffic gates for the new revision's target group, compared with the original one's when asked (alarms, 5xx, p95). */
  gates: (targets: GateTargets) => Gate[];
}

export interface NativePorts {
  ecs: NativeEcs;
  clock: Clock;
  log: Log;
  checkpoint: Checkpoint;
  retry?: RetryPolicy;
  /** Told the task definition ARN just before the run deploys it. Must not throw. */
  onTaskDefinition?: (arn: string) => Promise<void>;
}

/** `already-live`: a rollback found nothing to do; `restored`: a post step only wrote the configuration back. */
export type NativeResult = 'promoted' | 'paused' | 'rolled-back' | 'failed' | 'already-live' | 'restored';

export interface NativeStep {
  /** Percent of production traffic on the new revision. */
  weight: number;
  startedAt: string;
  durationMs: number;
  verdict: Verdict | 'cancelled';
  gates: GateResult[];
  polls: number;
}

export interface NativeReport extends RunRecord {
  action: string;
  cluster: string;
  service: string;
  result?: NativeResult;
  strategy?: string;
  serviceDeploymentArn?: string;
  /** ECS's final word on the deployment (SUCCESSFUL, ROLLBACK_SUCCESSFUL, …). */
  finalStatus?: string;
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  /** Target group that served production before the run, and the one the run moves to. */
  originalTargetGroup?: string;
  newTargetGroup?: string;
  /** Final production weights by target group. */
  weights?: Record<string, number>;
  steps: NativeStep[];
  /** The team's deployment configuration while this run's change to it is in force (opaque JSON). */
  configSnapshot?: string;
  error?: { what: string; why: string[]; fix?: string };
  facts: Record<string, string>;
}

export interface NativeOutcome {
  report: NativeReport;
  error?: DeployError;
}

export class NativeRecorder extends TimelineRecorder<NativeReport> {
  constructor(action: string, cluster: string, service: string, clock: Clock, log: Log) {
    super((startedAt) => ({ action, cluster, service, startedAt, timeline: [], steps: [], facts: {} }), clock, log);
  }

  startStep(weight: number): NativeStep {
    const step: NativeStep = { weight, startedAt: this.iso(), durationMs: 0, verdict: 'inconclusive', gates: [], polls: 0 };
    this.report.steps.push(step);
    return step;
  }
}

/** Checkpoint keys: what a post step needs to roll back and restore after a killed run. */
export const STATE = {
  phase: 'native-phase',
  cluster: 'native-cluster',
  service: 'native-service',
  deployment: 'native-deployment-arn',
  snapshot: 'native-config-snapshot',
  configChanged: 'native-config-changed',
  originalTargetGroup: 'native-original-tg',
} as const;

/** `deploying` → the post step must roll back; `paused` (prepare) and `done` → it must not. */
export type NativePhase = 'inspect' | 'deploying' | 'paused' | 'done';

/** The context every native stage is given: the ports as a run uses them (see `nativeRunPorts`). */
export interface NativeRun {
  /** Retried, refused once the run is cancelled. */
  ecs: NativeEcs;
  /** The same, ignoring the cancel: what puts the service back must go through. */
  restore: NativeEcs;
  clock: Clock;
  log: Log;
  checkpoint: Checkpoint;
  onTaskDefinition(arn: string): Promise<void>;
  /** Gates get the same retries as every other port. */
  guard(gates: Gate[]): Gate[];
}

/** The ports as a run uses them: retried, refused once cancelled; `restore` ignores the cancel. */
export function nativeRunPorts(ports: NativePorts, signal?: AbortSignal): NativeRun {
  const retried = retrying({ ...ports, signal });
  return {
    ecs: retried.port(ports.ecs, 'ecs'),
    restore: retrying(ports).port(ports.ecs, 'ecs'),
    clock: ports.clock,
    log: ports.log,
    checkpoint: ports.checkpoint,
    onTaskDefinition: ports.onTaskDefinition ?? (async () => {}),
    guard: retried.gates,
  };
}

export function resolveSource(ecs: NativeEcs, source: TaskDefinitionSource): Promise<string> {
  return 'document' in source ? ecs.registerTaskDefinition(source.document) : ecs.resolveTaskDefinition(source.reference);
}
