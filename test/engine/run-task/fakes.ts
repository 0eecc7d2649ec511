/** In-memory ECS one-off tasks and CloudWatch Logs, driven by the virtual clock. */
import { DeployError, TransientError } from '../../../shared/errors.ts';
import type {
  LogPage,
  LogReader,
  LogSink,
  OneOffTasks,
  RunTaskRequest,
  RunTaskResult,
  TaskDefinitionInfo,
  TaskPlacement,
  TaskState,
} from '../../../shared/engine/run-task/ports.ts';
import type { FakeClock } from '../../../sandbox/rehearsal/engine-fakes.ts';

export const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/migrate:3';
export const TASK_ID = '0123456789abcdef0123456789abcdef';
export const TASK = `arn:aws:ecs:us-east-1:123456789012:task/demo/${TASK_ID}`;

export interface Script {
  /** Virtual ms from RunTask to RUNNING, and how long the containers then run. */
  startMs: number;
  runMs: number;
  exitCodes: Record<string, number>;
  /** Stops with TaskFailedToStart and this reason instead of running. */
  failToStart?: string;
  /** RunTask answers these failures and no task. */
  failures?: { arn?: string; reason?: string }[];
  /** Virtual ms from StopTask to STOPPED. */
  stopMs: number;
}

export class FakeTasks implements OneOffTasks {
  definition: TaskDefinitionInfo = {
    arn: TD,
    networkMode: 'awsvpc',
    containers: [{ name: 'app', essential: true, logs: { group: '/ecs/migrate', streamPrefix: 'ecs', region: undefined } }],
  };
  servicePlacements: Record<string, TaskPlacement> = {};
  script: Script = { startMs: 2_000, runMs: 10_000, exitCodes: { app: 0 }, stopMs: 1_000 };
  readonly runs: RunTaskRequest[] = [];
  readonly stops: { arn: string; reason: string }[] = [];
  readonly registered: Record<string, unknown>[] = [];
  readonly calls: string[] = [];
  readonly tasksStarted = new Map<string, number>();
  /** Errors thrown by the next calls of a method; `afterEffect` errors are thrown after it took effect (a lost response). */
  readonly faults: { method: string; error: Error; afterEffect?: boolean }[] = [];
  stoppedAt: number | undefined;
  stopReason: string | undefined;
  readonly #clock: FakeClock;

  constructor(clock: FakeClock) {
    this.#clock = clock;
  }

