import { AlarmGate } from './aws/alarm-gate.ts';
import { AlbMetricsGate, loadBalancerDimension } from './aws/alb-metrics-gate.ts';
import { AlbRouter } from './aws/alb-router.ts';
import { awsSession, type AwsClients } from './aws/clients.ts';
import { EcsFleet } from './aws/ecs-fleet.ts';
import { State } from './constants.ts';
import type { Announce, EnginePorts } from './engine/two-color/ports.ts';
import type { TwoColorPlan } from './engine/two-color/stages.ts';
import { metricGateAsked, type GateValues } from './inputs/common.ts';
import { metricDelay } from './inputs/gates.ts';
import { credentialLifetimeWarning, longestRunMs, roleToAssume, type RoleValues } from './inputs/role.ts';
import type { Checkpoint, Clock, Gate, GateTargets, Log } from './engine/ports.ts';

/** What every action's AWS access is built from (validated inputs). */
export interface SessionValues extends RoleValues {
  region: string;
  'max-retries': number;
}

/**
 * The run's AWS session (see awsSession). With role-to-assume the action gets its own renewing
 * credentials, and the post step is told the role (in the checkpoint) so it can too.
 */
export function roleSession(values: SessionValues, checkpoint: Pick<Checkpoint, 'save'>, signal?: AbortSignal) {
  const role = roleToAssume(values);
  if (role) checkpoint.save(State.Role, JSON.stringify(role));
  return awsSession({ region: values.region, maxRetries: values['max-retries'], role }, signal);
}

/** What an entrypoint builds its ports from (already validated inputs). */
export interface WiringInputs extends SessionValues {
  cluster: string;
  router: { arn: string };
}

/**
 * The real ports: AWS adapters, and the clock, log and checkpoint the runner hands the run. Every
 * AWS call carries the run's cancel signal except those that put traffic back (`uncancellable`).
 */
export function awsPorts(
  inputs: WiringInputs,
  context: { clock: Clock; log: Log; checkpoint: Checkpoint; signal?: AbortSignal; announce?: Announce },
): { ports: EnginePorts; clients: AwsClients } {
  const { clients, uncancellable } = roleSession(inputs, context.checkpoint, context.signal);
  return {
    clients,
    ports: {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      router: new AlbRouter(clients.elb, inputs.router.arn),
      uncancellable: {
        fleet: new EcsFleet(uncancellable.ecs, inputs.cluster),
        router: new AlbRouter(uncancellable.elb, inputs.router.arn),
      },
      clock: context.clock,
      log: context.log,
      checkpoint: context.checkpoint,
      announce: context.announce,
    },
  };
}

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
  log: Log,
): void {
  const warning = credentialLifetimeWarning(values, longestRunMs({ steps, ...timing }));
  if (warning) log.warn(warning);
}
