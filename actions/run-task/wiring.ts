import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { CloudWatchLogStreams } from '../../shared/aws/cloudwatch-logs.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { EcsRunTask } from '../../shared/aws/ecs-run-task.ts';
import type { RunTaskPorts } from '../../shared/engine/run-task/ports.ts';
import { actionsSink } from '../../shared/github/actions-log.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import type { RunTaskInputs } from './inputs.ts';

/** The only place run-task builds adapters (loaded once the inputs are valid). */
export function wire(inputs: RunTaskInputs, context: RunContext): RunTaskPorts {
  const settings = { region: inputs.region, maxRetries: inputs['max-retries'] };
  return {
    tasks: new EcsRunTask(new ECSClient(clientConfig(settings)), inputs.cluster),
    logs: new CloudWatchLogStreams(settings),
    clock: context.clock,
    log: context.log,
    // The task's log lines go into one collapsible group of the job log.
    sink: actionsSink(core),
    checkpoint: context.checkpoint,
  };
}

/** The post step's adapter, from the saved cluster and region. */
export const tasksFor = (region: string, cluster: string) =>
  new EcsRunTask(new ECSClient(clientConfig({ region, maxRetries: 6 })), cluster);
