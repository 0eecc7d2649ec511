import type { StateValue } from '@aws-sdk/client-cloudwatch';
import type { ProxiedRequest, RequestLog } from './alb-proxy.ts';
import type { CallLog, CallRecord, FailureOptions } from './call-log.ts';
import type { AlarmStore } from './cloudwatch/alarms.ts';
import { forwardTargets, terminalAction } from './elb/actions.ts';
import type { ElbState, VersionedActions } from './elb/state.ts';
import { isLive } from './ecs/model.ts';
import type { EcsScheduler } from './ecs/scheduler.ts';
import type { World } from './world.ts';

export interface WeightEntry {
  targetGroup: string;
  weight: number;
}

export interface TaskSnapshot {
  id: string;
  deploymentId: string;
  taskDefinition: string;
  lastStatus: string;
  desiredStatus: string;
  port: number | undefined;
  /** Target health state in the service's target group, if registered. */
  health: string | undefined;
  stoppedReason: string | undefined;
  exitCode: number | undefined;
}

export interface ServiceSnapshot {
  desiredCount: number;
  runningCount: number;
  taskDefinition: string | undefined;
  steady: boolean;
  deployments: Array<{
    id: string;
    status: string;
    rolloutState: string;
    rolloutStateReason: string;
    taskDefinition: string;
    desiredCount: number;
    failedTasks: number;
  }>;
  /** Tasks not yet STOPPED. */
  tasks: TaskSnapshot[];
}

export interface SandboxSnapshot {
  at: number;
  /** Weights as the traffic sees them now (writes apply to traffic at once, whatever the Describe lag). */
  weights: {
    listener: WeightEntry[];
    rule: WeightEntry[];
    testListener: WeightEntry[];
    /** The single-service app's production and test rules (ECS moves them). */
    nativeProductionRule?: WeightEntry[];
    nativeTestRule?: WeightEntry[];
  };
  services: Record<string, ServiceSnapshot>;
  targetHealth: Record<string, Array<{ target: string; state: string; reason: string | undefined }>>;
  alarms: Record<string, string | undefined>;
  requests: { total: number; byTargetGroup: Record<string, number>; byStatus: Record<string, number> };
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Shown in the timeout error. */
  description?: string;
}

export interface SandboxControl {
  snapshot(): SandboxSnapshot;
  /** Every AWS API call received, oldest first. */
  callLog(): CallRecord[];
  resetCallLog(): void;
  /** Calls per `service:Operation`, e.g. `{ 'elbv2:ModifyRule': 3 }`. */
  callCounts(): Record<string, number>;
  /** Answer the next `times` calls of `operation` (`Op` or `service:Op`) with AWS error `errorCode`. */
  failNext(operation: string, errorCode: string, times?: number, options?: FailureOptions): void;
  clearFailures(): void;
  /** Requests the listeners served, oldest first. */
  requestLog(): ProxiedRequest[];
  resetRequestLog(): void;
  /** Change the Describe* propagation lag after Modify* (ms). */
  setPropagationLag(ms: number): void;
  /** Keep an alarm in a state regardless of its metric; `undefined` releases it. */
  pinAlarm(name: string, state: StateValue | undefined): void;
  /** Run one ECS scheduler pass and one alarm evaluation now instead of waiting for the timers. */
  tick(): void;
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitOptions): Promise<T>;
  /** Lifecycle stages an ECS-native service deployment entered, in order ([] for rolling ones). */
  serviceDeploymentStages(serviceDeploymentArn: string): string[];
  /** Every service has one COMPLETED deployment whose tasks all run and are healthy. */
  waitForSteadyState(options?: WaitOptions): Promise<SandboxSnapshot>;
}

