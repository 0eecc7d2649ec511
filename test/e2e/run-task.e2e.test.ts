/**
 * The run-task bundle, run as the GitHub runner runs it (main, then post), against the sandbox:
 * one-off tasks are real processes, their output reaches CloudWatch Logs, StopTask kills them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { OneOffTask } from '../../sandbox/ecs/one-off-tasks.ts';
import { FAST_SANDBOX, sandboxEnv, workspace } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';

let sandbox: Sandbox;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox(FAST_SANDBOX);
  dir = workspace();
  writeFileSync(
    join(dir, 'migrate.json'),
    JSON.stringify({
      family: 'migrate',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: sandbox.taskDefinitions.image,
          essential: true,
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/migrate',
              'awslogs-stream-prefix': 'ecs',
              'awslogs-region': 'us-east-1',
              'awslogs-create-group': 'true',
            },
          },
        },
      ],
    }),
  );
});
afterEach(() => sandbox.stop());

const inputs = (command: string[], extra: Record<string, string> = {}) => ({
  cluster: sandbox.cluster,
  'task-definition': 'migrate.json',
  'container-name': 'app',
  command: JSON.stringify(command),
  'network-from-service': sandbox.services.blue.name,
  'poll-interval': '1s',
  ...extra,
});
const env = () => sandboxEnv(sandbox, dir);
const node = (code: string) => ['node', '-e', code];
const theTask = (): OneOffTask => {
  const tasks = [...sandbox.oneOffTasks.tasks.values()];
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
};

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run-task bundle against the sandbox', () => {
  it('runs a migration: its log in the job log, exit 0, succeeded', async () => {
    const result = await runBundle('run-task', {
      inputs: inputs(node('console.log("upgrade a1 -> b2"); console.log("::add-mask::nope"); console.log("done")'), {
        'environment-overrides': 'STAGE=prod',
      }),
      env: env(),
    });
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    const task = theTask();
    expect(result.outputs).toEqual({
      result: 'succeeded',
      'exit-code': '0',
      'task-arn': task.arn,
      'log-url': `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fmigrate/log-events/ecs$252Fapp$252F${task.id}`,
      report: expect.stringMatching(/run-task-report-.*\.json$/),
    });
    expect(result.stdout).toContain(`::group::Logs of task ${task.id}\nupgrade a1 -> b2\n%3A:add-mask::nope\ndone\n::endgroup::`);
    expect(task.request.networkConfiguration?.awsvpcConfiguration?.subnets).toEqual([
      'subnet-0a1b2c3d4e5f60001',
      'subnet-0a1b2c3d4e5f60002',
    ]);
    expect(task.request.overrides).toEqual([
      {
        name: 'app',
        command: node('console.log("upgrade a1 -> b2"); console.log("::add-mask::nope"); console.log("done")'),
        environment: [{ name: 'STAGE', value: 'prod' }],
      },
    ]);
    expect(result.summary).toContain('## ✅ Succeeded: run-task migrate:1 on demo');
    expect(result.summary).toContain('| app | yes | 0 ✅ |  |');
    expect(result.summary).toMatch(/### Last 3 log lines\n\n```text\nupgrade a1 -> b2\n%3A:add-mask::nope\ndone\n```/);
    // The post step finds the task stopped and does nothing.
    const post = await runBundle('run-task', { step: 'post', state: result.state, env: env() });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`Task ${task.arn} already stopped`);
  }, 60_000);

  it('fails on a non-zero exit, with the exit code and the stop reason', async () => {
    const result = await runBundle('run-task', {
      inputs: inputs(node('console.error("relation users already exists"); process.exit(3)')),
      env: env(),
    });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'failed', 'exit-code': '3' });
    expect(result.errors).toEqual([
      `The task failed: container "app" exited 3. Its log is in CloudWatch Logs group /ecs/migrate, stream ecs/app/${theTask().id}.`,
    ]);
    expect(result.stdout).toContain('relation users already exists');
    expect(result.summary).toContain('| Stop code | EssentialContainerExited |');
    expect(result.summary).toContain('| app | yes | 3 ❌ |  |');
  }, 60_000);

  it('says exactly why a task cannot start (an image that does not exist)', async () => {
    const result = await runBundle('run-task', {
      inputs: inputs(node('1'), { image: `${sandbox.ecrRepositoryUri}:v404` }),
      env: env(),
    });
    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('failed');
    expect(result.outputs['exit-code']).toBeUndefined();
    expect(result.errors[0]).toMatch(
      /^The task never started: CannotPullContainerError: .*web:v404: not found\. Check that the image exists/,
    );
    expect(result.summary).toContain('| Stop code | TaskFailedToStart |');
  }, 60_000);

  it('stops the task at the timeout', async () => {
    const result = await runBundle('run-task', {
      inputs: inputs(node('console.log("waiting for a lock"); setInterval(() => {}, 1000)'), { timeout: '10s' }),
      env: env(),
    });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'timed-out', 'exit-code': '143' });
    expect(result.errors[0]).toMatch(/^The task ran longer than the timeout \(10s\) and was stopped/);
    expect(theTask()).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'Timed out after 10s (run-task timeout)',
    });
    expect(result.stdout).toContain('waiting for a lock');
  }, 60_000);

  it('stops the task when the workflow is cancelled (SIGINT)', async () => {
    const run = startBundle('run-task', {
      inputs: inputs(node('setInterval(() => console.log("still migrating"), 200)')),
      env: env(),
      dir,
    });
    await until(() => [...sandbox.oneOffTasks.tasks.values()].some((t) => t.lastStatus === 'RUNNING'), 'the task to run');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('cancelled');
    expect(theTask()).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'Cancelled: the workflow run was cancelled (run-task)',
    });
    await until(() => theTask().lastStatus === 'STOPPED', 'the task to stop');
  }, 60_000);

  it('stops the task from the post step when the main step was killed (SIGKILL)', async () => {
    const run = startBundle('run-task', { inputs: inputs(node('setInterval(() => {}, 1000)')), env: env(), dir });
    await until(() => [...sandbox.oneOffTasks.tasks.values()].some((t) => t.lastStatus === 'RUNNING'), 'the task to run');
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(theTask().desiredStatus).toBe('RUNNING');

    const post = await runBundle('run-task', { step: 'post', state: killed.state, env: env() });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`Stopped task ${theTask().arn}`);
    expect(theTask()).toMatchObject({
      desiredStatus: 'STOPPED',
      stoppedReason: 'The run-task step was cancelled or killed: stopped by its post step',
    });
  }, 60_000);
});
