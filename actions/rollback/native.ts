/**
 * rollback with `service` on a service wired for native deployments (advancedConfiguration): a
 * service deployment in flight or paused is rolled back through ECS; otherwise `to` is deployed
 * natively with the service's own configuration, and production verified. Any other service
 * keeps the single-service rolling rollback.
 */
import type { NativeEcs, NativeService } from '../../shared/engine/native/ports.ts';
import { runNativeRollback } from '../../shared/engine/native/rollback.ts';
import { recordScope, type DeploymentRecord } from '../../shared/engine/record.ts';
import { resolveNamedTarget, type RollbackTarget } from '../../shared/engine/rollback-target.ts';
import type { NativeOutcome } from '../../shared/engine/native/context.ts';
import { nativeSession } from '../../shared/github/native.ts';
import { addNativeLinks } from '../../shared/github/native-report.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import type { RollbackInputs } from './inputs.ts';

/** Returns undefined, having changed nothing, when the service is not wired for native deployments. */
export async function rollBackNativelyIfWired(
  inputs: RollbackInputs,
  service: string,
  context: RunContext,
): Promise<NativeOutcome | undefined> {
  const { record } = context;
  const { ports } = nativeSession(inputs, context);
  // A service that cannot be read is left to the single-service path, which reports the failure.
  const state = await ports.ecs.describeService(service).catch(() => undefined);
  if (!state?.wiring) return undefined;
  context.log.info(`${service} has advancedConfiguration: rolling back through ECS (native mode)`);
  const plan = {
    cluster: inputs.cluster,
    service,
    configMode: 'managed' as const,
    bakeMs: 0,
    extensionMs: 0,
    pollMs: inputs['poll-interval'],
    waitTimeoutMs: inputs['wait-timeout'],
    gates: () => [],
    reason: inputs.reason,
    to: await resolveTo(inputs.to, ports.ecs, { service, state, cluster: inputs.cluster }, record),
  };
  const outcome = await runNativeRollback(plan, { ...ports, onTaskDefinition: context.onTaskDefinition }, context.signal);
  addNativeLinks(outcome.report, inputs.region);
  return outcome;
}

/**
 * `to` as a task definition ARN, for when no deployment is in flight. `previous` is the revision
 * of the newest successful service deployment that is not the running one; undefined when ECS
 * lists none (the engine then says there is nothing to roll back).
 */
async function resolveTo(
  to: RollbackTarget,
  ecs: NativeEcs,
  where: { service: string; state: NativeService; cluster: string },
  record: DeploymentRecord | undefined,
): Promise<string | undefined> {
  const { service, state, cluster } = where;
  if (to.kind !== 'previous') return resolveNamedTarget(to, { fleet: ecs, record, scope: recordScope(cluster, [service], state.arn) });
  const current = state.taskDefinition;
  for (const brief of (await ecs.listDeployments(service, ['SUCCESSFUL'])).slice(0, 10)) {
    const taskDefinition = (await ecs.describeDeployment(brief.arn)).taskDefinition;
    if (taskDefinition && taskDefinition !== current) return taskDefinition;
  }
  return undefined;
}
