/**
 * In-memory fakes of the engine's ports, plus a virtual clock: engine tests run whole
 * deployments, failures and cancellations in milliseconds, and so does the fault matrix bench/ tabulates.
 */
import { CancelledError, TransientError } from '../../shared/errors.ts';
import type {
  Checkpoint,
  Clock,
  Fleet,
  Gate,
  GateResult,
  GateWindow,
  Log,
  ServiceDeployment,
  ServiceState,
  StoppedTask,
  TargetGroupWeights,
  TargetHealth,
  TrafficRouter,
  Verdict,
} from '../../shared/engine/ports.ts';

export const T0 = Date.parse('2026-11-22T10:00:00Z');
export const TG = {
  blue: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-blue/0000000000000001',
  green: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-green/0000000000000002',
};
export const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
export const taskDef = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

/** Virtual time: sleeping advances the clock at once; `onSleep` lets a test act at a moment. */
export class FakeClock implements Clock {
  time = T0;
  slept = 0;
  onSleep: ((now: number) => void) | undefined;

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CancelledError();
    this.time += ms;
    this.slept += ms;
    this.onSleep?.(this.time);
    await Promise.resolve();
    if (signal?.aborted) throw new CancelledError();
  }
}

export class MemoryLog implements Log {
  lines: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  warn(message: string): void {
    this.lines.push(`WARN ${message}`);
  }
}

export class MemoryCheckpoint implements Checkpoint {
  state = new Map<string, string>();
  save(key: string, value: string): void {
    this.state.set(key, value);
  }
}

/** Queued failures per method name: each call of that method throws the next one first. */
class Faults {
  private readonly queue = new Map<string, Error[]>();
  calls: string[] = [];

