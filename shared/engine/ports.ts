/**
 * The ports every engine shares. The engines import nothing else from the outside world:
 * shared/aws implements these with the AWS SDK, the tests with in-memory fakes. What only one
 * engine needs sits in that engine's own ports.ts (two-color/, native/, preflight/, ...).
 */

export type Color = 'blue' | 'green';
export const COLORS: readonly Color[] = ['blue', 'green'];
export const otherColor = (color: Color): Color => (color === 'blue' ? 'green' : 'blue');

export interface Clock {
  now(): number;
  /** Rejects with CancelledError when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

// ── ECS ──────────────────────────────────────────────────────────────────────

export interface ServiceDeployment {
  id: string;
  /** PRIMARY (the newest), ACTIVE (being replaced) or INACTIVE. */
  status: string;
  taskDefinition: string;
  /** IN_PROGRESS, COMPLETED or FAILED. */
  rolloutState: string | undefined;
  rolloutStateReason: string | undefined;
  desiredCount: number;
  runningCount: number;
  failedTasks: number;
  createdAt: Date | undefined;
}

export interface ServiceEvent {
  at: Date;
  message: string;
}

export interface ServiceState {
  name: string;
  arn: string;
  status: string;
  desiredCount: number;
  runningCount: number;
  taskDefinition: string;
  targetGroupArns: string[];
  deployments: ServiceDeployment[];
  /** Newest first, as ECS returns them. */
  events: ServiceEvent[];
}

export interface StoppedTask {
  taskArn: string;
  taskDefinition: string;
  stoppedAt: Date | undefined;
  reason: string;
}

export interface Fleet {
  /** All names in one call; a missing or inactive service is a DeployError naming it. */
  describeServices(names: string[]): Promise<Map<string, ServiceState>>;
  /** Registers a task definition document and returns its ARN. */
  registerTaskDefinition(document: Record<string, unknown>): Promise<string>;
  /** `family:revision`, `family` or an ARN → the full ARN; a DeployError when it does not exist. */
  resolveTaskDefinition(reference: string): Promise<string>;
  /** Starts a deployment and returns the id of the new PRIMARY deployment. */
  deploy(service: string, taskDefinition: string, desiredCount: number): Promise<string>;
  scale(service: string, desiredCount: number): Promise<void>;
  /** Why recently stopped tasks of the service stopped, newest first. */
  stoppedTasks(service: string, limit: number): Promise<StoppedTask[]>;
}

// ── Load balancer ────────────────────────────────────────────────────────────

/** Target group ARN → weight (0–999 as ELB allows; this suite writes percentages). */
export type TargetGroupWeights = Record<string, number>;

export interface TargetHealth {
  healthy: number;
  total: number;
  /** One line per target that is not healthy, e.g. `10.0.1.5:8080 unhealthy (Target.FailedHealthChecks)`. */
  problems: string[];
}

export interface TrafficRouter {
  /** What the listener or rule is: its ARN, for messages and for the post step. */
  readonly target: string;
  readWeights(): Promise<TargetGroupWeights>;
  /** Replaces the weights of the forward action, keeping every other setting (stickiness, other actions). */
  writeWeights(weights: TargetGroupWeights): Promise<void>;
  targetHealth(targetGroupArn: string): Promise<TargetHealth>;
}

// ── Gates ────────────────────────────────────────────────────────────────────

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface GateResult {
  gate: string;
  verdict: Verdict;
  /** What was measured, e.g. `5xx 2.10% (21/1000)`. */
  observed: string;
  /** What it was compared with, e.g. `≤ 1%`. */
  threshold: string;
  /**
   * The time the evidence covers (epoch ms). A step passes only once every result that has one
   * covers the step up to its end; results without one (ECS state) are current by nature.
   */
  covered?: GateWindow;
  /** The live version's figure over the same window, when the gate compares with it. */
  baseline?: string;
  /** Reported, never acted on (gates-dry-run). */
  advisory?: boolean;
  /** Per-period figures for the chart of the run. */
  points?: MetricPoint[];
  /** The absolute limit as a number, for the chart (`5xx` in percent, `p95` in ms). */
  limit?: { metric: '5xx' | 'p95'; value: number };
}

/** One period's figures for one role: `new` is the version being rolled out, `live` the baseline. */
export interface MetricPoint {
  /** Epoch ms of the period start. */
  t: number;
  role: 'new' | 'live';
  errorRate?: number;
  p95Ms?: number;
}

export interface GateWindow {
  /** Epoch ms: the metrics window is [from, to]. */
  from: number;
  to: number;
}

/** What a gate watches: the new version's target group and, for baseline comparison, the live one's. */
export interface GateTargets {
  candidate: string;
  baseline?: string;
}

export interface Gate {
  readonly name: string;
  /**
   * For gates that read published data: it comes in periods of `periodMs`, up to `delayMs` after
   * each period closes. The engine first asks once the step's first whole period has closed.
   */
  readonly publishing?: { periodMs: number; delayMs: number };
  evaluate(window: GateWindow): Promise<GateResult[]>;
}

/** Where a run writes what its cleanup needs (core.saveState in the action, a map in tests). */
export interface Checkpoint {
  save(key: string, value: string): void;
}
