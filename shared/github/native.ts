/**
 * What the native path of canary, blue-green and rollback shares: the ECS adapter on real
 * clients, the traffic gates on the service's own production rule, and the end of a run
 * (outputs, JSON report, job summary). The two-color path's counterparts are shared/wiring.ts
 * and concludeTwoColorRun.
 */
import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsSession, type AwsClients } from '../aws/clients.ts';
import { EcsServiceDeployments } from '../aws/ecs-service-deployments.ts';
import type { NativePlan, NativePorts, NativeReport } from '../engine/native/context.ts';
import { renderNativeSummary } from '../engine/native/summary.ts';
import type { DeployError } from '../errors.ts';
import { roleToAssume, type RoleValues } from '../inputs/role.ts';
import { metricDelay } from '../inputs/gates.ts';
import { hasTrafficGates, trafficGates, type GateValues } from '../wiring.ts';
import { actionsLog, consoleLinks, systemClock } from './action.ts';
import { ROLE_STATE } from './post.ts';

/** The post step reads no inputs: the main step leaves the region (the role goes to ROLE_STATE). */
export const NATIVE_REGION_STATE = 'native-region';

export interface NativeSessionValues extends Partial<RoleValues> {
  region: string;
  'max-retries': number;
  cluster: string;
}

/**
 * The native engine's ports. ECS calls go through clients without the cancel signal: the
 * engine itself stops at the cancel and must still roll back through ECS afterwards. Gates use
 * the cancellable clients. `productionRule()` is the rule the service was last seen with (the
 * metric gates' load balancer).
 */
export function nativeSession(values: NativeSessionValues, signal?: AbortSignal) {
  const role = values['role-to-assume']
    ? roleToAssume({
        'role-to-assume': values['role-to-assume'],
        'role-duration-seconds': values['role-duration-seconds'] ?? 3600,
        'role-session-name': values['role-session-name'] ?? 'ecs-progressive-delivery',
      })
    : undefined;
  if (role) core.saveState(ROLE_STATE, JSON.stringify(role));
  core.saveState(NATIVE_REGION_STATE, values.region);
  const { clients, uncancellable } = awsSession({ region: values.region, maxRetries: values['max-retries'], role }, signal);
  const ecs = new EcsServiceDeployments(uncancellable.ecs, uncancellable.elb, values.cluster);
  let productionRule = '';
  const describe = ecs.describeService.bind(ecs);
  ecs.describeService = async (name) => {
    const service = await describe(name);
    productionRule = service.wiring?.productionListenerRule ?? productionRule;
    return service;
  };
  const ports: NativePorts = {
    ecs,
    clock: systemClock,
    log: actionsLog,
    checkpoint: { save: (key, value) => core.saveState(key, value) },
  };
  return { ports, clients, uncancellable, productionRule: () => productionRule };
}

export interface NativePlanValues extends GateValues {
  cluster: string;
  service: string;
  productionRule: string | undefined;
  'deployment-config': 'action' | 'managed';
  'bake-time': number;
  'inconclusive-timeout'?: number;
  'poll-interval': number;
  'wait-timeout': number;
}

/** The plan every native run shares, from the inputs (as twoColorPlan does for two services). */
export function nativePlan(values: NativePlanValues, clients: AwsClients, productionRule: () => string): NativePlan {
  // As in two-color mode: an inconclusive step may wait until its last metric period is published.
  const metricGates = hasTrafficGates({ ...values, alarms: undefined });
  return {
    cluster: values.cluster,
    service: values.service,
    expectedProductionRule: values.productionRule,
    configMode: values['deployment-config'],
    bakeMs: values['bake-time'],
    extensionMs:
      values['inconclusive-timeout'] ?? Math.max(values['bake-time'], metricGates ? metricDelay(values) + values['metric-period'] : 0),
    pollMs: values['poll-interval'],
    waitTimeoutMs: values['wait-timeout'],
    // Baseline comparison reads the live target group: the one production leaves.
    gates: (newTargetGroup) => trafficGates(clients, productionRule(), values)({ candidate: newTargetGroup }),
  };
}

/** `tg-web-1=0,tg-web-2=100`: production weights by target group name. */
export const formatTargetGroupWeights = (weights: Record<string, number>): string =>
  Object.entries(weights)
    .map(([arn, weight]) => `${arn.split('/').at(-2) ?? arn}=${weight}`)
    .join(',');

/**
 * Ends a native run: the outputs two-color runs give (result, live-service, task-definition-arn,
 * previous-task-definition-arn, weights, report) plus service-deployment-arn; the job summary and
 * the JSON report; then fails the step when the run did not end as asked.
 */
export async function concludeNativeRun(
  report: NativeReport,
  error: DeployError | undefined,
  where: { region: string; extraOutputs?: Record<string, string | undefined> },
): Promise<void> {
  Object.assign(report.facts, {
    'ECS console': consoleLinks(where.region, report.cluster, [report.service], '')['ECS console']!,
  });
  if (error && !report.error) report.error = { what: error.message, why: error.why, fix: error.fix };
  const outputs: Record<string, string | undefined> = {
    result: report.result,
    // One service: it is live whatever the outcome; the weights say which target group serves.
    'live-service': report.service,
    'task-definition-arn': report.taskDefinitionArn,
    'previous-task-definition-arn': report.previousTaskDefinitionArn,
    weights: report.weights ? formatTargetGroupWeights(report.weights) : undefined,
    'service-deployment-arn': report.serviceDeploymentArn,
    ...where.extraOutputs,
  };
  for (const [name, value] of Object.entries(outputs)) if (value) core.setOutput(name, value);
  const path = join(
    process.env.RUNNER_TEMP || tmpdir(),
    `${report.action}-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`,
  );
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderNativeSummary(report)).write();
  core.setOutput('report', path);
  if (error) throw error;
}
