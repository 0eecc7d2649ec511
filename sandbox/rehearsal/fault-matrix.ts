/**
 * The fault matrix at the engine level: every AWS operation canary, blue-green and rollback make
 * × five faults (30 s of throttling, 30 s of HTTP 500, a hung connection, AccessDenied,
 * ExpiredToken) × the phase the fault starts in. In-memory fakes and the virtual clock, so 30 s
 * storms cost nothing; the port methods are mapped to the AWS operations the real adapters make.
 */
import { runBlueGreen } from '../../shared/engine/two-color/blue-green.ts';
import { runCanary } from '../../shared/engine/two-color/canary.ts';
import { restoreFromCheckpoint, saveRestorePoint } from '../../shared/engine/two-color/restore.ts';
import { DEFAULT_RETRY } from '../../shared/engine/retry.ts';
import { runRollback } from '../../shared/engine/two-color/rollback.ts';
import type { RunOutcome } from '../../shared/engine/two-color/run-context.ts';
import { DeployError, messageOf, TransientError } from '../../shared/errors.ts';
import type { Fleet, Gate, GateResult, TrafficRouter } from '../../shared/engine/ports.ts';
import { FakeFleet, FakeRouter, TG, fakePorts, taskDef } from './engine-fakes.ts';

export const FAULTS = ['throttling 30s', 'HTTP 500 30s', 'hung connection', 'AccessDenied', 'ExpiredToken'] as const;
export type Fault = (typeof FAULTS)[number];

/** Port method → the AWS operations the real adapter makes for it, in order. */
const OPERATIONS: Record<string, string[]> = {
  describeServices: ['ecs:DescribeServices'],
  registerTaskDefinition: ['ecs:RegisterTaskDefinition'],
  resolveTaskDefinition: ['ecs:DescribeTaskDefinition'],
  deploy: ['ecs:UpdateService'],
  scale: ['ecs:UpdateService'],
  stoppedTasks: ['ecs:ListTasks', 'ecs:DescribeTasks'],
  readWeights: ['elasticloadbalancing:DescribeListeners'],
  writeWeights: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:ModifyListener'],
  targetHealth: ['elasticloadbalancing:DescribeTargetHealth'],
};
const GATE_OPERATIONS: Record<string, string> = { alarms: 'cloudwatch:DescribeAlarms', 'ALB metrics': 'cloudwatch:GetMetricData' };

export type Strategy = 'canary' | 'blue-green' | 'rollback';
export type Phase = 'deploy' | `step ${number} write` | 'bake' | 'promote' | 'restore' | 'post';

export const PHASES: Record<Strategy, Phase[]> = {
  canary: ['deploy', 'step 1 write', 'step 2 write', 'step 3 write', 'bake', 'promote', 'restore', 'post'],
  'blue-green': ['deploy', 'step 1 write', 'bake', 'promote', 'restore', 'post'],
  rollback: ['deploy', 'step 1 write', 'bake'],
};

export const ROWS: Record<Strategy, string[]> = {
  canary: [
    'ecs:DescribeServices',
    'ecs:RegisterTaskDefinition',
    'ecs:UpdateService',
    'ecs:ListTasks',
    'ecs:DescribeTasks',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:DescribeTargetHealth',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:GetMetricData',
  ],
  'blue-green': [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'ecs:UpdateService',
    'ecs:ListTasks',
    'ecs:DescribeTasks',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:DescribeTargetHealth',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:GetMetricData',
  ],
  rollback: [
    'ecs:DescribeServices',
    'ecs:UpdateService',
    'ecs:ListTasks',
    'ecs:DescribeTasks',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:DescribeTargetHealth',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:GetMetricData',
  ],
};

/** How a cell ended. The first four are the only acceptable ones. */
export type Outcome = 'promoted' | 'restored' | 'untouched' | 'failed with state' | `BAD: ${string}`;

export interface Cell {
  strategy: Strategy;
  operation: string;
  fault: Fault;
  phase: Phase;
  outcome: Outcome;
  /** Calls the fault answered (0: the operation was not called after the fault started). */
  hits: number;
  error?: DeployError;
}

const STORM_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** One operation failing from the moment it is armed, as the SDK would hand it to the engine. */
class Injector {
  armedAt: number | undefined;
  hits = 0;
  private hung = false;
  readonly operation: string;
  readonly fault: Fault;
  private readonly clock: { now(): number; sleep(ms: number): Promise<void> };

  constructor(operation: string, fault: Fault, clock: { now(): number; sleep(ms: number): Promise<void> }) {
    this.operation = operation;
    this.fault = fault;
    this.clock = clock;
  }

