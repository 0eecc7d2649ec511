/**
 * What the native path of canary, blue-green and rollback shares: the ECS adapter on real
 * clients, the traffic gates on the service's own production rule, and the end of a run
 * (outputs, console links, notification facts). The two-color path's counterparts are
 * shared/wiring.ts and shared/github/two-color.ts.
 */
import { awsSession, type AwsClients } from '../aws/clients.ts';
import { EcsServiceDeployments } from '../aws/ecs-service-deployments.ts';
import type { NativePlan, NativePorts, NativeReport } from '../engine/native/context.ts';
import { roleToAssume, type RoleValues } from '../inputs/role.ts';
import { metricDelay } from '../inputs/gates.ts';
import { State } from '../constants.ts';
import { hasTrafficGates, type GateValues } from '../inputs/common.ts';
import type { Checkpoint, Clock, Log } from '../ports.ts';
import { trafficGates } from '../wiring.ts';
import { consoleLinks } from './action.ts';
import type { Outputs } from './runner.ts';

/** The post step reads no inputs: the main step leaves the region (the role goes to State.Role). */
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
export function nativeSession(
  values: NativeSessionValues,
  context: { clock: Clock; log: Log; checkpoint: Checkpoint; signal?: AbortSignal },
) {
  const role = values['role-to-assume']
    ? roleToAssume({
        'role-to-assume': values['role-to-assume'],
        'role-duration-seconds': values['role-duration-seconds'] ?? 3600,
        'role-session-name': values['role-session-name'] ?? 'ecs-progressive-delivery',
      })
    : undefined;
  if (role) context.checkpoint.save(State.Role, JSON.stringify(role));
  context.checkpoint.save(NATIVE_REGION_STATE, values.region);
  const { clients, uncancellable } = awsSession({ region: values.region, maxRetries: values['max-retries'], role }, context.signal);
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
    clock: context.clock,
    log: context.log,
    checkpoint: context.checkpoint,
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
    // Baseline comparison reads the original target group: the one production leaves.
    gates: (targets) => trafficGates(clients, productionRule(), values)(targets),
  };
}

/** `tg-web-1=0,tg-web-2=100`: production weights by target group name. */
export const formatTargetGroupWeights = (weights: Record<string, number>): string =>
  Object.entries(weights)
    .map(([arn, weight]) => `${arn.split('/').at(-2) ?? arn}=${weight}`)
    .join(',');

/**
 * What a native run tells the workflow: the outputs two-color runs give (result, live-service,
 * task-definition-arn, previous-task-definition-arn, weights) plus service-deployment-arn.
 */
export function nativeOutputs(report: NativeReport, extra: Record<string, string | undefined> = {}): Outputs {
  return {
    result: report.result,
    // One service: it is live whatever the outcome; the weights say which target group serves.
    'live-service': report.service,
    'task-definition-arn': report.taskDefinitionArn,
    'previous-task-definition-arn': report.previousTaskDefinitionArn,
    weights: report.weights ? formatTargetGroupWeights(report.weights) : undefined,
    'service-deployment-arn': report.serviceDeploymentArn,
    ...extra,
  } as Outputs;
}

/** The console link of the service, for the summary. */
export function addNativeLinks(report: NativeReport, region: string): void {
  report.facts['ECS console'] = consoleLinks(region, report.cluster, [report.service], '')['ECS console']!;
}

/** Reports of the two forms share an action; a native one names its one service. */
export const isNative = (report: object): report is NativeReport => typeof (report as { service?: unknown }).service === 'string';

/** What a native report tells the team (notifications): versions and production weights by target group. */
export function nativeFacts(report: NativeReport) {
  const weights =
    report.weights && Object.fromEntries(Object.entries(report.weights).map(([arn, weight]) => [arn.split('/').at(-2) ?? arn, weight]));
  return { taskDefinitionArn: report.taskDefinitionArn, previousTaskDefinitionArn: report.previousTaskDefinitionArn, weights };
}