export function createControl(deps: {
  world: World;
  elb: ElbState;
  scheduler: EcsScheduler;
  alarms: AlarmStore;
  callLog: CallLog;
  requestLog: RequestLog;
}): SandboxControl {
  const { world, elb, scheduler, alarms, callLog, requestLog } = deps;

  const weights = (actions: VersionedActions): WeightEntry[] =>
    forwardTargets(terminalAction(actions.current)).map((t) => ({
      targetGroup: elb.targetGroups.get(t.arn)?.name ?? t.arn,
      weight: t.weight,
    }));

  const snapshot = (): SandboxSnapshot => {
    const services: Record<string, ServiceSnapshot> = {};
    for (const cluster of scheduler.clusters.values()) {
      for (const service of cluster.services.values()) {
        const tgOf = (t: { deploymentId: string }) => scheduler.targetGroupOf(service, t.deploymentId);
        const tasks = [...cluster.tasks.values()].filter((t) => t.serviceName === service.name && t.lastStatus !== 'STOPPED');
        services[service.name] = {
          desiredCount: service.desiredCount,
          runningCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
          taskDefinition: service.deployments[0]?.taskDefinitionArn,
          steady: service.steady,
          deployments: service.deployments.map((d) => ({
            id: d.id,
            status: d.status,
            rolloutState: d.rolloutState,
            rolloutStateReason: d.rolloutStateReason,
            taskDefinition: d.taskDefinitionArn,
            desiredCount: d.desiredCount,
            failedTasks: d.failedTasks,
          })),
          tasks: tasks.map((t) => ({
            id: t.id,
            deploymentId: t.deploymentId,
            taskDefinition: t.taskDefinitionArn,
            lastStatus: t.lastStatus,
            desiredStatus: t.desiredStatus,
            port: t.port,
            health: tgOf(t) && t.port !== undefined ? elb.health(tgOf(t) ?? '', '127.0.0.1', t.port)?.state : undefined,
            stoppedReason: t.stoppedReason,
            exitCode: t.exitCode,
          })),
        };
      }
    }
    const targetHealth: SandboxSnapshot['targetHealth'] = {};
    for (const tg of elb.targetGroups.values()) {
      targetHealth[tg.name] = [...tg.targets.values()].map((t) => ({ target: `${t.id}:${t.port}`, state: t.state, reason: t.reason }));
    }
    const requests = requestLog.list();
    const byTargetGroup: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    for (const r of requests) {
      const tg = r.targetGroup ?? '(none)';
      byTargetGroup[tg] = (byTargetGroup[tg] ?? 0) + 1;
      byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
    }
    return {
      at: Date.now(),
      weights: {
        listener: weights(world.listener.defaultActions),
        rule: weights(world.rule.actions),
        testListener: weights(world.testListener.defaultActions),
        ...(world.native
          ? { nativeProductionRule: weights(world.native.productionRule.actions), nativeTestRule: weights(world.native.testRule.actions) }
          : {}),
      },
      services,
      targetHealth,
      alarms: Object.fromEntries([...alarms.alarms.values()].map((a) => [a.AlarmName ?? '', a.StateValue])),
      requests: { total: requests.length, byTargetGroup, byStatus },
    };
  };

  const waitFor = async <T>(probe: () => T | undefined | null | false, options: WaitOptions = {}): Promise<T> => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const intervalMs = options.intervalMs ?? 50;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() >= deadline)
        throw new Error(`sandbox: timed out after ${timeoutMs} ms waiting for ${options.description ?? 'condition'}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };

  const steady = (): boolean => {
    for (const cluster of scheduler.clusters.values()) {
      for (const service of cluster.services.values()) {
        const primary = service.deployments[0];
        if (service.deployments.length !== 1 || primary?.rolloutState !== 'COMPLETED') return false;
        const live = [...cluster.tasks.values()].filter((t) => t.serviceName === service.name && t.lastStatus !== 'STOPPED');
        if (live.length !== service.desiredCount || !live.every(isLive)) return false;
        const healthy = live.every((t) => {
          const tgArn = scheduler.targetGroupOf(service, t.deploymentId);
          return (
            t.lastStatus === 'RUNNING' && (!tgArn || (t.port !== undefined && elb.health(tgArn, '127.0.0.1', t.port)?.state === 'healthy'))
          );
        });
        if (!healthy) return false;
      }
    }
    return true;
  };

  return {
    snapshot,
    callLog: () => callLog.list(),
    resetCallLog: () => callLog.reset(),
    callCounts: () => callLog.counts(),
    failNext: (operation, errorCode, times = 1, options = {}) => callLog.failNext(operation, errorCode, times, options),
    clearFailures: () => callLog.clearFailures(),
    requestLog: () => requestLog.list(),
    resetRequestLog: () => requestLog.reset(),
    setPropagationLag: (ms) => {
      elb.propagationLagMs = Math.max(0, ms);
    },
    pinAlarm: (name, state) => alarms.pin(name, state),
    tick: () => {
      scheduler.tick();
      alarms.evaluateAll();
    },
    waitFor,
    serviceDeploymentStages: (arn) => [...(scheduler.findServiceDeployment(arn)?.deployment.native?.stages ?? [])],
    waitForSteadyState: async (options = {}) => {
      await waitFor(() => steady(), { description: 'steady state', ...options });
      return snapshot();
    },
  };
}
