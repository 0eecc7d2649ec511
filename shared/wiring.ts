import * as core from '@actions/core';
import { AlarmGate } from './aws/alarm-gate.ts';
import { AlbMetricsGate, loadBalancerDimension, targetGroupDimension } from './aws/alb-metrics-gate.ts';
import { AlbRouter } from './aws/alb-router.ts';
import { awsSession, type AwsClients } from './aws/clients.ts';
import { EcsFleet } from './aws/ecs-fleet.ts';
import type { EnginePorts } from './engine/run-context.ts';
import type { TwoColorPlan } from './engine/stages.ts';
import { actionsLog, systemClock } from './github/action.ts';
import type { Gate } from './ports.ts';
import { credentialLifetimeWarning, longestRunMs, roleToAssume, type RoleValues } from './inputs/role.ts';
import { ROLE_STATE } from './github/post.ts';

/** What an entrypoint builds its ports from (already validated inputs). */
export interface WiringInputs extends Partial<RoleValues> {
  region: string;
  'max-retries': number;
  cluster: string;
  router: { arn: string };
}

/**
 * The real ports: AWS adapters, the system clock, the Actions log, and core.saveState. Every AWS
 * call carries `signal` (the run's cancel) except those that put traffic back (`uncancellable`).
 * With role-to-assume the action gets its own renewing credentials, and the post step is told
 * the role so it can too.
 */
export function awsPorts(inputs: WiringInputs, signal?: AbortSignal): { ports: EnginePorts; clients: AwsClients } {
  const role = inputs['role-to-assume']
    ? roleToAssume({
        'role-to-assume': inputs['role-to-assume'],
        'role-duration-seconds': inputs['role-duration-seconds'] ?? 3600,
        'role-session-name': inputs['role-session-name'] ?? 'ecs-progressive-delivery',
      })
    : undefined;
  if (role) core.saveState(ROLE_STATE, JSON.stringify(role));
  const { clients, uncancellable } = awsSession({ region: inputs.region, maxRetries: inputs['max-retries'], role }, signal);
  return {
    clients,
    ports: {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      router: new AlbRouter(clients.elb, inputs.router.arn),
      uncancellable: {
        fleet: new EcsFleet(uncancellable.ecs, inputs.cluster),
        router: new AlbRouter(uncancellable.elb, inputs.router.arn),
      },
      clock: systemClock,
      log: actionsLog,
      checkpoint: { save: (key, value) => core.saveState(key, value) },
    },
  };
}

export interface GateValues {
  alarms?: string[];
  'max-5xx-rate'?: number;
  'max-p95-latency'?: number;
  'min-requests': number;
  'metric-period': number;
}

export const hasTrafficGates = (values: GateValues): boolean =>
  Boolean(values.alarms?.length) || values['max-5xx-rate'] !== undefined || values['max-p95-latency'] !== undefined;

/** The traffic gates the inputs ask for, for the new color's target group. */
export function trafficGates(clients: AwsClients, routerArn: string, values: GateValues): (targetGroupArn: string) => Gate[] {
  return (targetGroupArn) => {
    const gates: Gate[] = [];
    if (values.alarms?.length) gates.push(new AlarmGate(clients.cloudwatch, values.alarms));
    if (values['max-5xx-rate'] !== undefined || values['max-p95-latency'] !== undefined) {
      gates.push(
        new AlbMetricsGate(clients.cloudwatch, loadBalancerDimension(routerArn), targetGroupDimension(targetGroupArn), {
          max5xxRate: values['max-5xx-rate'],
          maxP95LatencyMs: values['max-p95-latency'],
          minRequests: values['min-requests'],
          periodMs: values['metric-period'],
        }),
      );
    }
    return gates;
  };
}

export interface TwoColorValues extends GateValues {
  cluster: string;
  'blue-service': string;
  'green-service': string;
  router: { arn: string };
  'bake-time': number;
  'inconclusive-timeout'?: number;
  'poll-interval': number;
  'wait-timeout': number;
  'scale-down-previous': boolean;
  takeover: boolean;
}

/** What canary and blue-green are told, from the inputs they share. */
export function twoColorPlan(values: TwoColorValues, clients: AwsClients): TwoColorPlan {
  return {
    cluster: values.cluster,
    services: { blue: values['blue-service'], green: values['green-service'] },
    bakeMs: values['bake-time'],
    // An inconclusive step may wait one more bake time for evidence unless told otherwise.
    extensionMs: values['inconclusive-timeout'] ?? values['bake-time'],
    pollMs: values['poll-interval'],
    waitTimeoutMs: values['wait-timeout'],
    scaleDownPrevious: values['scale-down-previous'],
    takeover: values.takeover,
    gates: trafficGates(clients, values.router.arn, values),
  };
}

/** Warns at the start when the run can outlive credentials that do not renew (no role-to-assume). */
export function warnIfRunOutlivesCredentials(
  values: Partial<RoleValues>,
  timing: { bakeMs: number; extensionMs: number; waitTimeoutMs: number },
  steps: number,
): void {
  const warning = credentialLifetimeWarning(values, longestRunMs({ steps, ...timing }));
  if (warning) core.warning(warning);
}
