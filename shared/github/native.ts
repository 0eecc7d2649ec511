/**
 * What the native path of canary, blue-green and rollback shares: the ECS adapter on real
 * clients, the traffic gates on the service's own production rule, and the end of a run
 * (outputs, console links, notification facts). The two-color path's counterparts are
 * shared/wiring.ts and shared/github/two-color.ts.
 */
import type { AwsClients } from '../aws/clients.ts';
import { EcsServiceDeployments } from '../aws/ecs-service-deployments.ts';
import type { NativePlan, NativePorts } from '../engine/native/context.ts';
import { metricDelay } from '../inputs/gates.ts';
import { hasTrafficGates, type GateValues } from '../inputs/common.ts';
import type { Checkpoint, Clock, Log } from '../engine/ports.ts';
import { roleSession, trafficGates, type SessionValues } from '../wiring.ts';
import { NATIVE_REGION_STATE } from './native-report.ts';

export interface NativeSessionValues extends SessionValues {
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
  const { clients, uncancellable } = roleSession(values, context.checkpoint, context.signal);
  context.checkpoint.save(NATIVE_REGION_STATE, values.region);
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
