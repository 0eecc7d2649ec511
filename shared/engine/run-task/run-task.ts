import { formatDuration } from '../../duration.ts';
import { asDeployError, CancelledError, DeployError, messageOf } from '../../errors.ts';
import type { Clock, Log } from '../ports.ts';
import { retrying } from '../retry.ts';
import type { TaskDefinitionSource } from '../deploy.ts';
import { RunTaskRecorder, type ContainerOutcome, type RunTaskReport, type RunTaskResult } from './report.ts';
import { TASK_STATE, type RunTaskPorts, type TaskDefinitionInfo, type TaskPlacement, type TaskState } from './ports.ts';
import { neutralize } from './safe-text.ts';
import { TaskLogs, streamName } from './task-logs.ts';

export interface RunTaskPlan {
  cluster: string;
  region: string;
  taskDefinition: TaskDefinitionSource;
  /** The container the command and environment override, and whose exit code is the output. */
  container: string | undefined;
  command: string[] | undefined;
  environment: Record<string, string> | undefined;
  /** Copy the placement from this service (launch type / strategy below win), or use `placement`. */
  networkFromService: string | undefined;
  placement: TaskPlacement;
  /** Containers whose non-zero exit fails the run, besides the essential ones. */
  requireSuccess: string[];
  startedBy: string;
  clientToken: string;
  timeoutMs: number;
  pollMs: number;
  maxLogLines: number;
  /** How long to wait for STOPPED after StopTask (the containers' stop timeout). */
  stopWaitMs: number;
}

export interface RunTaskOutcome {
  report: RunTaskReport;
  error?: DeployError;
}

/** Text an AWS caller or the task controls, made safe for the CI log. */
const safeLog = (log: Log): Log => ({ info: (m) => log.info(neutralize(m)), warn: (m) => log.warn(neutralize(m)) });
const taskId = (arn: string): string => arn.split('/').pop() ?? arn;

