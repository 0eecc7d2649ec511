import * as core from '@actions/core';
import { AlarmGate } from './aws/alarm-gate.ts';
import { AlbMetricsGate, loadBalancerDimension } from './aws/alb-metrics-gate.ts';
import { AlbRouter } from './aws/alb-router.ts';
import { awsSession, type AwsClients } from './aws/clients.ts';
import { EcsFleet } from './aws/ecs-fleet.ts';
import type { EnginePorts } from './engine/run-context.ts';
import type { TwoColorPlan } from './engine/stages.ts';
import { actionsLog, systemClock } from './github/action.ts';
import type { Gate, GateTargets } from './ports.ts';
import { credentialLifetimeWarning, longestRunMs, roleToAssume, type RoleValues } from './inputs/role.ts';
import { ROLE_STATE } from './github/post.ts';
import { metricDelay } from './inputs/gates.ts';

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
  /** Canary and blue-green only (see shared/inputs/gates.ts); defaults apply elsewhere. */
  'metric-delay'?: number;
  'compare-with-baseline'?: boolean;
  'max-5xx-rate-increase'?: number;
  'max-p95-latency-increase'?: number;
  confidence?: number;
  'gates-dry-run'?: boolean;
}

const metricGateAsked = (values: GateValues): boolean =>
  values['max-5xx-rate'] !== undefined ||
  values['max-p95-latency'] !== undefined ||
  values['max-5xx-rate-increase'] !== undefined ||
  values['max-p95-latency-increase'] !== undefined;

export const hasTrafficGates = (values: GateValues): boolean => Boolean(values.alarms?.length) || metricGateAsked(values);

/** The traffic gates the inputs ask for: the new version's target group, compared with the live one's when asked. */
export function trafficGates(clients: AwsClients, routerArn: string, values: GateValues): (targets: GateTargets) => Gate[] {
  const advisory = values['gates-dry-run'] === true;
  return (targets) => {
    const gates: Gate[] = [];
    if (values.alarms?.length) gates.push(new AlarmGate(clients.cloudwatch, values.alarms, { advisory }));
    if (metricGateAsked(values)) {
      gates.push(
        new AlbMetricsGate(clients.cloudwatch, loadBalancerDimension(routerArn), targets, {
          max5xxRate: values['max-5xx-rate'],
          maxP95LatencyMs: values['max-p95-latency'],
          minRequests: values['min-requests'],
          periodMs: values['metric-period'],
          delayMs: metricDelay(values),
          advisory,
          ...(values['compare-with-baseline']
            ? {
                baseline: {
                  max5xxIncreasePp: values['max-5xx-rate-increase'],
                  maxP95IncreasePercent: values['max-p95-latency-increase'],
                  confidence: (values.confidence ?? 95) / 100,
                },
              }
            : {}),
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
    // An inconclusive step may wait one more bake time for evidence unless told otherwise, and at
    // least until its last metric period can be published.
    extensionMs:
      values['inconclusive-timeout'] ??
      Math.max(values['bake-time'], metricGateAsked(values) ? metricDelay(values) + values['metric-period'] : 0),
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
