import { randomUUID } from 'node:crypto';
import { runOneOffTask, type RunTaskOutcome, type RunTaskPlan } from '../../shared/engine/run-task/run-task.ts';
import type { RunTaskReport } from '../../shared/engine/run-task/report.ts';
import { renderRunTaskSummary } from '../../shared/engine/run-task/summary.ts';
import { notifyAs } from '../../shared/notify/announcer.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { parseRunTaskInputs, type RunTaskInputs } from './inputs.ts';
import { OUTPUT, STATE } from './names.ts';

/** How long StopTask may take to reach STOPPED (ECS's container stopTimeout is 30 s by default, 120 s at most). */
const STOP_WAIT_MS = 150_000;

export function runTaskPlan(inputs: RunTaskInputs, env: NodeJS.ProcessEnv, clientToken: string = randomUUID()): RunTaskPlan {
  const subnets = inputs.subnets;
  return {
    cluster: inputs.cluster,
    region: inputs.region,
    taskDefinition: inputs.taskDefinition,
    container: inputs['container-name'],
    command: inputs.command,
    environment: inputs['environment-overrides'],
    networkFromService: inputs['network-from-service'],
    placement: {
      ...(subnets
        ? {
            awsvpc: {
              subnets,
              securityGroups: inputs['security-groups'] ?? [],
              ...(inputs['assign-public-ip'] !== undefined ? { assignPublicIp: inputs['assign-public-ip'] ? 'ENABLED' : 'DISABLED' } : {}),
            },
          }
        : {}),
      ...(inputs['launch-type'] ? { launchType: inputs['launch-type'] } : {}),
      ...(inputs['capacity-provider-strategy'] ? { capacityProviderStrategy: inputs['capacity-provider-strategy'] } : {}),
    },
    requireSuccess: inputs['require-success'] ?? [],
    startedBy: inputs['started-by'] ?? `github/${env.GITHUB_RUN_ID ?? 'local'}`,
    clientToken,
    timeoutMs: inputs.timeout,
    pollMs: inputs['poll-interval'],
    maxLogLines: inputs['max-log-lines'],
    stopWaitMs: STOP_WAIT_MS,
  };
}

export const runTask: ActionSpec<RunTaskInputs, RunTaskReport, RunTaskOutcome> = {
  inputs: parseRunTaskInputs,
  async run(inputs, context) {
    const { wire } = await import('./wiring.ts');
    return runOneOffTask(runTaskPlan(inputs, process.env), wire(inputs, context), context.signal);
  },
  outputs: ({ report }) => ({
    [OUTPUT.result]: report.result,
    [OUTPUT.exitCode]: report.exitCode === undefined ? undefined : String(report.exitCode),
    [OUTPUT.taskArn]: report.taskArn,
    [OUTPUT.logUrl]: report.logUrl,
  }),
  summary: renderRunTaskSummary,
  notify: notifyAs<RunTaskInputs, RunTaskReport>(
    'run-task',
    (inputs) => (inputs['network-from-service'] ? [inputs['network-from-service']] : []),
    (report) => ({ taskDefinitionArn: report.taskDefinitionArn }),
  ),
};

export const run = () => runAction(runTask);

/**
 * The post step: when the main step was killed (or could not stop the task), stop the task it
 * started. It reads only the saved state, never the inputs.
 */
export const cleanup = () =>
  runCleanup(async (state, { log }) => {
    const taskArn = state.get(STATE.task);
    if (!taskArn) return log.info('No task was started: nothing to stop');
    if (state.get(STATE.done) === 'true') return log.info(`Task ${taskArn} already stopped`);
    const { tasksFor } = await import('./wiring.ts');
    const tasks = tasksFor(state.get(STATE.region) || taskArn.split(':')[3]!, state.get(STATE.cluster));
    const task = await tasks.describeTask(taskArn);
    if (!task || task.lastStatus === 'STOPPED') return log.info(`Task ${taskArn} is ${task?.lastStatus ?? 'gone'}: nothing to stop`);
    log.warn(`The main step ended while task ${taskArn} was ${task.lastStatus}: stopping it`);
    await tasks.stopTask(taskArn, 'The run-task step was cancelled or killed: stopped by its post step');
    log.info(`Stopped task ${taskArn}`);
  });