  arm(): void {
    this.armedAt ??= this.clock.now();
  }

  async before(operation: string): Promise<void> {
    if (operation !== this.operation || this.armedAt === undefined) return;
    const since = this.clock.now() - this.armedAt;
    switch (this.fault) {
      case 'throttling 30s':
        if (since >= STORM_MS) return;
        this.hits++;
        throw new TransientError('ThrottlingException', `${operation}: Rate exceeded`);
      case 'HTTP 500 30s':
        if (since >= STORM_MS) return;
        this.hits++;
        throw new TransientError('InternalFailure', `${operation}: We encountered an internal error`);
      case 'hung connection':
        // One connection never answers: the request timeout ends it; the retry gets through.
        if (this.hung) return;
        this.hung = true;
        this.hits++;
        await this.clock.sleep(REQUEST_TIMEOUT_MS);
        throw new TransientError('TimeoutError', `${operation}: request exceeded the ${REQUEST_TIMEOUT_MS} ms requestTimeout`);
      case 'AccessDenied':
        this.hits++;
        throw new DeployError(`${operation} failed: AccessDeniedException: User is not authorized to perform: ${operation}`);
      case 'ExpiredToken':
        this.hits++;
        throw new DeployError(`${operation} failed: ExpiredTokenException: The security token included in the request is expired`);
    }
  }
}

/** Wraps a port so each method first passes the injector for the AWS operations it makes. */
function faulted<T extends object>(port: T, injector: Injector, onCall: (method: string) => void = () => {}): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        onCall(String(property));
        for (const operation of OPERATIONS[String(property)] ?? []) await injector.before(operation);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

function gates(injector: Injector, onEvaluate: (name: string) => void, verdict: () => GateResult['verdict']): Gate[] {
  return Object.entries(GATE_OPERATIONS).map(([name, operation]) => ({
    name,
    async evaluate() {
      onEvaluate(name);
      await injector.before(operation);
      return [{ gate: name, verdict: verdict(), observed: 'scripted', threshold: 'script' }];
    },
  }));
}

export async function runCell(strategy: Strategy, operation: string, fault: Fault, phase: Phase): Promise<Cell> {
  const rollback = strategy === 'rollback';
  // rollback: green (web:2) is live and bad; blue still runs web:1 but was scaled to 0, so it is redeployed.
  const fleet = rollback ? new FakeFleet({ blueRevision: 1, greenRevision: 2 }) : new FakeFleet();
  if (rollback) fleet.primary('web-blue').runningCount = 0;
  const router = new FakeRouter(rollback ? { blue: 0, green: 100 } : { blue: 100, green: 0 });
  const ports = { ...fakePorts({ fleet, router }), retry: DEFAULT_RETRY };
  const injector = new Injector(operation, fault, ports.clock);
  const start = router.effective();
  let writes = 0;
  let gateFailed = false;
  const stepWrite = /^step (\d+) write$/.exec(phase);
  // Where each phase begins, seen from the calls the engine makes.
  const onCall = (method: string) => {
    if (method === 'deploy' && phase === 'deploy') injector.arm();
    if (method === 'writeWeights' && !gateFailed && stepWrite && ++writes === Number(stepWrite[1])) injector.arm();
    if (method === 'writeWeights' && gateFailed && phase === 'restore') injector.arm();
  };
  const onEvaluate = () => {
    if (phase === 'bake') injector.arm();
  };
  // For `restore` a gate fails at the first bake (so a restore is needed); otherwise gates pass.
  const verdict = () => {
    if (phase === 'restore' && !rollback) {
      gateFailed = true;
      return 'fail' as const;
    }
    return 'pass' as const;
  };
  const checkpoint = {
    state: ports.checkpoint.state,
    save(key: string, value: string) {
      ports.checkpoint.save(key, value);
      if (key === 'phase' && value === 'done' && phase === 'promote') injector.arm();
      if (key === 'phase' && value === 'deploy' && phase === 'deploy') injector.arm();
    },
  };
  const engine = {
    ...ports,
    checkpoint,
    fleet: faulted<Fleet>(fleet, injector, onCall),
    router: faulted<TrafficRouter>(router, injector, onCall),
  };
  const common = {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    bakeMs: 60_000,
    extensionMs: 60_000,
    pollMs: 15_000,
    waitTimeoutMs: 600_000,
    gates: () => gates(injector, onEvaluate, verdict),
  };

  if (phase === 'post') return postCell(strategy, operation, fault, injector, engine, router);

  let outcome: RunOutcome;
  if (strategy === 'canary') {
    const document = { family: 'web', containerDefinitions: [{ name: 'app', image: 'web:v2' }] };
    outcome = await runCanary(
      { ...common, taskDefinition: { document }, steps: [10, 50, 100], scaleDownPrevious: true, takeover: false },
      engine,
    );
  } else if (strategy === 'blue-green') {
    outcome = await runBlueGreen(
      { ...common, phase: 'all', taskDefinition: { reference: 'web:2' }, scaleDownPrevious: true, takeover: false },
      engine,
    );
  } else {
    outcome = await runRollback({ ...common, to: { kind: 'previous' } }, engine);
  }
  const target = rollback ? 'blue' : 'green';
  return {
    strategy,
    operation,
    fault,
    phase,
    hits: injector.hits,
    error: outcome.error,
    outcome: judge(outcome, router, start, target, checkpoint.state.get('phase')),
  };
}

