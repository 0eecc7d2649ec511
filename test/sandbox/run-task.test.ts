/** One-off tasks (RunTask / DescribeTasks / StopTask) and CloudWatch Logs, through the real SDK clients. */
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type ContainerDefinition,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { FAST, clients } from './clients.ts';

let sandbox: Sandbox;
let ecs: ReturnType<typeof clients>['ecs'];
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sandbox = await startSandbox({ ...FAST, oneOffTasks: { ec2: { cpu: 1024, memory: 1024 } } });
  ecs = clients(sandbox).ecs;
  logs = new CloudWatchLogsClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    maxAttempts: 1,
  });
});
afterAll(() => sandbox.stop());

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };
const awslogs = (group: string, create = true) => ({
  logDriver: 'awslogs' as const,
  options: {
    'awslogs-group': group,
    'awslogs-stream-prefix': 'ecs',
    'awslogs-region': 'us-east-1',
    ...(create ? { 'awslogs-create-group': 'true' } : {}),
  },
});

async function register(family: string, containers: ContainerDefinition[], extra: Record<string, unknown> = {}): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: containers,
      ...extra,
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}

const run = (input: Partial<RunTaskCommandInput>) =>
  ecs.send(new RunTaskCommand({ cluster: 'demo', launchType: 'FARGATE', networkConfiguration: NETWORK, ...input } as RunTaskCommandInput));

async function describeTask(arn: string): Promise<Task> {
  const out = await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: [arn] }));
  return out.tasks![0]!;
}

