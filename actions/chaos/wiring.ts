import { AlarmGate } from '../../shared/aws/alarm-gate.ts';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { EcsTasks } from '../../shared/aws/ecs-tasks.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import type { ChaosPorts } from '../../shared/engine/chaos/chaos.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { roleSession } from '../../shared/wiring.ts';
import type { ChaosInputs } from './inputs.ts';

/** The only place chaos builds adapters (loaded once the inputs are valid). */
export function wire(inputs: ChaosInputs, context: RunContext): ChaosPorts {
  // No abort signal on the clients: chaos re-registers drained targets through the same ones after a cancel.
  const { clients } = roleSession(inputs, context.checkpoint);
  const alarms = inputs.alarms ?? [];
  return {
    fleet: new EcsFleet(clients.ecs, inputs.cluster),
    router: inputs.router && new AlbRouter(clients.elb, inputs.router.arn),
    tasks: new EcsTasks(clients.ecs, inputs.cluster),
    targets: new ElbTargets(clients.elb),
    alarms: alarms.length > 0 ? new AlarmGate(clients.cloudwatch, alarms) : undefined,
    clock: context.clock,
    log: context.log,
    checkpoint: context.checkpoint,
    random: Math.random,
  };
}

/** The post step's adapter: the target group ARN names its region, which is the one that matters. */
export const targetsFor = (clientsFor: (region: string) => AwsClients) => (targetGroupArn: string) =>
  new ElbTargets(clientsFor(targetGroupArn.split(':')[3]!).elb);