/** Console links: the log stream of the main container, or the task itself. */
export function logConsoleUrl(region: string, group: string, stream: string): string {
  // The console double-encodes path parts and writes % as $.
  const part = (text: string) => encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${part(group)}/log-events/${part(stream)}`;
}

export function taskConsoleUrl(region: string, cluster: string, taskArn: string): string {
  return `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${cluster}/tasks/${taskId(taskArn)}/configuration?region=${region}`;
}

/** Why RunTask could not place the task, and what usually fixes it. */
function placementFix(reason: string): string {
  if (reason.startsWith('RESOURCE:'))
    return 'The cluster has no room for the task: add capacity, or run it on Fargate (launch-type FARGATE).';
  if (reason === 'MISSING') return 'The cluster or its container instances are gone: check the cluster name.';
  return 'See "API failure reasons" in the ECS documentation for this reason.';
}

/** The fix for a task that stopped before its containers ran. */
function startFix(reason: string): string {
  if (/CannotPullContainerError/.test(reason))
    return 'Check that the image exists, that the execution role may pull it, and that the subnets reach the registry.';
  if (/ResourceInitializationError/.test(reason))
    return 'Check the execution role (secrets, log group) and that the awslogs group exists or awslogs-create-group is "true".';
  if (/CannotStartContainerError/.test(reason)) return 'Check the command: its first item must be an executable in the image.';
  return 'See "Amazon ECS stopped task error messages" in the ECS documentation for this reason.';
}

/**
 * Runs one task to completion: RunTask (with a client token, so a retried call never starts a
 * second task), follow its logs until it is STOPPED, then judge every container's exit code.
 * On timeout, cancel or any failure once the task exists, it is stopped, never left running.
 */
export async function runOneOffTask(plan: RunTaskPlan, input: RunTaskPorts, signal?: AbortSignal): Promise<RunTaskOutcome> {
  const log = safeLog(input.log);
  const { tasks, logs } = retrying({ ...input, log, signal }).ports(input, { tasks: 'ecs', logs: 'logs' });
  // Stopping must go through while the run is being cancelled.
  const cleanup = retrying({ ...input, log }).port(input.tasks, 'ecs');
  const recorder = new RunTaskRecorder(plan.cluster, input.clock, log);
  const report = recorder.report;
  let definition: TaskDefinitionInfo | undefined;
  let task: TaskState | undefined;
  let taskLogs: TaskLogs | undefined;
  let stopRequested = false;

  const note = (message: string) => {
    taskLogs?.pause();
    recorder.note(message);
  };

  /** StopTask, then wait (bounded) for STOPPED so the exit codes are known. */
  const stop = async (reason: string, waitMs: number): Promise<void> => {
    if (!task || task.lastStatus === 'STOPPED') return;
    note(`Stopping task ${taskId(task.arn)}: ${reason}`);
    await cleanup.stopTask(task.arn, reason.slice(0, 255));
    stopRequested = true;
    const deadline = input.clock.now() + waitMs;
    while (input.clock.now() < deadline) {
      task = (await cleanup.describeTask(task.arn)) ?? task;
      if (task.lastStatus === 'STOPPED') return;
      await input.clock.sleep(Math.min(plan.pollMs, 2_000));
    }
    if (waitMs > 0)
      recorder.warn(`Task ${taskId(task.arn)} was not STOPPED ${formatDuration(waitMs)} after StopTask (ECS keeps stopping it)`);
  };

  let result: RunTaskResult;
  let error: DeployError | undefined;
  try {
    definition = await resolveDefinition(plan, tasks);
    report.taskDefinitionArn = definition.arn;
    note(`Task definition ${definition.arn}`);
    const main = checkContainers(plan, definition);
    const placement = await resolvePlacement(plan, tasks, definition);

    const started = await tasks.runTask({
      taskDefinitionArn: definition.arn,
      placement,
      override:
        plan.command || plan.environment ? { container: main.name, command: plan.command, environment: plan.environment } : undefined,
      startedBy: plan.startedBy,
      clientToken: plan.clientToken,
    });
    if ('failures' in started) throw notPlaced(started.failures);
    task = started.task;
    report.taskArn = task.arn;
    input.checkpoint.save(TASK_STATE.task, task.arn);
    input.checkpoint.save(TASK_STATE.cluster, plan.cluster);
    input.checkpoint.save(TASK_STATE.region, plan.region);
    note(`Started task ${task.arn} (${task.lastStatus})`);

    const id = taskId(task.arn);
    const mainLogs = main.logs;
    report.logUrl = mainLogs
      ? logConsoleUrl(mainLogs.region ?? plan.region, mainLogs.group, streamName(mainLogs, main.name, id))
      : taskConsoleUrl(plan.region, plan.cluster, task.arn);
    report.logLocation = mainLogs ? `CloudWatch Logs group ${mainLogs.group}, stream ${streamName(mainLogs, main.name, id)}` : undefined;
    if (!definition.containers.some((c) => c.logs))
      recorder.warn('No container of the task definition uses the awslogs log driver: its output cannot be shown here');
    taskLogs = new TaskLogs(definition.containers, id, {
      reader: logs,
      sink: input.sink,
      maxLines: plan.maxLogLines,
      title: `Logs of task ${id}`,
      whereTheRestIs: `${report.logLocation ?? 'CloudWatch Logs'}: ${report.logUrl}`,
    });

    const deadline = input.clock.now() + plan.timeoutMs;
    let status = task.lastStatus;
    let timedOut = false;
    for (;;) {
      task = (await tasks.describeTask(task.arn)) ?? task;
      if (task.lastStatus !== status) {
        status = task.lastStatus;
        note(`Task ${status}${status === 'STOPPED' && task.stoppedReason ? `: ${task.stoppedReason}` : ''}`);
      }
      await taskLogs.poll();
      if (task.lastStatus === 'STOPPED') break;
      if (input.clock.now() >= deadline) {
        timedOut = true;
        await stop(`Timed out after ${formatDuration(plan.timeoutMs)} (run-task timeout)`, plan.stopWaitMs);
        break;
      }
      await input.clock.sleep(Math.min(plan.pollMs, Math.max(1, deadline - input.clock.now())), signal);
    }
    // CloudWatch Logs may lag the exit by a moment: read until nothing more arrives.
    await drain(taskLogs, input.clock, plan.pollMs);
    const judged = judge(plan, definition, main.name, task, report);
    for (const line of judged.why) note(line);
    if (timedOut) {
      result = 'timed-out';
      error = new DeployError(`The task ran longer than the timeout (${formatDuration(plan.timeoutMs)}) and was stopped`, {
        why: judged.why,
        fix: 'Raise the timeout input if the task needs longer, or look at its log for where it hangs.',
      });
    } else {
      result = judged.error ? 'failed' : 'succeeded';
      error = judged.error;
    }
  } catch (caught) {
    const cancelled = caught instanceof CancelledError || Boolean(signal?.aborted);
    result = cancelled ? 'cancelled' : 'failed';
    error = cancelled ? new DeployError('The run was cancelled; the task was stopped') : asDeployError(caught);
    try {
      await stop(
        cancelled ? 'Cancelled: the workflow run was cancelled (run-task)' : `Stopped by run-task after an error: ${error.message}`,
        0,
      );
    } catch (stopError) {
      recorder.warn(`StopTask failed (${messageOf(stopError)}); the post step tries again`);
    }
    if (task && definition) judge(plan, definition, plan.container ?? '', task, report);
  }
  taskLogs?.pause();
  if (taskLogs) Object.assign(report, { logLinesPrinted: taskLogs.printed, lastLogLines: taskLogs.tail });
  // The post step stops the task unless it is known to be stopped or stopping.
  if (!task || task.lastStatus === 'STOPPED' || stopRequested) input.checkpoint.save(TASK_STATE.done, 'true');
  recorder.finish(result);
  if (error) report.error = { what: error.message, why: error.why, fix: error.fix };
  return { report, error };
}

function notPlaced(failures: { arn?: string; reason?: string; detail?: string }[]): DeployError {
  const lines = failures.map((f) =>
    neutralize(`${f.reason ?? 'unknown reason'}${f.detail ? ` (${f.detail})` : ''}${f.arn ? ` on ${f.arn}` : ''}`),
  );
  return new DeployError(`The task did not start: ECS could not place it: ${lines.join('; ') || 'no task and no reason given'}`, {
    why: lines,
    fix: placementFix(failures[0]?.reason ?? ''),
  });
}

async function drain(taskLogs: TaskLogs, clock: Clock, pollMs: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    if ((await taskLogs.poll()) === 0) return;
    await clock.sleep(Math.min(pollMs, 1_000));
  }
}

async function resolveDefinition(plan: RunTaskPlan, tasks: RunTaskPorts['tasks']): Promise<TaskDefinitionInfo> {
  const source = plan.taskDefinition;
  const reference = 'document' in source ? await tasks.registerTaskDefinition(source.document) : source.reference;
  return tasks.describeTaskDefinition(reference);
}

/** The container the run is about; every named container must exist before anything runs. */
function checkContainers(plan: RunTaskPlan, definition: TaskDefinitionInfo) {
  const names = definition.containers.map((c) => c.name);
  for (const name of [plan.container, ...plan.requireSuccess].filter((n): n is string => Boolean(n))) {
    if (!names.includes(name))
      throw new DeployError(`Container "${name}" is not in ${definition.arn} (it has: ${names.join(', ')})`, {
        fix: 'Fix container-name or require-success to name containers of the task definition.',
      });
  }
  const main = definition.containers.find((c) => c.name === plan.container) ?? definition.containers.find((c) => c.essential);
  if (!main) throw new DeployError(`${definition.arn} has no essential container`);
  return main;
}

async function resolvePlacement(plan: RunTaskPlan, tasks: RunTaskPorts['tasks'], definition: TaskDefinitionInfo): Promise<TaskPlacement> {
  let placement = plan.placement;
  if (plan.networkFromService) {
    const copied = await tasks.servicePlacement(plan.networkFromService);
    const own = plan.placement.launchType || plan.placement.capacityProviderStrategy;
    placement = {
      awsvpc: copied.awsvpc,
      ...(own
        ? { launchType: plan.placement.launchType, capacityProviderStrategy: plan.placement.capacityProviderStrategy }
        : { launchType: copied.launchType, capacityProviderStrategy: copied.capacityProviderStrategy }),
    };
  }
  if (definition.networkMode === 'awsvpc' && !placement.awsvpc) {
    throw new DeployError(
      plan.networkFromService
        ? `Service ${plan.networkFromService} has no awsvpc network configuration to copy, and ${definition.arn} needs one`
        : `${definition.arn} uses networkMode awsvpc, which needs subnets`,
      { fix: 'Give network-from-service (a service using awsvpc), or subnets and security-groups.' },
    );
  }
  return placement;
}

/**
 * Every container's exit code and reason into the report, and the verdict: the task never
 * started (the exact reason), or an essential / required container exited non-zero.
 */
function judge(
  plan: RunTaskPlan,
  definition: TaskDefinitionInfo,
  mainName: string,
  task: TaskState,
  report: RunTaskReport,
): { why: string[]; error: DeployError | undefined } {
  const outcomes: ContainerOutcome[] = definition.containers.map((spec) => {
    const state = task.containers.find((c) => c.name === spec.name);
    return {
      name: spec.name,
      lastStatus: state?.lastStatus,
      exitCode: state?.exitCode,
      reason: state?.reason,
      essential: spec.essential,
      required: spec.essential || plan.requireSuccess.includes(spec.name),
    };
  });
  report.containers = outcomes;
  report.stoppedReason = task.stoppedReason;
  report.stopCode = task.stopCode;
  if (task.startedAt && task.stoppedAt) report.runSeconds = (task.stoppedAt.getTime() - task.startedAt.getTime()) / 1000;
  const main = outcomes.find((c) => c.name === mainName) ?? outcomes.find((c) => c.essential);
  report.exitCode = main?.exitCode;
  const why = [
    `Task: ${task.lastStatus}${task.stoppedReason ? `: ${task.stoppedReason}` : ''}${task.stopCode ? ` (${task.stopCode})` : ''}`,
    ...outcomes.map(
      (c) =>
        `Container ${c.name}${c.essential ? ' (essential)' : ''}: ${c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}${c.reason ? `: ${c.reason}` : ''}`,
    ),
  ].map(neutralize);

  const neverRan = task.stopCode === 'TaskFailedToStart' || (!task.startedAt && outcomes.every((c) => c.exitCode === undefined));
  if (task.lastStatus === 'STOPPED' && neverRan) {
    const reason = task.stoppedReason ?? outcomes.find((c) => c.reason)?.reason ?? `stop code ${task.stopCode ?? 'unknown'}`;
    return { why, error: new DeployError(`The task never started: ${neutralize(reason)}`, { why, fix: startFix(reason) }) };
  }
  const failed = outcomes.filter((c) => c.required && c.exitCode !== 0);
  if (failed.length === 0) return { why, error: undefined };
  const list = failed.map(
    (c) =>
      `container "${c.name}" ${c.exitCode === undefined ? 'has no exit code' : `exited ${c.exitCode}`}${c.reason ? ` (${neutralize(c.reason)})` : ''}`,
  );
  return {
    why,
    error: new DeployError(`The task failed: ${list.join(', ')}`, {
      why,
      fix: report.logLocation ? `Its log is in ${report.logLocation}.` : undefined,
    }),
  };
}