/** The post step after a main step killed at 50/50: it restores from the saved state alone. */
async function postCell(
  strategy: Strategy,
  operation: string,
  fault: Fault,
  injector: Injector,
  engine: { router: TrafficRouter; clock: import('./engine-fakes.ts').FakeClock; log: import('./engine-fakes.ts').MemoryLog },
  router: FakeRouter,
): Promise<Cell> {
  const saved = new Map<string, string>();
  saveRestorePoint({ save: (k, v) => saved.set(k, v) }, router.target, TG, 'blue');
  await router.writeWeights({ [TG.blue]: 50, [TG.green]: 50 });
  injector.arm();
  const cell = { strategy, operation, fault, phase: 'post' as const };
  try {
    await restoreFromCheckpoint('shift', saved.get('restore')!, () => engine.router, {
      clock: engine.clock,
      log: engine.log,
      retry: DEFAULT_RETRY,
    });
    const ok = sameWeights(router.effective(), { blue: 100, green: 0 });
    return { ...cell, hits: injector.hits, outcome: ok ? 'restored' : 'BAD: post claimed a restore that did not happen' };
  } catch (caught) {
    const error = caught instanceof DeployError ? caught : new DeployError(messageOf(caught));
    const stated = /aws elbv2 modify-(listener|rule) /.test(error.fix ?? '') && /weights (now|unknown)/.test(error.message);
    return {
      ...cell,
      hits: injector.hits,
      error,
      outcome: stated ? 'failed with state' : `BAD: post failed without the state: ${error.message}`,
    };
  }
}

const sameWeights = (a: { blue: number; green: number }, b: { blue: number; green: number }) => a.blue === b.blue && a.green === b.green;

/** Holds the run to its word: what it reports must be what the load balancer does. */
function judge(
  { report, error }: RunOutcome,
  router: FakeRouter,
  start: { blue: number; green: number },
  target: 'blue' | 'green',
  phase: string | undefined,
): Outcome {
  const actual = router.effective();
  const full = { blue: target === 'blue' ? 100 : 0, green: target === 'green' ? 100 : 0 };
  if (report.weights && !sameWeights(report.weights, actual))
    return `BAD: reports ${JSON.stringify(report.weights)} while the listener is at ${JSON.stringify(actual)}`;
  // For rollback, `promoted` means the version rolled back to is live at 100 %.
  const reachedGoal = report.result === 'promoted' || (report.action === 'rollback' && report.result === 'rolled-back');
  if (reachedGoal) return sameWeights(actual, full) ? 'promoted' : `BAD: ${report.result} yet at ${JSON.stringify(actual)}`;
  if (report.result === 'rolled-back') return sameWeights(actual, start) ? 'restored' : `BAD: rolled-back yet at ${JSON.stringify(actual)}`;
  if (report.result === 'failed') {
    if (!error) return 'BAD: failed without an error';
    if (sameWeights(actual, start)) return router.writes.length === 0 ? 'untouched' : 'restored';
    const stated = /aws elbv2 modify-(listener|rule) /.test(error.fix ?? '') && error.why.some((l) => /^first cause: /.test(l));
    if (!stated) return `BAD: left at ${JSON.stringify(actual)} without the state and the command`;
    if (phase !== 'shift') return 'BAD: left split with the phase saved as done (the post step would not restore)';
    return 'failed with state';
  }
  return `BAD: unexpected result ${report.result}`;
}

export async function runMatrix(): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const strategy of ['canary', 'blue-green', 'rollback'] as const)
    for (const operation of ROWS[strategy])
      for (const fault of FAULTS) for (const phase of PHASES[strategy]) cells.push(await runCell(strategy, operation, fault, phase));
  return cells;
}

export { taskDef };