  #fault(method: string, afterEffect: boolean): void {
    const i = this.faults.findIndex((f) => f.method === method && Boolean(f.afterEffect) === afterEffect);
    if (i >= 0) throw this.faults.splice(i, 1)[0]!.error;
  }

  async registerTaskDefinition(document: Record<string, unknown>): Promise<string> {
    this.calls.push('registerTaskDefinition');
    this.registered.push(document);
    return TD;
  }

  async describeTaskDefinition(reference: string): Promise<TaskDefinitionInfo> {
    this.calls.push(`describeTaskDefinition ${reference}`);
    return this.definition;
  }

  async servicePlacement(service: string): Promise<TaskPlacement> {
    this.calls.push(`servicePlacement ${service}`);
    const found = this.servicePlacements[service];
    if (!found) throw new DeployError(`Service ${service} was not found in cluster demo (MISSING)`);
    return found;
  }

  async runTask(request: RunTaskRequest): Promise<RunTaskResult> {
    this.calls.push('runTask');
    this.#fault('runTask', false);
    this.runs.push(request);
    if (this.script.failures) return { failures: this.script.failures };
    if (!this.tasksStarted.has(request.clientToken)) this.tasksStarted.set(request.clientToken, this.#clock.now());
    this.#fault('runTask', true);
    return { task: this.#state() };
  }

  async describeTask(taskArn: string): Promise<TaskState | undefined> {
    this.calls.push('describeTask');
    this.#fault('describeTask', false);
    return taskArn === TASK ? this.#state() : undefined;
  }

  async stopTask(taskArn: string, reason: string): Promise<void> {
    this.calls.push('stopTask');
    this.#fault('stopTask', false);
    this.stops.push({ arn: taskArn, reason });
    this.stoppedAt ??= this.#clock.now();
    this.stopReason ??= reason;
  }

  /** When the containers run, in virtual time (undefined before RunTask). */
  get runningFrom(): number | undefined {
    const started = [...this.tasksStarted.values()][0];
    return started === undefined ? undefined : started + this.script.startMs;
  }

  #state(): TaskState {
    const now = this.#clock.now();
    const created = [...this.tasksStarted.values()][0]!;
    const s = this.script;
    const runningAt = created + s.startMs;
    const exitAt = runningAt + s.runMs;
    const base = {
      arn: TASK,
      desiredStatus: 'RUNNING',
      createdAt: new Date(created),
      stoppedReason: undefined,
      stopCode: undefined,
      stoppedAt: undefined,
    };
    const names = this.definition.containers.map((c) => c.name);
    if (s.failToStart && now >= runningAt) {
      return {
        ...base,
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stoppedReason: s.failToStart,
        stopCode: 'TaskFailedToStart',
        startedAt: undefined,
        stoppedAt: new Date(runningAt),
        containers: names.map((name) => ({ name, lastStatus: 'STOPPED', exitCode: undefined, reason: s.failToStart })),
      };
    }
    if (this.stoppedAt !== undefined && this.stoppedAt < exitAt) {
      const done = now >= this.stoppedAt + s.stopMs;
      return {
        ...base,
        lastStatus: done ? 'STOPPED' : 'DEACTIVATING',
        desiredStatus: 'STOPPED',
        stoppedReason: this.stopReason,
        stopCode: 'UserInitiated',
        startedAt: this.stoppedAt >= runningAt ? new Date(runningAt) : undefined,
        stoppedAt: done ? new Date(this.stoppedAt + s.stopMs) : undefined,
        containers: names.map((name) => ({
          name,
          lastStatus: done ? 'STOPPED' : 'RUNNING',
          exitCode: done ? 143 : undefined,
          reason: undefined,
        })),
      };
    }
    if (now < runningAt) {
      return {
        ...base,
        lastStatus: 'PENDING',
        startedAt: undefined,
        containers: names.map((name) => ({ name, lastStatus: 'PENDING', exitCode: undefined, reason: undefined })),
      };
    }
    if (now < exitAt) {
      return {
        ...base,
        lastStatus: 'RUNNING',
        startedAt: new Date(runningAt),
        containers: names.map((name) => ({ name, lastStatus: 'RUNNING', exitCode: undefined, reason: undefined })),
      };
    }
    return {
      ...base,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
      startedAt: new Date(runningAt),
      stoppedAt: new Date(exitAt),
      containers: names.map((name) => ({ name, lastStatus: 'STOPPED', exitCode: s.exitCodes[name] ?? 0, reason: undefined })),
    };
  }
}

/** Log lines appear at virtual times (ms after the containers start), per stream. */
export class FakeLogs implements LogReader {
  readonly lines: { stream: string; atMs: number; message: string }[] = [];
  readonly reads: { stream: string; token: string | undefined }[] = [];
  readonly faults: Error[] = [];
  readonly #clock: FakeClock;
  readonly #tasks: FakeTasks;
  /** Events per page, like GetLogEvents' limit. */
  pageSize = 100;

  constructor(clock: FakeClock, tasks: FakeTasks) {
    this.#clock = clock;
    this.#tasks = tasks;
  }

  add(stream: string, atMs: number, ...messages: string[]): void {
    for (const message of messages) this.lines.push({ stream, atMs, message });
  }

  async read(where: { group: string; stream: string }, token: string | undefined): Promise<LogPage | undefined> {
    this.reads.push({ stream: where.stream, token });
    const fault = this.faults.shift();
    if (fault) throw fault;
    const from = this.#tasks.runningFrom;
    if (from === undefined || this.#clock.now() < from) return undefined;
    const visible = this.lines.filter((l) => l.stream === where.stream && from + l.atMs <= this.#clock.now());
    const start = token ? Number(token.slice(2)) : 0;
    const page = visible.slice(start, start + this.pageSize);
    return { events: page.map((l) => ({ timestamp: from + l.atMs, message: l.message })), nextToken: `f/${start + page.length}` };
  }
}

export class MemorySink implements LogSink {
  readonly out: string[] = [];
  startGroup(title: string): void {
    this.out.push(`::group::${title}`);
  }
  line(text: string): void {
    this.out.push(text);
  }
  endGroup(): void {
    this.out.push('::endgroup::');
  }
}

export const throttled = () => new TransientError('ThrottlingException', 'Rate exceeded');
