import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlarmGate } from '../../shared/aws/alarm-gate.ts';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import { awsSession } from '../../shared/aws/clients.ts';
import { roleToAssume } from '../../shared/inputs/role.ts';
import { ROLE_STATE } from '../../shared/github/post.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { EcsTasks } from '../../shared/aws/ecs-tasks.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import { runChaos } from '../../shared/engine/chaos/chaos.ts';
import type { ChaosReport } from '../../shared/engine/chaos/report.ts';
import { renderChaosSummary } from '../../shared/engine/chaos/summary.ts';
import type { DeployError } from '../../shared/errors.ts';
import { actionsLog, runAction, systemClock } from '../../shared/github/action.ts';
import { chaosPlan, parseChaosInputs } from './inputs.ts';

await runAction(async (signal) => {
  const inputs = parseChaosInputs((name) => core.getInput(name));
  const role = roleToAssume(inputs);
  if (role) core.saveState(ROLE_STATE, JSON.stringify(role));
  // No abort signal on the clients: chaos re-registers drained targets through the same ones after a cancel.
  const { clients } = awsSession({ region: inputs.region, maxRetries: inputs['max-retries'], role });
  const alarms = inputs.alarms ?? [];
  const run = `${process.env.GITHUB_REPOSITORY ?? 'local'} run ${process.env.GITHUB_RUN_ID ?? '-'}`;

  const { report, error } = await runChaos(
    chaosPlan(inputs, `chaos experiment (${inputs.experiment}) by ${run}`),
    {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      router: inputs.router && new AlbRouter(clients.elb, inputs.router.arn),
      tasks: new EcsTasks(clients.ecs, inputs.cluster),
      targets: new ElbTargets(clients.elb),
      alarms: alarms.length > 0 ? new AlarmGate(clients.cloudwatch, alarms) : undefined,
      clock: systemClock,
      log: actionsLog,
      checkpoint: { save: (key, value) => core.saveState(key, value) },
      random: Math.random,
    },
    signal,
  );

  core.setOutput('result', report.result);
  if (report.service) core.setOutput('service', report.service);
  if (report.recoverySeconds !== undefined) core.setOutput('recovery-seconds', String(report.recoverySeconds));
  core.setOutput('report', await publish(report, error));
  if (error) throw error;
});

/** The job summary and the JSON report (its path is the `report` output). */
async function publish(report: ChaosReport, error: DeployError | undefined): Promise<string> {
  if (error) report.error = { what: error.message, why: error.why, fix: error.fix };
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `chaos-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`);
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderChaosSummary(report)).write();
  return path;
}
