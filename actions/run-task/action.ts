import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { randomUUID } from 'node:crypto';
import { CloudWatchLogStreams } from '../../shared/aws/cloudwatch-logs.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { EcsRunTask } from '../../shared/aws/ecs-run-task.ts';
import type { LogSink } from '../../shared/engine/run-task/ports.ts';
import { runOneOffTask, type RunTaskOutcome, type RunTaskPlan } from '../../shared/engine/run-task/run-task.ts';
import { renderRunTaskSummary } from '../../shared/engine/run-task/summary.ts';
import { actionsLog, systemClock } from '../../shared/github/action.ts';
import type { InputSource } from '../../shared/inputs/read.ts';
import { parseRunTaskInputs, type RunTaskInputs } from './inputs.ts';
import { OUTPUT, STATE } from './names.ts';

const actionsSink: LogSink = { startGroup: (t) => core.startGroup(t), line: (l) => core.info(l), endGroup: () => core.endGroup() };

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

/**
 * The main step: validate the inputs (before any AWS call), run the task to its end, set the
 * outputs, write the job summary, and throw the failure (runAction reports it).
 */
export async function run(signal?: AbortSignal, options: { source?: InputSource; env?: NodeJS.ProcessEnv } = {}): Promise<RunTaskOutcome> {
  const env = options.env ?? process.env;
  const inputs = parseRunTaskInputs(options.source ?? ((name) => core.getInput(name)), env);
  const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
  const outcome = await runOneOffTask(
    runTaskPlan(inputs, env),
    {
      tasks: new EcsRunTask(new ECSClient(clientConfig(settings)), inputs.cluster),
      logs: new CloudWatchLogStreams(settings),
      clock: systemClock,
      log: actionsLog,
      sink: actionsSink,
      checkpoint: { save: (key, value) => core.saveState(key, value) },
    },
    signal,
  );
  const { report, error } = outcome;
  core.setOutput(OUTPUT.result, report.result);
  if (report.exitCode !== undefined) core.setOutput(OUTPUT.exitCode, String(report.exitCode));
  if (report.taskArn) core.setOutput(OUTPUT.taskArn, report.taskArn);
  if (report.logUrl) core.setOutput(OUTPUT.logUrl, report.logUrl);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderRunTaskSummary(report)).write();
  if (error) throw error;
  return outcome;
}

/**
 * The post step: when the main step was killed (or could not stop the task), stop the task it
 * started. It reads only the saved state, never the inputs.
 */
export async function cleanup(): Promise<void> {
  const taskArn = core.getState(STATE.task);
  if (!taskArn) return core.info('No task was started: nothing to stop');
  if (core.getState(STATE.done) === 'true') return core.info(`Task ${taskArn} already stopped`);
  const region = core.getState(STATE.region) || taskArn.split(':')[3]!;
  const tasks = new EcsRunTask(new ECSClient(clientConfig({ region, maxRetries: 6 })), core.getState(STATE.cluster));
  const task = await tasks.describeTask(taskArn);
  if (!task || task.lastStatus === 'STOPPED') return core.info(`Task ${taskArn} is ${task?.lastStatus ?? 'gone'}: nothing to stop`);
  core.warning(`The main step ended while task ${taskArn} was ${task.lastStatus}: stopping it`);
  await tasks.stopTask(taskArn, 'The run-task step was cancelled or killed: stopped by its post step');
  core.info(`Stopped task ${taskArn}`);
}