  failNext(method: string, error: Error, times = 1): void {
    this.queue.set(method, [...(this.queue.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
  }

  clear(): void {
    this.queue.clear();
  }

  hit(method: string): void {
    this.calls.push(method);
    const next = this.queue.get(method)?.shift();
    if (next) throw next;
  }
}

export const throttled = () => new TransientError('ThrottlingException', 'Rate exceeded');

/** How a deployment the fake fleet starts will go. */
export type Rollout =
  | { kind: 'completes'; afterPolls: number }
  | { kind: 'fails'; afterPolls: number; reason: string }
  | { kind: 'circuit-breaker'; afterPolls: number }
  | { kind: 'hangs' };

export class FakeFleet implements Fleet {
  readonly faults = new Faults();
  services = new Map<string, ServiceState>();
  registered: Record<string, unknown>[] = [];
  rollout: Rollout = { kind: 'completes', afterPolls: 2 };
  stopped: StoppedTask[] = [];
  private nextId = 1;
  private readonly polls = new Map<string, number>();

  constructor(opts: { blueRevision?: number; greenRevision?: number; desired?: number } = {}) {
    const desired = opts.desired ?? 2;
    this.addService('web-blue', TG.blue, taskDef(opts.blueRevision ?? 1), desired);
    this.addService('web-green', TG.green, taskDef(opts.greenRevision ?? 1), desired);
  }

  addService(name: string, targetGroup: string, taskDefinition: string, desired: number): void {
    const deployment = this.deployment(taskDefinition, desired, 'COMPLETED', desired);
    this.services.set(name, {
      name,
      arn: `arn:aws:ecs:us-east-1:123456789012:service/demo/${name}`,
      status: 'ACTIVE',
      desiredCount: desired,
      runningCount: desired,
      taskDefinition,
      targetGroupArns: [targetGroup],
      deployments: [deployment],
      events: [{ at: new Date(T0 - 3_600_000), message: `(service ${name}) has reached a steady state.` }],
    });
  }

  async describeServices(names: string[]): Promise<Map<string, ServiceState>> {
    this.faults.hit('describeServices');
    for (const name of names) this.progress(name);
    return new Map(names.map((name) => [name, structuredClone(this.service(name))]));
  }

  async registerTaskDefinition(document: Record<string, unknown>): Promise<string> {
    this.faults.hit('registerTaskDefinition');
    this.registered.push(document);
    return taskDef(100 + this.registered.length);
  }

  async resolveTaskDefinition(reference: string): Promise<string> {
    this.faults.hit('resolveTaskDefinition');
    return reference.startsWith('arn:') ? reference : `arn:aws:ecs:us-east-1:123456789012:task-definition/${reference}`;
  }

  async deploy(name: string, taskDefinition: string, desiredCount: number): Promise<string> {
    this.faults.hit('deploy');
    const service = this.service(name);
    for (const d of service.deployments) d.status = 'ACTIVE';
    const deployment = this.deployment(taskDefinition, desiredCount, 'IN_PROGRESS', 0);
    service.deployments.unshift(deployment);
    service.desiredCount = desiredCount;
    service.taskDefinition = taskDefinition;
    this.polls.set(deployment.id, 0);
    return deployment.id;
  }

  async scale(name: string, desiredCount: number): Promise<void> {
    this.faults.hit('scale');
    const service = this.service(name);
    service.desiredCount = desiredCount;
    service.runningCount = desiredCount;
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    if (primary) primary.desiredCount = primary.runningCount = desiredCount;
  }

  async stoppedTasks(): Promise<StoppedTask[]> {
    this.faults.hit('stoppedTasks');
    return this.stopped;
  }

  service(name: string): ServiceState {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name}`);
    return service;
  }

  primary(name: string): ServiceDeployment {
    return this.service(name).deployments.find((d) => d.status === 'PRIMARY')!;
  }

  private deployment(taskDefinition: string, desired: number, rolloutState: string, running: number): ServiceDeployment {
    return {
      id: `ecs-svc/${this.nextId++}`,
      status: 'PRIMARY',
      taskDefinition,
      rolloutState,
      rolloutStateReason: undefined,
      desiredCount: desired,
      runningCount: running,
      failedTasks: 0,
      createdAt: new Date(T0),
    };
  }

  /** Advances in-progress deployments one poll along the scripted rollout. */
  private progress(name: string): void {
    const service = this.service(name);
    const deployment = service.deployments[0];
    if (!deployment || deployment.rolloutState !== 'IN_PROGRESS' || !this.polls.has(deployment.id)) return;
    const polls = this.polls.get(deployment.id)! + 1;
    this.polls.set(deployment.id, polls);
    const rollout = this.rollout;
    if (rollout.kind === 'hangs' || polls < rollout.afterPolls) return;
    if (rollout.kind === 'completes') {
      deployment.rolloutState = 'COMPLETED';
      deployment.runningCount = deployment.desiredCount;
      service.runningCount = deployment.desiredCount;
      service.deployments = [deployment];
      service.events.unshift({ at: new Date(T0 + 1000), message: `(service ${name}) has reached a steady state.` });
      return;
    }
    deployment.rolloutState = 'FAILED';
    deployment.failedTasks = 3;
    deployment.rolloutStateReason = rollout.kind === 'fails' ? rollout.reason : 'ECS deployment circuit breaker: tasks failed to start.';
    service.events.unshift({
      at: new Date(T0 + 1000),
      message: `(service ${name}) (deployment ${deployment.id}) deployment failed: tasks failed to start.`,
    });
    this.stopped.push({
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/abc123',
      taskDefinition: deployment.taskDefinition,
      stoppedAt: new Date(T0 + 900),
      reason: 'Essential container in task exited; app: (exit 1)',
    });
    if (rollout.kind === 'circuit-breaker') {
      // ECS rolls back: the previous revision becomes PRIMARY again.
      const previous = service.deployments[1];
      deployment.status = 'ACTIVE';
      if (previous) previous.status = 'PRIMARY';
    }
  }
}

export class FakeRouter implements TrafficRouter {
  readonly target = LISTENER;
  readonly faults = new Faults();
  private weights: TargetGroupWeights;
  private pending: { weights: TargetGroupWeights; readsLeft: number } | undefined;
  /** Reads that still return the old weights after a write (ALB eventual consistency). */
  lag = 0;
  writes: TargetGroupWeights[] = [];
  health: (targetGroup: string) => TargetHealth = () => ({ healthy: 2, total: 2, problems: [] });

  constructor(weights: { blue: number; green: number } = { blue: 100, green: 0 }) {
    this.weights = { [TG.blue]: weights.blue, [TG.green]: weights.green };
  }

  async readWeights(): Promise<TargetGroupWeights> {
    this.faults.hit('readWeights');
    if (this.pending) {
      if (this.pending.readsLeft <= 0) {
        this.weights = this.pending.weights;
        this.pending = undefined;
      } else {
        this.pending.readsLeft -= 1;
      }
    }
    return { ...this.weights };
  }

  async writeWeights(weights: TargetGroupWeights): Promise<void> {
    this.faults.hit('writeWeights');
    this.writes.push({ ...weights });
    if (this.lag > 0) this.pending = { weights: { ...weights }, readsLeft: this.lag };
    else this.weights = { ...weights };
  }

  async targetHealth(targetGroupArn: string): Promise<TargetHealth> {
    this.faults.hit('targetHealth');
    return this.health(targetGroupArn);
  }

  /** Someone else (a manual rollback, the console) sets the weights: not one of `writes`. */
  setByOther(weights: { blue: number; green: number }): void {
    this.pending = undefined;
    this.weights = { [TG.blue]: weights.blue, [TG.green]: weights.green };
  }

  /** Weights as colors, for assertions. */
  colors(): { blue: number; green: number } {
    const current = this.pending && this.pending.readsLeft <= 0 ? this.pending.weights : this.weights;
    return { blue: current[TG.blue] ?? 0, green: current[TG.green] ?? 0 };
  }

  /** What the load balancer does now, ignoring read lag. */
  effective(): { blue: number; green: number } {
    const current = this.pending?.weights ?? this.weights;
    return { blue: current[TG.blue] ?? 0, green: current[TG.green] ?? 0 };
  }
}

/** A gate that answers from a script: one verdict per evaluation, the last repeating. */
export class ScriptedGate implements Gate {
  readonly name: string;
  readonly faults = new Faults();
  windows: GateWindow[] = [];
  private readonly script: (evaluation: number, window: GateWindow) => Verdict;

  constructor(name: string, script: Verdict[] | ((evaluation: number, window: GateWindow) => Verdict)) {
    this.name = name;
    this.script = Array.isArray(script) ? (i) => script[Math.min(i, script.length - 1)]! : script;
  }

  async evaluate(window: GateWindow): Promise<GateResult[]> {
    this.faults.hit('evaluate');
    const verdict = this.script(this.windows.length, window);
    this.windows.push(window);
    return [{ gate: this.name, verdict, observed: `scripted ${verdict}`, threshold: 'script' }];
  }
}

export function fakePorts(opts: { fleet?: FakeFleet; router?: FakeRouter } = {}) {
  const ports = {
    fleet: opts.fleet ?? new FakeFleet(),
    router: opts.router ?? new FakeRouter(),
    clock: new FakeClock(),
    log: new MemoryLog(),
    checkpoint: new MemoryCheckpoint(),
    retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 },
  };
  return ports;
}

/** A test listener (blue-green prepare): forward weights, read lag and its URL. */
export class FakeTestListener {
  readonly target: string;
  readonly faults = new Faults();
  weights: TargetGroupWeights = {};
  writes: TargetGroupWeights[] = [];
  /** Reads that still return the old weights after a write. */
  lag = 0;
  private readsLeft = 0;
  private previous: TargetGroupWeights = {};

  async readWeights(): Promise<TargetGroupWeights> {
    this.faults.hit('readWeights');
    if (this.readsLeft > 0) {
      this.readsLeft -= 1;
      return { ...this.previous };
    }
    return { ...this.weights };
  }

  async writeWeights(weights: TargetGroupWeights): Promise<void> {
    this.faults.hit('writeWeights');
    this.writes.push({ ...weights });
    this.previous = this.weights;
    this.weights = { ...weights };
    this.readsLeft = this.lag;
  }

  constructor(target = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/3333333333333333') {
    this.target = target;
  }

  /** Extra rules of the listener, besides its default action. */
  rules: { where: string; weights: TargetGroupWeights }[] = [];

  async routes(): Promise<{ where: string; weights: TargetGroupWeights }[]> {
    this.faults.hit('routes');
    return [{ where: 'default action', weights: { ...this.weights } }, ...this.rules];
  }

  async url(): Promise<string> {
    this.faults.hit('url');
    return 'http://demo-alb-1234.us-east-1.elb.amazonaws.com:8443';
  }
}

type DeploymentEntry = import('../../shared/engine/record.ts').DeploymentEntry;
type RecordScope = import('../../shared/engine/record.ts').RecordScope;

/** The deployment record in memory: entries with their statuses, newest first. */
export class MemoryRecord {
  entries: { id: number; entry: DeploymentEntry; statuses: string[]; descriptions: string[] }[] = [];
  /** When set, lastSuccessful throws it (an unreadable record). */
  readError: Error | undefined;

  async start(entry: DeploymentEntry) {
    const id = this.entries.length + 1;
    this.entries.unshift({ id, entry, statuses: ['in_progress'], descriptions: [] });
    return { id };
  }

  async finish(handle: { id: number } | undefined, state: 'success' | 'failure', description: string): Promise<void> {
    const found = this.entries.find((e) => e.id === handle?.id);
    found?.statuses.push(state);
    found?.descriptions.push(description);
  }

  /** Scoped as GitHubDeployments is: same cluster, services, partition, region and account. */
  async lastSuccessful(environment: string, scope?: RecordScope): Promise<string | undefined> {
    if (this.readError) throw this.readError;
    const ours = (entry: DeploymentEntry) => {
      if (!scope) return true;
      const where = /^arn:([^:]+):ecs:([^:]+):(\d{12}):/.exec(entry.taskDefinitionArn);
      return (
        entry.cluster === scope.cluster &&
        [...entry.services].sort().join() === [...scope.services].sort().join() &&
        where?.slice(1).join() === [scope.partition, scope.region, scope.account].join()
      );
    };
    return this.entries.find((e) => e.entry.environment === environment && e.statuses.includes('success') && ours(e.entry))?.entry
      .taskDefinitionArn;
  }
}
