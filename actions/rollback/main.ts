import * as core from '@actions/core';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import { awsSession } from '../../shared/aws/clients.ts';
import { roleToAssume } from '../../shared/inputs/role.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import type { DeploymentRecord } from '../../shared/engine/record.ts';
import { runRollback } from '../../shared/engine/rollback.ts';
import { runServiceRollback } from '../../shared/engine/rollback-service.ts';
import { formatWeights } from '../../shared/engine/topology.ts';
import { actionsLog, consoleLinks, publishReport, runAction, systemClock } from '../../shared/github/action.ts';
import { deploymentRecord, withDeploymentRecord } from '../../shared/github/record.ts';
import { awsPorts, trafficGates, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import { parseRollbackInputs, type RollbackInputs } from './inputs.ts';
import { rollBackNativelyIfWired } from './native.ts';

await runAction(async (signal) => {
  const inputs = parseRollbackInputs((name) => core.getInput(name));
  const { mode } = inputs;
  const extensionMs = inputs['inconclusive-timeout'] ?? inputs['bake-time'];
  warnIfRunOutlivesCredentials(inputs, { bakeMs: inputs['bake-time'], extensionMs, waitTimeoutMs: inputs['wait-timeout'] }, 1);
  const services = mode.kind === 'service' ? [mode.service] : Object.values(mode.services);
  const record = deploymentRecord(inputs);
  if (mode.kind === 'service' && (await rollBackNativelyIfWired(inputs, mode.service, record, signal))) return;
  const { report, error } = await withDeploymentRecord(
    inputs,
    { strategy: 'rollback', cluster: inputs.cluster, services, reason: inputs.reason },
    (onTaskDefinition) => rollBack(inputs, record, onTaskDefinition, signal),
    record,
  );

  const links = consoleLinks(inputs.region, inputs.cluster, services, mode.kind === 'colors' ? mode.router.arn : '');
  if (mode.kind === 'service') delete links['Load balancer'];
  Object.assign(report.facts, links);
  const live = mode.kind === 'service' ? (error ? undefined : mode.service) : report.liveColor && report.services[report.liveColor];
  core.setOutput('result', report.result);
  if (live) core.setOutput('live-service', live);
  if (report.taskDefinitionArn) core.setOutput('task-definition-arn', report.taskDefinitionArn);
  if (mode.kind === 'colors' && report.weights) core.setOutput('weights', formatWeights(report.weights));
  core.setOutput('report', await publishReport(report, error));
  if (error) throw error;
});

function rollBack(
  inputs: RollbackInputs,
  record: DeploymentRecord | undefined,
  onTaskDefinition: (arn: string) => Promise<void>,
  signal: AbortSignal,
) {
  const { mode, cluster, to, reason } = inputs;
  const timing = { pollMs: inputs['poll-interval'], waitTimeoutMs: inputs['wait-timeout'] };
  if (mode.kind === 'service') {
    const { clients } = awsSession({ region: inputs.region, maxRetries: inputs['max-retries'], role: roleToAssume(inputs) }, signal);
    // Asked only for the target health of the service's own target group: no listener involved.
    const health = new AlbRouter(clients.elb, '');
    const fleet = new EcsFleet(clients.ecs, cluster);
    const ports = { fleet, health, clock: systemClock, log: actionsLog, record, onTaskDefinition };
    return runServiceRollback({ cluster, service: mode.service, to, reason, ...timing }, ports, signal);
  }
  const { ports, clients } = awsPorts({ ...inputs, router: mode.router }, signal);
  const plan = {
    cluster,
    services: mode.services,
    to,
    reason,
    ...timing,
    bakeMs: inputs['bake-time'],
    extensionMs: inputs['inconclusive-timeout'] ?? inputs['bake-time'],
    gates: trafficGates(clients, mode.router.arn, inputs),
  };
  return runRollback(plan, { ...ports, record, onTaskDefinition }, signal);
}