async function untilStopped(arn: string, timeoutMs = 20_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await describeTask(arn);
    if (task.lastStatus === 'STOPPED') return task;
    if (Date.now() > deadline) throw new Error(`task still ${task.lastStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected an error');
}

const script = (code: string) => ({ name: 'app', image: sandbox.taskDefinitions.image, essential: true, command: ['node', '-e', code] });

describe('RunTask: a one-off task is a real process', () => {
  it('runs the command override, exits with its code, and sends stdout and stderr to awslogs prefix/container/taskId', async () => {
    const arn = await register('migrate', [{ ...script('process.exit(9)'), logConfiguration: awslogs('/ecs/migrate') }]);
    const out = await run({
      taskDefinition: arn,
      startedBy: 'github/42',
      overrides: {
        containerOverrides: [
          {
            name: 'app',
            command: ['node', '-e', 'console.log("up", process.env.STAGE); console.error("warn"); process.exit(0)'],
            environment: [{ name: 'STAGE', value: 'two' }],
          },
        ],
      },
    });
    expect(out.failures).toEqual([]);
    const task = out.tasks![0]!;
    expect(task).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      startedBy: 'github/42',
      group: 'family:migrate',
      launchType: 'FARGATE',
    });

    const stopped = await untilStopped(task.taskArn!);
    expect(stopped).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(stopped.containers).toEqual([expect.objectContaining({ name: 'app', exitCode: 0, lastStatus: 'STOPPED' })]);
    expect(stopped.startedAt).toBeInstanceOf(Date);

    const id = task.taskArn!.split('/').pop()!;
    const first = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamName: `ecs/app/${id}`, startFromHead: true }),
    );
    expect(first.events!.map((e) => e.message).sort()).toEqual(['up two', 'warn']);
    expect(first.nextForwardToken).toMatch(/^f\/\d{56}$/);
    // Caught up: the same forward token comes back, with nothing new.
    const again = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamName: `ecs/app/${id}`, nextToken: first.nextForwardToken }),
    );
    expect(again.events).toEqual([]);
    expect(again.nextForwardToken).toBe(first.nextForwardToken);

    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/migrate', filterPattern: 'up' }));
    expect(filtered.events).toEqual([expect.objectContaining({ logStreamName: `ecs/app/${id}`, message: 'up two' })]);
  });

  it('pages a stream forward with nextForwardToken and returns the newest events without startFromHead', async () => {
    const arn = await register('pager', [
      { ...script('for (let i = 1; i <= 5; i++) console.log("line " + i)'), logConfiguration: awslogs('/ecs/pager') },
    ]);
    const task = (await run({ taskDefinition: arn })).tasks![0]!;
    await untilStopped(task.taskArn!);
    const stream = { logGroupName: '/ecs/pager', logStreamName: `ecs/app/${task.taskArn!.split('/').pop()}` };
    const page1 = await logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 2 }));
    const page2 = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: page1.nextForwardToken, limit: 2 }));
    expect([...page1.events!, ...page2.events!].map((e) => e.message)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    const tail = await logs.send(new GetLogEventsCommand({ ...stream, limit: 2 }));
    expect(tail.events!.map((e) => e.message)).toEqual(['line 4', 'line 5']);
  });

  it('answers ResourceNotFoundException for a stream that does not exist (yet)', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/empty' }));
    const error = await errorOf(logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/empty', logStreamName: 'ecs/app/nope' })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
  });

  it('is idempotent by clientToken: the same request twice starts one task; a different request with it conflicts', async () => {
    const arn = await register('once', [script('setTimeout(() => {}, 200)')]);
    const before = sandbox.oneOffTasks.tasks.size;
    const a = await run({ taskDefinition: arn, clientToken: 'run-42-attempt-1' });
    const b = await run({ taskDefinition: arn, clientToken: 'run-42-attempt-1' });
    expect(b.tasks![0]!.taskArn).toBe(a.tasks![0]!.taskArn);
    expect(sandbox.oneOffTasks.tasks.size).toBe(before + 1);
    const error = await errorOf(run({ taskDefinition: arn, clientToken: 'run-42-attempt-1', startedBy: 'other' }));
    expect(error.name).toBe('ConflictException');
    const other = await run({ taskDefinition: arn, clientToken: 'run-42-attempt-2' });
    expect(other.tasks![0]!.taskArn).not.toBe(a.tasks![0]!.taskArn);
  });

  it('stops a running task on StopTask: SIGTERM, exit 143, stopCode UserInitiated, and lists it by startedBy', async () => {
    const arn = await register('forever', [script('setInterval(() => {}, 1000)')]);
    const task = (await run({ taskDefinition: arn, startedBy: 'forever-test' })).tasks![0]!;
    const deadline = Date.now() + 10_000;
    while ((await describeTask(task.taskArn!)).lastStatus !== 'RUNNING') {
      if (Date.now() > deadline) throw new Error('never ran');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'demo', startedBy: 'forever-test' }));
    expect(listed.taskArns).toEqual([task.taskArn]);
    await ecs.send(new StopTaskCommand({ cluster: 'demo', task: task.taskArn!, reason: 'run-task timed out' }));
    const stopped = await untilStopped(task.taskArn!);
    expect(stopped).toMatchObject({ stopCode: 'UserInitiated', stoppedReason: 'run-task timed out', desiredStatus: 'STOPPED' });
    expect(stopped.containers![0]!.exitCode).toBe(143);
  });

  it('stops the sidecars when the essential container exits', async () => {
    const arn = await register('sidecar', [
      script('setTimeout(() => process.exit(4), 100)'),
      { name: 'proxy', image: sandbox.taskDefinitions.image, essential: false, command: ['node', '-e', 'setInterval(() => {}, 1000)'] },
    ]);
    const task = (await run({ taskDefinition: arn })).tasks![0]!;
    const stopped = await untilStopped(task.taskArn!);
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.containers!.map((c) => [c.name, c.exitCode])).toEqual([
      ['app', 4],
      ['proxy', 143],
    ]);
  });
});

describe('RunTask: tasks that cannot start, like AWS', () => {
  it('stops with CannotPullContainerError when the image does not exist', async () => {
    const arn = await register('nopull', [{ ...script('1'), image: `${sandbox.ecrRepositoryUri}:v404` }]);
    const stopped = await untilStopped((await run({ taskDefinition: arn })).tasks![0]!.taskArn!);
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(/^CannotPullContainerError: .*web:v404: not found$/);
    expect(stopped.containers![0]!.reason).toBe(stopped.stoppedReason);
    expect(stopped.containers![0]!.exitCode).toBeUndefined();
  });

  it('stops with ResourceInitializationError when the awslogs group does not exist', async () => {
    const arn = await register('nologs', [{ ...script('1'), logConfiguration: awslogs('/ecs/missing', false) }]);
    const stopped = await untilStopped((await run({ taskDefinition: arn })).tasks![0]!.taskArn!);
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.stoppedReason).toMatch(/^ResourceInitializationError: .*The specified log group does not exist/);
  });

  it('stops with CannotStartContainerError when the command is not an executable', async () => {
    const arn = await register('noexec', [{ ...script('1'), command: ['alembic-not-installed', 'upgrade', 'head'] }]);
    const stopped = await untilStopped((await run({ taskDefinition: arn })).tasks![0]!.taskArn!);
    expect(stopped.stopCode).toBe('TaskFailedToStart');
    expect(stopped.containers![0]!.reason).toMatch(/^CannotStartContainerError: .*"alembic-not-installed"/);
  });

  it('validates the awsvpc network configuration', async () => {
    const arn = await register('net', [script('1')]);
    expect(await errorOf(run({ taskDefinition: arn, networkConfiguration: undefined }))).toMatchObject({
      name: 'InvalidParameterException',
      message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    });
    expect(await errorOf(run({ taskDefinition: arn, networkConfiguration: { awsvpcConfiguration: { subnets: [] } } }))).toMatchObject({
      message: 'subnets can not be empty.',
    });
    expect(
      (await errorOf(run({ taskDefinition: arn, networkConfiguration: { awsvpcConfiguration: { subnets: ['my-subnet'] } } }))).message,
    ).toMatch(/InvalidSubnetID/);
  });

  it('checks the launch type, the capacity providers and the container overrides', async () => {
    const arn = await register('launch', [script('1')]);
    expect(
      await errorOf(run({ taskDefinition: arn, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] })),
    ).toMatchObject({ message: expect.stringMatching(/^Specifying both a launch type and capacity provider strategy/) });
    expect(
      await errorOf(
        run({ taskDefinition: arn, launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'my-asg', weight: 1 }] }),
      ),
    ).toMatchObject({ message: expect.stringMatching(/capacity provider that is not associated with the cluster/) });
    expect(await errorOf(run({ taskDefinition: arn, launchType: 'EC2' }))).toMatchObject({
      message: 'Task definition does not support launch_type EC2.',
    });
    expect(await errorOf(run({ taskDefinition: arn, overrides: { containerOverrides: [{ name: 'web', command: ['x'] }] } }))).toMatchObject(
      {
        message: 'Override for container named web is not a container in the TaskDefinition.',
      },
    );
    expect(await errorOf(run({ taskDefinition: 'nope:1' }))).toMatchObject({ name: 'ClientException' });
    const spot = await run({
      taskDefinition: arn,
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    expect(spot.tasks![0]).toMatchObject({ capacityProviderName: 'FARGATE_SPOT' });
  });

  it('reports RESOURCE:MEMORY in failures when the EC2 capacity is full', async () => {
    const arn = await register('big', [script('setTimeout(() => {}, 3000)')], {
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      cpu: '256',
      memory: '768',
    });
    const ec2 = { taskDefinition: arn, launchType: 'EC2' as const, networkConfiguration: undefined };
    const first = await run(ec2);
    expect(first.tasks).toHaveLength(1);
    const second = await run(ec2);
    expect(second.tasks).toEqual([]);
    expect(second.failures).toEqual([{ arn: expect.stringMatching(/:container-instance\//), reason: 'RESOURCE:MEMORY' }]);
    await ecs.send(new StopTaskCommand({ cluster: 'demo', task: first.tasks![0]!.taskArn! }));
  });
});
