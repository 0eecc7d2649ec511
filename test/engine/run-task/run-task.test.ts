import { beforeEach, describe, expect, it } from 'vitest';
import { TASK_STATE } from '../../../shared/engine/run-task/ports.ts';
import { logConsoleUrl, runOneOffTask, type RunTaskPlan } from '../../../shared/engine/run-task/run-task.ts';
import { DeployError } from '../../../shared/errors.ts';
import { FakeClock, MemoryCheckpoint, MemoryLog } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { FakeLogs, FakeTasks, MemorySink, TASK, TASK_ID, TD, throttled } from './fakes.ts';

const STREAM = `ecs/app/${TASK_ID}`;
const AWSVPC = { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] };

let clock: FakeClock;
let tasks: FakeTasks;
let logs: FakeLogs;
let sink: MemorySink;
let log: MemoryLog;
let checkpoint: MemoryCheckpoint;

beforeEach(() => {
  clock = new FakeClock();
  tasks = new FakeTasks(clock);
  logs = new FakeLogs(clock, tasks);
  sink = new MemorySink();
  log = new MemoryLog();
  checkpoint = new MemoryCheckpoint();
});

const plan = (extra: Partial<RunTaskPlan> = {}): RunTaskPlan => ({
  cluster: 'demo',
  region: 'us-east-1',
  taskDefinition: { reference: 'migrate:3' },
  container: 'app',
  command: ['alembic', 'upgrade', 'head'],
  environment: undefined,
  networkFromService: undefined,
  placement: { awsvpc: AWSVPC, launchType: 'FARGATE' },
  requireSuccess: [],
  startedBy: 'github/42',
  clientToken: 'token-1',
  timeoutMs: 60_000,
  pollMs: 1_000,
  maxLogLines: 1_000,
  stopWaitMs: 30_000,
  ...extra,
});

const run = (p: RunTaskPlan, signal?: AbortSignal) =>
  runOneOffTask(p, { tasks, logs, clock, log, sink, checkpoint, retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 } }, signal);

