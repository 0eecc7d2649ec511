import { asDeployError, DeployError } from '../../errors.ts';
import { settled, waitForDeployment } from '../deploy.ts';
import type { Clock, Fleet, Log, TrafficRouter } from '../ports.ts';
import { recordScope, type DeploymentRecord } from '../record.ts';
import { retrying, type RetryPolicy } from '../retry.ts';
import { replacedVersion, resolveNamedTarget, type RollbackTarget } from '../rollback-target.ts';
import { Recorder } from './report.ts';
import type { RunOutcome } from './run-context.ts';

export interface ServiceRollbackPlan {
  cluster: string;
  service: string;
  to: RollbackTarget;
  reason?: string;
  pollMs: number;
  waitTimeoutMs: number;
}

export interface ServiceRollbackPorts {
  fleet: Fleet;
  /** Target health of the service's target group; only asked when the service has one. */
  health: Pick<TrafficRouter, 'targetHealth'>;
  clock: Clock;
  log: Log;
  retry?: RetryPolicy;
  record?: Pick<DeploymentRecord, 'lastSuccessful'>;
  onTaskDefinition?: (arn: string) => Promise<void>;
}

/**
 * Single-service rollback (no listener, no colors): update the service to the target task
 * definition and wait for that deployment to complete (and its targets to be healthy when
 * the service has a target group). Already running it, steady → `already-live`.
 */
export async function runServiceRollback(
  plan: ServiceRollbackPlan,
  ports: ServiceRollbackPorts,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  const { fleet, health } = retrying({ ...ports, signal }).ports(ports, { fleet: 'ecs', health: 'elb' });
  const { service } = plan;
  const recorder = new Recorder('rollback', plan.cluster, { blue: service, green: service }, ports.clock, ports.log);
  const report = recorder.report;
  if (plan.reason) report.facts['Reason'] = plan.reason;
  try {
    const state = (await fleet.describeServices([service])).get(service)!;
    const primary = state.deployments.find((d) => d.status === 'PRIMARY');
    const current = primary?.taskDefinition ?? state.taskDefinition;
    recorder.note(`${service} runs ${current.split('/').pop()} (${primary?.rolloutState ?? 'no rollout state'})`);

    let target: string;
    if (plan.to.kind !== 'previous') {
      const scope = recordScope(plan.cluster, [service], state.arn);
      target = await resolveNamedTarget(plan.to, { fleet, record: ports.record, scope });
    } else {
      const replaced = replacedVersion(state);
      if (!replaced) {
        throw new DeployError(`${service} has no previous version in ECS: it is steady on ${current.split('/').pop()}`, {
          why: 'ECS only remembers the version a deployment replaces while that deployment is in progress or failed',
          fix: 'Name the version in `to` (e.g. `my-app:41` or its ARN), or use `to: last-successful` with `environment`.',
        });
      }
      target = replaced;
    }
    report.taskDefinitionArn = target;
    recorder.note(`Rollback target: ${target.split('/').pop()} (to: ${plan.to.kind})`);

    if (primary?.taskDefinition === target && settled(primary)) {
      recorder.note(`${service} already runs it, steady: nothing to do`);
      return { report: recorder.finish('already-live') };
    }

    await ports.onTaskDefinition?.(target);
    const id = await fleet.deploy(service, target, state.desiredCount);
    recorder.note(`Deploying ${target.split('/').pop()} to ${service} (${id}), ${state.desiredCount} task(s)`);
    const targetGroup = state.targetGroupArns[0];
    if (!targetGroup) recorder.note(`${service} has no target group: its running task count is the whole health check`);
    const wait = { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal };
    await waitForDeployment({ fleet, router: health, clock: ports.clock }, service, id, target, targetGroup, wait, (m) => recorder.note(m));
    recorder.note(`Rolled back: deployment ${id} of ${service} is COMPLETED${targetGroup ? ' and its targets are healthy' : ''}`);
    return { report: recorder.finish('rolled-back') };
  } catch (caught) {
    const error = asDeployError(caught);
    recorder.note(`Failed: ${error.message}`);
    return { report: recorder.finish('failed'), error };
  }
}
