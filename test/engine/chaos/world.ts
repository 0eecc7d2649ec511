/**
 * A small ECS service with tasks and targets on the fake clock, for chaos engine tests:
 * stopped tasks are replaced after `replaceMs` and their targets turn healthy `healthyMs`
 * later; re-registered targets turn healthy after `healthyMs`. Alarms follow a script.
 */
import type { AlarmStates, Target, TargetControl, TargetRef, TaskControl } from '../../../shared/engine/chaos/ports.ts';
import { FakeClock, FakeFleet, FakeRouter, MemoryCheckpoint, MemoryLog, TG } from '../../../sandbox/rehearsal/engine-fakes.ts';

interface Task {
  arn: string;
  ip: string;
  service: string;
  healthyAt: number;
}

let ids = 0;

/** The fake fleet, with ECS's counts following the world's tasks. */
class WorldFleet extends FakeFleet {
  private readonly world: ChaosWorld;

  constructor(world: ChaosWorld, desired: number) {
    super({ desired });
    this.world = world;
  }

  override async describeServices(names: string[]) {
    this.world.tick();
    return super.describeServices(names);
  }
}

export class ChaosWorld {
  readonly clock = new FakeClock();
  readonly fleet: FakeFleet;
  readonly router = new FakeRouter();
  readonly log = new MemoryLog();
  readonly checkpoint = new MemoryCheckpoint();
  /** Every call, in order, as `method arg`. */
  readonly calls: string[] = [];
  replaceMs: number | undefined = 20_000;
  healthyMs = 15_000;
  /** Alarm states at a moment; none by default. */
  alarmScript: (now: number) => Record<string, string> = () => ({ 'web-5xx': 'OK' });
  tasks: Task[] = [];
  pending: { service: string; at: number }[] = [];
  deregistered = new Map<string, number>();

  constructor(desired = 3) {
    this.fleet = new WorldFleet(this, desired);
    for (const service of ['web-blue', 'web-green']) for (let i = 0; i < desired; i++) this.launch(service, 0);
    this.sync();
  }

  launch(service: string, healthyIn: number): Task {
    const n = ++ids;
    const task = {
      arn: `arn:aws:ecs:us-east-1:123456789012:task/demo/t${n}`,
      ip: `10.0.0.${n}`,
      service,
      healthyAt: this.clock.now() + healthyIn,
    };
    this.tasks.push(task);
    return task;
  }

  /** ECS's view follows the tasks: running = tasks started by now. */
  sync(): void {
    for (const service of ['web-blue', 'web-green']) {
      const state = this.fleet.service(service);
      state.runningCount = this.tasks.filter((t) => t.service === service).length;
    }
  }

  readonly taskControl: TaskControl = {
    runningTasks: async (service) => {
      this.calls.push(`runningTasks ${service}`);
      this.tick();
      return this.tasks.filter((t) => t.service === service).map((t) => t.arn);
    },
    stopTask: async (arn, reason) => {
      this.calls.push(`stopTask ${arn.split('/').pop()} ${reason}`);
      const task = this.tasks.find((t) => t.arn === arn)!;
      this.tasks = this.tasks.filter((t) => t !== task);
      if (this.replaceMs !== undefined) this.pending.push({ service: task.service, at: this.clock.now() + this.replaceMs });
      this.sync();
    },
  };

  /** ECS starts the replacements that are due. */
  tick(): void {
    const due = this.pending.filter((p) => p.at <= this.clock.now());
    this.pending = this.pending.filter((p) => p.at > this.clock.now());
    for (const p of due) this.launch(p.service, this.healthyMs - (this.clock.now() - p.at));
    this.sync();
  }

  readonly targetControl: TargetControl = {
    targets: async (targetGroupArn) => {
      this.calls.push(`targets ${targetGroupArn === TG.blue ? 'blue' : 'green'}`);
      this.tick();
      const service = targetGroupArn === TG.blue ? 'web-blue' : 'web-green';
      return this.tasks
        .filter((t) => t.service === service)
        .map((t): Target => {
          const back = this.deregistered.get(t.ip);
          const healthy = back === undefined ? this.clock.now() >= t.healthyAt : back > 0 && this.clock.now() >= back;
          const state = back === 0 ? 'unused' : healthy ? 'healthy' : 'initial';
          return { id: t.ip, port: 8080, availabilityZone: undefined, state, reason: undefined };
        })
        .filter((t) => t.state !== 'unused');
    },
    deregister: async (targetGroupArn, targets: TargetRef[]) => {
      this.calls.push(`deregister ${targets.map((t) => `${t.id}:${t.port}`).join(',')}`);
      for (const t of targets) this.deregistered.set(t.id, 0);
    },
    register: async (targetGroupArn, targets: TargetRef[]) => {
      this.calls.push(`register ${targets.map((t) => `${t.id}:${t.port}`).join(',')}`);
      for (const t of targets) this.deregistered.set(t.id, this.clock.now() + this.healthyMs);
    },
  };

  readonly alarms: AlarmStates = {
    states: async () => {
      this.calls.push('alarms');
      const script = this.alarmScript(this.clock.now());
      return new Map(Object.entries(script).map(([name, state]) => [name, { state, reason: `${name} is ${state}` }]));
    },
  };

  /** The mutating calls only: what a dry run or a refusal must never make. */
  mutations(): string[] {
    return this.calls.filter((c) => /^(stopTask|deregister|register) /.test(c));
  }

  ports(random = sequence([0])) {
    return {
      fleet: this.fleet,
      router: this.router,
      tasks: this.taskControl,
      targets: this.targetControl,
      alarms: this.alarms,
      clock: this.clock,
      log: this.log,
      checkpoint: this.checkpoint,
      random,
      retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 },
    };
  }
}

/** A deterministic `random`: the given values in turn, the last repeating. */
export function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}