describe('run-task engine', () => {
  it('runs the command, streams the log into one group as it arrives, and succeeds on exit 0', async () => {
    logs.add(STREAM, 0, 'INFO  [alembic] Running upgrade a1 -> b2');
    logs.add(STREAM, 5_000, 'INFO  [alembic] Running upgrade b2 -> c3');
    const { report, error } = await run(plan());

    expect(error).toBeUndefined();
    expect(report).toMatchObject({
      result: 'succeeded',
      exitCode: 0,
      taskArn: TASK,
      taskDefinitionArn: TD,
      stopCode: 'EssentialContainerExited',
      runSeconds: 10,
    });
    expect(tasks.runs).toEqual([
      {
        taskDefinitionArn: TD,
        placement: { awsvpc: AWSVPC, launchType: 'FARGATE' },
        override: { container: 'app', command: ['alembic', 'upgrade', 'head'], environment: undefined },
        startedBy: 'github/42',
        clientToken: 'token-1',
      },
    ]);
    expect(sink.out).toEqual([
      `::group::Logs of task ${TASK_ID}`,
      'INFO  [alembic] Running upgrade a1 -> b2',
      'INFO  [alembic] Running upgrade b2 -> c3',
      '::endgroup::',
    ]);
    // The second line was printed while the task still ran, not after it stopped.
    const secondRead = logs.reads.findIndex((r) => r.token === 'f/1');
    expect(secondRead).toBeGreaterThan(0);
    expect(report.lastLogLines).toEqual(['INFO  [alembic] Running upgrade a1 -> b2', 'INFO  [alembic] Running upgrade b2 -> c3']);
    expect(report.logUrl).toBe(logConsoleUrl('us-east-1', '/ecs/migrate', STREAM));
    expect(report.containers).toEqual([
      { name: 'app', lastStatus: 'STOPPED', exitCode: 0, reason: undefined, essential: true, required: true },
    ]);
    expect(Object.fromEntries(checkpoint.state)).toEqual({
      [TASK_STATE.task]: TASK,
      [TASK_STATE.cluster]: 'demo',
      [TASK_STATE.region]: 'us-east-1',
      [TASK_STATE.done]: 'true',
    });
    expect(tasks.stops).toEqual([]);
  });

  it('keeps timeline lines out of the log group: the group closes before each one', async () => {
    logs.add(STREAM, 0, 'first');
    // Arrives with the exit: read after the STOPPED line, just before the exit codes are judged.
    logs.add(STREAM, 10_000, 'second');
    const both = { info: (m: string) => sink.out.push(m), warn: (m: string) => sink.out.push(`WARN ${m}`) };
    await runOneOffTask(plan(), { tasks, logs, clock, log: both, sink, checkpoint });
    const opened = sink.out.map((l, i) => (l.startsWith('::group::') ? i : -1)).filter((i) => i >= 0);
    for (const start of opened) {
      const end = sink.out.indexOf('::endgroup::', start);
      expect(
        sink.out.slice(start + 1, end).every((l) => l === 'first' || l === 'second'),
        sink.out.join('\n'),
      ).toBe(true);
    }
    expect(sink.out.at(-1)).toBe('Container app (essential): exit 0');
  });

  it('retries a RunTask whose answer was lost with the same client token: one task, never two', async () => {
    tasks.faults.push({ method: 'runTask', error: throttled(), afterEffect: true });
    const { report } = await run(plan());
    expect(report.result).toBe('succeeded');
    expect(tasks.runs.map((r) => r.clientToken)).toEqual(['token-1', 'token-1']);
    expect(tasks.tasksStarted.size).toBe(1);
  });

  it('fails when the essential container exits non-zero, with its exit code as output', async () => {
    tasks.script.exitCodes = { app: 3 };
    const { report, error } = await run(plan());
    expect(report).toMatchObject({ result: 'failed', exitCode: 3 });
    expect(error?.message).toBe('The task failed: container "app" exited 3');
    expect(error?.why).toEqual([
      'Task: STOPPED: Essential container in task exited (EssentialContainerExited)',
      'Container app (essential): exit 3',
    ]);
    expect(error?.fix).toBe(`Its log is in CloudWatch Logs group /ecs/migrate, stream ${STREAM}.`);
  });

  it('reports every container, and fails on a non-essential one only when require-success names it', async () => {
    tasks.definition.containers.push(
      { name: 'seed', essential: false, logs: undefined },
      { name: 'xray', essential: false, logs: undefined },
    );
    tasks.script.exitCodes = { app: 0, seed: 2, xray: 1 };
    const lenient = await run(plan());
    expect(lenient.report.result).toBe('succeeded');
    expect(lenient.report.containers.map((c) => [c.name, c.exitCode, c.required])).toEqual([
      ['app', 0, true],
      ['seed', 2, false],
      ['xray', 1, false],
    ]);

    tasks = new FakeTasks(clock);
    logs = new FakeLogs(clock, tasks);
    tasks.definition.containers.push({ name: 'seed', essential: false, logs: undefined });
    tasks.script.exitCodes = { app: 0, seed: 2 };
    const strict = await run(plan({ requireSuccess: ['seed'] }));
    expect(strict.report.result).toBe('failed');
    expect(strict.error?.message).toBe('The task failed: container "seed" exited 2');
  });

  it('says exactly why a task never started (never "[null]")', async () => {
    const reason =
      'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 1234.dkr.ecr/web:v9: not found';
    tasks.script.failToStart = reason;
    const { report, error } = await run(plan());
    expect(report.result).toBe('failed');
    expect(error?.message).toBe(`The task never started: ${reason}`);
    expect(error?.fix).toMatch(/image exists/);
    expect(report.exitCode).toBeUndefined();
    expect(tasks.stops).toEqual([]);
  });

  it('says why ECS could not place the task (RunTask failures), and starts nothing', async () => {
    tasks.script.failures = [{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo/abc', reason: 'RESOURCE:MEMORY' }];
    const { report, error } = await run(plan());
    expect(report.result).toBe('failed');
    expect(error?.message).toBe(
      'The task did not start: ECS could not place it: RESOURCE:MEMORY on arn:aws:ecs:us-east-1:123456789012:container-instance/demo/abc',
    );
    expect(error?.fix).toMatch(/no room/);
    expect(checkpoint.state.get(TASK_STATE.task)).toBeUndefined();
  });

  it('stops the task on timeout, waits until it is STOPPED, and ends timed-out', async () => {
    tasks.script.runMs = 10 * 60_000;
    const { report, error } = await run(plan({ timeoutMs: 30_000 }));
    expect(report.result).toBe('timed-out');
    expect(error?.message).toBe('The task ran longer than the timeout (30s) and was stopped');
    expect(tasks.stops).toEqual([{ arn: TASK, reason: 'Timed out after 30s (run-task timeout)' }]);
    expect(report).toMatchObject({ stopCode: 'UserInitiated', exitCode: 143 });
    expect(checkpoint.state.get(TASK_STATE.done)).toBe('true');
  });

  it('stops the task when the run is cancelled, and leaves done for the post step', async () => {
    tasks.script.runMs = 10 * 60_000;
    const controller = new AbortController();
    clock.onSleep = (now) => {
      if (tasks.runningFrom !== undefined && now > tasks.runningFrom + 5_000) controller.abort();
    };
    const { report, error } = await run(plan(), controller.signal);
    expect(report.result).toBe('cancelled');
    expect(error?.message).toBe('The run was cancelled; the task was stopped');
    expect(tasks.stops).toEqual([{ arn: TASK, reason: 'Cancelled: the workflow run was cancelled (run-task)' }]);
    expect(checkpoint.state.get(TASK_STATE.done)).toBe('true');
  });

  it('leaves the task to the post step when StopTask fails during a cancel', async () => {
    tasks.script.runMs = 10 * 60_000;
    const controller = new AbortController();
    clock.onSleep = (now) => {
      if (tasks.runningFrom !== undefined && now > tasks.runningFrom) controller.abort();
    };
    tasks.faults.push({ method: 'stopTask', error: new DeployError('ecs:StopTask failed: AccessDeniedException') });
    const { report } = await run(plan(), controller.signal);
    expect(report.result).toBe('cancelled');
    expect(checkpoint.state.get(TASK_STATE.task)).toBe(TASK);
    expect(checkpoint.state.get(TASK_STATE.done)).toBeUndefined();
    expect(log.lines).toContain('WARN StopTask failed (ecs:StopTask failed: AccessDeniedException); the post step tries again');
  });

  it('stops the task when following it fails for good', async () => {
    tasks.script.runMs = 10 * 60_000;
    clock.onSleep = (now) => {
      if (tasks.runningFrom !== undefined && now > tasks.runningFrom + 3_000 && tasks.faults.length === 0 && tasks.stops.length === 0)
        tasks.faults.push({ method: 'describeTask', error: new DeployError('ecs:DescribeTasks failed: AccessDeniedException') });
    };
    const { report, error } = await run(plan());
    expect(report.result).toBe('failed');
    expect(error?.message).toBe('ecs:DescribeTasks failed: AccessDeniedException');
    expect(tasks.stops).toEqual([
      { arn: TASK, reason: 'Stopped by run-task after an error: ecs:DescribeTasks failed: AccessDeniedException' },
    ]);
  });

  it('caps the log in the CI output, says where the rest is, and keeps the last lines for the summary', async () => {
    for (let i = 1; i <= 10; i++) logs.add(STREAM, i * 100, `line ${i}`);
    const { report } = await run(plan({ maxLogLines: 3 }));
    expect(sink.out).toEqual([
      `::group::Logs of task ${TASK_ID}`,
      'line 1',
      'line 2',
      'line 3',
      `… the log is capped here at 3 lines; the rest is in CloudWatch Logs group /ecs/migrate, stream ${STREAM}: ${logConsoleUrl('us-east-1', '/ecs/migrate', STREAM)}`,
      '::endgroup::',
    ]);
    expect(report.lastLogLines.at(-1)).toBe('line 10');
    expect(report.logLinesPrinted).toBe(3);
  });

  it('reads a long log page by page with the forward token until caught up', async () => {
    logs.pageSize = 2;
    for (let i = 1; i <= 5; i++) logs.add(STREAM, 0, `line ${i}`);
    await run(plan());
    expect(sink.out.filter((l) => l.startsWith('line'))).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('prefixes each line with its container when several containers log', async () => {
    tasks.definition.containers.push({
      name: 'seed',
      essential: false,
      logs: { group: '/ecs/migrate', streamPrefix: 'ecs', region: undefined },
    });
    logs.add(STREAM, 0, 'from app');
    logs.add(`ecs/seed/${TASK_ID}`, 0, 'from seed');
    await run(plan());
    expect(sink.out.filter((l) => l.startsWith('['))).toEqual(['[app] from app', '[seed] from seed']);
  });

  it('never lets a log line or an AWS text start a workflow command', async () => {
    logs.add(STREAM, 0, '::add-mask::oops', '  ::error::fake failure', 'multi\n::set-output name=x::y', '##[error]old style');
    tasks.script.exitCodes = { app: 1 };
    const { error } = await run(plan());
    const printed = [...sink.out, ...log.lines].flatMap((l) => l.split('\n'));
    expect(printed.filter((l) => /^\s*(::|##\[)/.test(l) && !/^::(group|endgroup)::/.test(l))).toEqual([]);
    expect(sink.out).toContain('%3A:add-mask::oops');
    expect(sink.out).toContain('  %3A:error::fake failure');
    expect(sink.out).toContain('%23#[error]old style');
    expect(error?.why.flatMap((l) => l.split('\n')).some((l) => l.startsWith('::'))).toBe(false);
  });

  it('never lets a stop reason from AWS start a workflow command, in the log or the error', async () => {
    tasks.script.failToStart = 'CannotStartContainerError: boom\n::warning::injected';
    const { error } = await run(plan());
    const lines = [...log.lines, error!.message, ...error!.why].flatMap((l) => l.split('\n'));
    expect(lines.filter((l) => l.startsWith('::') || l.startsWith('WARN ::'))).toEqual([]);
    expect(error?.message).toBe('The task never started: CannotStartContainerError: boom\n%3A:warning::injected');
  });

  it('copies the network of a service, and lets an explicit launch type win', async () => {
    tasks.servicePlacements.web = {
      awsvpc: { ...AWSVPC, assignPublicIp: 'DISABLED' },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    };
    await run(plan({ networkFromService: 'web', placement: {} }));
    expect(tasks.runs[0]!.placement).toEqual({
      awsvpc: { ...AWSVPC, assignPublicIp: 'DISABLED' },
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });

    tasks = new FakeTasks(clock);
    logs = new FakeLogs(clock, tasks);
    tasks.servicePlacements.web = { awsvpc: AWSVPC, launchType: 'FARGATE' };
    await run(plan({ networkFromService: 'web', placement: { launchType: 'EC2' } }));
    expect(tasks.runs[0]!.placement).toEqual({ awsvpc: AWSVPC, launchType: 'EC2', capacityProviderStrategy: undefined });
  });

  it('refuses before RunTask when an awsvpc task definition gets no subnets, or a container name is wrong', async () => {
    const noNetwork = await run(plan({ placement: {} }));
    expect(noNetwork.error?.message).toBe(`${TD} uses networkMode awsvpc, which needs subnets`);
    expect(noNetwork.error?.fix).toMatch(/network-from-service/);
    const wrong = await run(plan({ container: 'web' }));
    expect(wrong.error?.message).toBe(`Container "web" is not in ${TD} (it has: app)`);
    const required = await run(plan({ requireSuccess: ['seed'] }));
    expect(required.error?.message).toBe(`Container "seed" is not in ${TD} (it has: app)`);
    expect(tasks.runs).toEqual([]);
  });

  it('registers a task definition file before running it', async () => {
    await run(plan({ taskDefinition: { document: { family: 'migrate' } } }));
    expect(tasks.registered).toEqual([{ family: 'migrate' }]);
    expect(tasks.calls.slice(0, 2)).toEqual(['registerTaskDefinition', `describeTaskDefinition ${TD}`]);
  });

  it('sends the environment override to the container', async () => {
    await run(plan({ command: undefined, environment: { STAGE: 'prod' } }));
    expect(tasks.runs[0]!.override).toEqual({ container: 'app', command: undefined, environment: { STAGE: 'prod' } });
  });
});

describe('logConsoleUrl', () => {
  it('double-encodes the group and stream the way the CloudWatch console expects', () => {
    expect(logConsoleUrl('eu-west-1', '/ecs/migrate', 'ecs/app/abc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fmigrate/log-events/ecs$252Fapp$252Fabc',
    );
  });
});
