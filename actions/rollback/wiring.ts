import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import type { RollbackPlan, RollbackPorts } from '../../shared/engine/two-color/rollback.ts';
import type { ServiceRollbackPlan, ServiceRollbackPorts } from '../../shared/engine/two-color/rollback-service.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { awsPorts, roleSession, trafficGates, warnIfRunOutlivesCredentials } from '../../shared/wiring.ts';
import type { RollbackInputs } from './inputs.ts';

type Wired =
  | { kind: 'service'; plan: ServiceRollbackPlan; ports: ServiceRollbackPorts }
  | { kind: 'colors'; plan: RollbackPlan; ports: RollbackPorts };

/** The only place rollback builds adapters (loaded once the inputs are valid). */
export function wire(inputs: RollbackInputs, context: RunContext): Wired {
  const { mode, cluster, to, reason } = inputs;
  const timing = { pollMs: inputs['poll-interval'], waitTimeoutMs: inputs['wait-timeout'] };
  const { record, onTaskDefinition } = context;
  const extensionMs = inputs['inconclusive-timeout'] ?? inputs['bake-time'];
  warnIfRunOutlivesCredentials(inputs, { bakeMs: inputs['bake-time'], extensionMs, waitTimeoutMs: inputs['wait-timeout'] }, 1, context.log);
  if (mode.kind === 'service') {
    const { clients } = roleSession(inputs, context.checkpoint, context.signal);
    // Asked only for the target health of the service's own target group: no listener involved.
    const health = new ElbTargets(clients.elb);
    const fleet = new EcsFleet(clients.ecs, cluster);
    return {
      kind: 'service',
      plan: { cluster, service: mode.service, to, reason, ...timing },
      ports: { fleet, health, clock: context.clock, log: context.log, record, onTaskDefinition },
    };
  }
  const { ports, clients } = awsPorts({ ...inputs, router: mode.router }, context);
  return {
    kind: 'colors',
    plan: {
      cluster,
      services: mode.services,
      to,
      reason,
      ...timing,
      bakeMs: inputs['bake-time'],
      extensionMs,
      gates: trafficGates(clients, mode.router.arn, inputs),
    },
    ports: { ...ports, record, onTaskDefinition },
  };
}
