import { AlarmGate } from './aws/alarm-gate.ts';
import { AlbMetricsGate, loadBalancerDimension, targetGroupDimension } from './aws/alb-metrics-gate.ts';
import { AlbRouter } from './aws/alb-router.ts';
import { awsClients, type AwsClients } from './aws/clients.ts';
import { EcsFleet } from './aws/ecs-fleet.ts';
import type { EnginePorts } from './engine/run-context.ts';
import type { TwoColorPlan } from './engine/stages.ts';
import type { GateValues } from './inputs/common.ts';
import type { Checkpoint, Clock, Gate, Log } from './ports.ts';

/** What an entrypoint builds its ports from (already validated inputs). */
export interface WiringInputs {
  region: string;
  'max-retries': number;
  cluster: string;
  router: { arn: string };
}

/** The real ports: AWS adapters, and the clock, log and checkpoint the runner hands the run. */
export function awsPorts(
  inputs: WiringInputs,
  context: { clock: Clock; log: Log; checkpoint: Checkpoint },
): { ports: EnginePorts; clients: AwsClients } {
  const clients = awsClients({ region: inputs.region, maxRetries: inputs['max-retries'] });
  return {
    clients,
    ports: {
      fleet: new EcsFleet(clients.ecs, inputs.cluster),
      router: new AlbRouter(clients.elb, inputs.router.arn),
      clock: context.clock,
      log: context.log,
      checkpoint: context.checkpoint,
    },
  };
}

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
