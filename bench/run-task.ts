/**
 * Run-task overhead beyond the task's own run time: the bundle runs a one-off task on the
 * sandbox (real process, real logs), and the wall time of the step is split into the time
 * before the container runs, the container's run, and the time after it exits.
 *   npm exec -- node bench/run-task.ts     (prints, and updates its section of RESULTS.md)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/index.ts';
import { FAST_SANDBOX, sandboxEnv, workspace } from '../sandbox/rehearsal/rehearsal.ts';
import { runBundle } from '../sandbox/rehearsal/run-bundle.ts';

const RUNS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function benchRunTask(): Promise<string[]> {
  const rows: string[] = [];
  for (const [taskMs, poll] of [
    [0, '1s'],
    [3_000, '1s'],
    [3_000, '5s'],
  ] as const) {
    const before: number[] = [];
    const after: number[] = [];
    const total: number[] = [];
    const ran: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const sandbox = await startSandbox(FAST_SANDBOX);
      const dir = workspace();
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
                options: { 'awslogs-group': '/ecs/migrate', 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' },
              },
            },
          ],
        }),
      );
      const started = Date.now();
      const result = await runBundle('run-task', {
        inputs: {
          cluster: sandbox.cluster,
          'task-definition': 'migrate.json',
          command: JSON.stringify(['node', '-e', `console.log("migrating"); setTimeout(() => console.log("done"), ${taskMs})`]),
          'network-from-service': sandbox.services.blue.name,
          'poll-interval': poll,
        },
        env: sandboxEnv(sandbox, dir),
      });
      const ended = Date.now();
      const task = [...sandbox.oneOffTasks.tasks.values()][0]!;
      await sandbox.stop();
      if (result.code !== 0 || !task.startedAt || !task.stoppedAt) throw new Error(`run failed: ${result.errors.join('; ')}`);
      before.push(task.startedAt.getTime() - started);
      ran.push(task.stoppedAt.getTime() - task.startedAt.getTime());
      after.push(ended - task.stoppedAt.getTime());
      total.push(ended - started);
    }
    rows.push(
      `| ${taskMs / 1000} s | ${poll} | ${s(median(total))} | ${s(median(ran))} | ${s(median(total) - median(ran))} | ${s(median(before))} | ${s(median(after))} |`,
    );
  }
  return [
    `Median of ${RUNS} runs of the bundle (main step) per row, each on a fresh sandbox (task start delay 20 ms per state).`,
    '"Before" includes the bundle cold start, RegisterTaskDefinition, DescribeServices, RunTask and provisioning; "after" is',
    'noticing STOPPED (up to one poll), the final log reads, the summary and the process exit.',
    '',
    '| Task runs | poll-interval | Step wall time | Task run time | Overhead | Before the container runs | After it exits |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

if (import.meta.main) {
  const lines = await benchRunTask();
  const file = join(import.meta.dirname, 'RESULTS.md');
  const title = '## Run-task on the sandbox';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(title);
  const section = [title, '', ...lines, ''].join('\n');
  const next = start >= 0 ? text.indexOf('\n## ', start + title.length) : -1;
  const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next) : ''}`;
  writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  console.log(lines.join('\n'));
}
