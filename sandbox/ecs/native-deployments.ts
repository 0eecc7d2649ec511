import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DeploymentConfiguration, ServiceDeployment, ServiceRevisionSummary } from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';
import { forwardTargets, normalizeActions, terminalAction } from '../elb/actions.ts';
import type { ElbState, VersionedActions } from '../elb/state.ts';
import { randomBytes } from 'node:crypto';
import { markCompleted, retire } from './deployments.ts';
import { albWeights, hookTimeout, trafficSteps, type NativeStrategy, type Stage, type TrafficStep } from './lifecycle.ts';
import { addEvent, type ClusterRecord, type DeploymentRecord, type ServiceRecord, type TaskRecord } from './model.ts';

/**
 * ECS-native deployments (BLUE_GREEN, CANARY, LINEAR) of one service with two target groups:
 * the new revision scales up in the target group production does not use, ECS itself moves the
 * test and production listener rules' weights, PAUSE hooks wait for ContinueServiceDeployment,
 * and a rollback shifts traffic back and stops the new tasks. One stage advances per scheduler tick.
 */

export type HookStatus = 'AWAITING_ACTION' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

export interface HookRun {
  hookId: string;
  stage: string;
  status: HookStatus;
  expiresAt: Date;
  timeoutAction: 'CONTINUE' | 'ROLLBACK';
  timeoutMinutes: number;
}

export interface NativeRun {
  strategy: NativeStrategy;
  /** The configuration the deployment started with (later UpdateService calls do not change a running deployment). */
  config: DeploymentConfiguration;
  sourceDeploymentId: string | undefined;
  sourceRevisionArn: string | undefined;
  sourceTargetGroupArn: string;
  targetTargetGroupArn: string;
  productionRuleArn: string;
  testRuleArn: string | undefined;
  /** Undefined while the deployment is PENDING. */
  stage: Stage | undefined;
  /** Every stage entered, in order (rollback stages are not included). */
  stages: Stage[];
  steps: TrafficStep[];
  stepIndex: number;
  /** The new revision's share of production and test traffic (percent). */
  productionPercent: number;
  testPercent: number;
  /** The PAUSE hooks of the latest stage that had any. */
  hooks: HookRun[];
  bakeUntil: number | undefined;
  rollback: { reason: string; startedAt: Date; trafficRestored: boolean } | undefined;
  triggeredAlarms: string[];
  circuitBreakerTriggered: boolean;
  done: boolean;
}

/** What the native runner needs from the service scheduler. */
export interface NativeHost {
  liveTasks(service: ServiceRecord, deployment: DeploymentRecord): TaskRecord[];
  /** Tasks of the deployment not yet STOPPED (draining ones included). */
  remainingTasks(service: ServiceRecord, deployment: DeploymentRecord): TaskRecord[];
  isHealthy(service: ServiceRecord, task: TaskRecord): boolean;
  launch(cluster: ClusterRecord, service: ServiceRecord, deployment: DeploymentRecord, count: number, now: number): void;
  stopTasks(service: ServiceRecord, tasks: TaskRecord[], deploymentId: string): void;
}

export interface NativeDeps {
  elb: ElbState;
  /** StateValue of a CloudWatch alarm, undefined when it does not exist. */
  alarmState: (name: string) => string | undefined;
  /** Length of one "minute" of bake time and hook timeouts (ms). */
  minuteMs: () => number;
  host: NativeHost;
}

const NEXT_STAGE: Partial<Record<Stage, Stage>> = {
  RECONCILE_SERVICE: 'PRE_SCALE_UP',
  PRE_SCALE_UP: 'SCALE_UP',
  SCALE_UP: 'POST_SCALE_UP',
  POST_SCALE_UP: 'TEST_TRAFFIC_SHIFT',
  TEST_TRAFFIC_SHIFT: 'POST_TEST_TRAFFIC_SHIFT',
  POST_TEST_TRAFFIC_SHIFT: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
  PRE_PRODUCTION_TRAFFIC_SHIFT: 'PRODUCTION_TRAFFIC_SHIFT',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'BAKE_TIME',
  BAKE_TIME: 'CLEAN_UP',
};

const ACTIVE: ReadonlySet<string> = new Set(['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);

/** `ecs-pause-` and 43 URL-safe characters, like the hook ids in the ECS docs. */
function hookId(): string {
  return `ecs-pause-${randomBytes(32).toString('base64url').slice(0, 43)}`;
}

function notFound(arn: string): AwsError {
  return new AwsError('ServiceDeploymentNotFoundException', `Service deployment ${arn} not found.`);
}

export class NativeDeployments {
  readonly #deps: NativeDeps;

  constructor(deps: NativeDeps) {
    this.#deps = deps;
  }

  /**
   * Sets up `target` as a native deployment replacing `source`. The new revision goes to the
   * target group that the production rule does not favour (ECS alternates between the two).
   */
  begin(service: ServiceRecord, source: DeploymentRecord | undefined, target: DeploymentRecord): void {
    const lb = service.loadBalancers[0];
    const advanced = lb?.advancedConfiguration;
    const primaryTg = lb?.targetGroupArn ?? '';
    const alternateTg = advanced?.alternateTargetGroupArn ?? '';
    const productionRuleArn = advanced?.productionListenerRule ?? '';
    // A native deployment still running is superseded: its traffic returns to its source first.
    let production = source;
    if (source?.native && !source.native.done) {
      this.#supersede(service, source);
      production = service.deployments.find((d) => d.id === source.native?.sourceDeploymentId) ?? source;
    }
    const weights = this.#weights(productionRuleArn);
    const favoured = [primaryTg, alternateTg].sort((a, b) => (weights.get(b) ?? 0) - (weights.get(a) ?? 0))[0] ?? primaryTg;
    const sourceTg = (weights.get(favoured) ?? 0) > 0 ? favoured : (production?.targetGroupArn ?? primaryTg);
    const config = structuredClone(service.deploymentConfiguration);
    target.targetGroupArn = sourceTg === alternateTg ? primaryTg : alternateTg;
    target.outcome = 'PENDING';
    target.rolloutStateReason = `ECS deployment ${target.id} in progress.`;
    target.native = {
      strategy: config.strategy as NativeStrategy,
      config,
      sourceDeploymentId: production?.id,
      sourceRevisionArn: production?.serviceRevisionArn,
      sourceTargetGroupArn: sourceTg,
      targetTargetGroupArn: target.targetGroupArn,
      productionRuleArn,
      testRuleArn: advanced?.testListenerRule,
      stage: undefined,
      stages: [],
      steps: trafficSteps(config),
      stepIndex: 0,
      productionPercent: 0,
      testPercent: 0,
      hooks: [],
      bakeUntil: undefined,
      rollback: undefined,
      triggeredAlarms: [],
      circuitBreakerTriggered: false,
      done: false,
    };
    target.sourceRevisionArns = production ? [production.serviceRevisionArn] : [];
  }

  /** One scheduler pass over a service whose PRIMARY is a running native deployment; false when there is none. */
  reconcile(cluster: ClusterRecord, service: ServiceRecord, now: number): boolean {
    const target = service.deployments[0];
    const run = target?.native;
    if (!target || !run || run.done) return false;
    const source = service.deployments.find((d) => d.id === run.sourceDeploymentId);
    if (target.outcome === 'PENDING') {
      target.outcome = 'IN_PROGRESS';
      target.updatedAt = new Date(now);
      // RECONCILE_SERVICE only runs when more than one revision is active as the deployment starts.
      this.#enter(service, target, service.deployments.length > 2 ? 'RECONCILE_SERVICE' : 'PRE_SCALE_UP', now);
      return true;
    }
    this.#stopStrays(service, target, source);
    if (target.outcome === 'ROLLBACK_REQUESTED' || target.outcome === 'ROLLBACK_IN_PROGRESS') {
      this.#rollbackTick(cluster, service, target, source, now);
      return true;
    }
    if (target.outcome !== 'IN_PROGRESS') return false;

    if (run.stage !== 'CLEAN_UP' && source) this.#keepScaled(cluster, service, source, now);
    if (this.#checkAlarms(service, target, now)) return true;
    if (this.#checkHookTimeouts(service, target, now)) return true;
    if (run.hooks.some((h) => h.status === 'AWAITING_ACTION')) return true;

    switch (run.stage) {
      case 'SCALE_UP': {
        this.#keepScaled(cluster, service, target, now);
        const healthy = this.#deps.host.liveTasks(service, target).filter((t) => this.#deps.host.isHealthy(service, t)).length;
        if (healthy < service.desiredCount) return true;
        break;
      }
      case 'PRODUCTION_TRAFFIC_SHIFT':
      case 'BAKE_TIME':
        if (now < (run.bakeUntil ?? 0)) return true;
        break;
      case 'CLEAN_UP':
        if (source && this.#deps.host.remainingTasks(service, source).length > 0) return true;
        this.#succeed(service, target, source, now);
        return true;
      default:
        break;
    }
    this.#enter(service, target, this.#next(run), now);
    return true;
  }

  #next(run: NativeRun): Stage {
    if (run.stage === 'PRODUCTION_TRAFFIC_SHIFT') {
      if (run.stepIndex + 1 < run.steps.length) {
        run.stepIndex += 1;
        return 'PRE_PRODUCTION_TRAFFIC_SHIFT';
      }
      return 'POST_PRODUCTION_TRAFFIC_SHIFT';
    }
    return NEXT_STAGE[run.stage ?? 'PRE_SCALE_UP'] ?? 'CLEAN_UP';
  }

  #enter(service: ServiceRecord, target: DeploymentRecord, stage: Stage, now: number): void {
    const run = target.native;
    if (!run) return;
    run.stage = stage;
    run.stages.push(stage);
    target.updatedAt = new Date(now);
    const hooks = (run.config.lifecycleHooks ?? []).filter(
      (h) => h.targetType === 'PAUSE' && (h.lifecycleStages ?? []).includes(stage as never),
    );
    if (hooks.length > 0) {
      run.hooks = hooks.map((h) => {
        const timeout = hookTimeout(h);
        return {
          hookId: hookId(),
          stage,
          status: 'AWAITING_ACTION',
          expiresAt: new Date(now + timeout.minutes * this.#deps.minuteMs()),
          timeoutAction: timeout.action,
          timeoutMinutes: timeout.minutes,
        };
      });
      addEvent(service, `(service-deployment ${target.serviceDeploymentArn}) is paused at ${stage}, awaiting action.`);
    }
    switch (stage) {
      case 'TEST_TRAFFIC_SHIFT':
        this.#shift(run, 'test', 100);
        break;
      case 'PRODUCTION_TRAFFIC_SHIFT': {
        const step = run.steps[run.stepIndex] ?? { percent: 100, bakeMinutes: 0 };
        this.#shift(run, 'production', step.percent);
        run.bakeUntil = now + step.bakeMinutes * this.#deps.minuteMs();
        addEvent(service, `(service-deployment ${target.serviceDeploymentArn}) shifted ${step.percent}% of production traffic.`);
        break;
      }
      case 'BAKE_TIME':
        run.bakeUntil = now + (run.config.bakeTimeInMinutes ?? 0) * this.#deps.minuteMs();
        break;
      case 'CLEAN_UP': {
        const source = service.deployments.find((d) => d.id === run.sourceDeploymentId);
        if (source) this.#deps.host.stopTasks(service, this.#deps.host.liveTasks(service, source), target.id);
        break;
      }
      default:
        break;
    }
  }

  /** Starts missing tasks of a deployment in its target group (failed ones are relaunched with back-off). */
  #keepScaled(cluster: ClusterRecord, service: ServiceRecord, deployment: DeploymentRecord, now: number): void {
    const missing = service.desiredCount - this.#deps.host.liveTasks(service, deployment).length;
    if (missing > 0 && now >= deployment.nextLaunchAt) this.#deps.host.launch(cluster, service, deployment, missing, now);
  }

  /** Deployments that are neither the target nor its source (a superseded one) lose their tasks. */
  #stopStrays(service: ServiceRecord, target: DeploymentRecord, source: DeploymentRecord | undefined): void {
    service.deployments = service.deployments.filter((d) => {
      if (d === target || d === source) return true;
      this.#deps.host.stopTasks(service, this.#deps.host.liveTasks(service, d), target.id);
      if (this.#deps.host.remainingTasks(service, d).length > 0) return true;
      retire(d);
      return false;
    });
  }

  #checkAlarms(service: ServiceRecord, target: DeploymentRecord, now: number): boolean {
    const run = target.native;
    const alarms = run?.config.alarms;
    if (!run || !alarms?.enable) return false;
    const firing = (alarms.alarmNames ?? []).filter((name) => this.#deps.alarmState(name) === 'ALARM');
    if (firing.length === 0) return false;
    run.triggeredAlarms = [...new Set([...run.triggeredAlarms, ...firing])];
    const reason = `CloudWatch alarm(s) ${firing.join(', ')} in ALARM state.`;
    if (alarms.rollback) this.#startRollback(service, target, `${reason} Rolling back.`, now, false);
    else this.#stopWithoutRollback(service, target, reason, now);
    return true;
  }

  #checkHookTimeouts(service: ServiceRecord, target: DeploymentRecord, now: number): boolean {
    const run = target.native;
    if (!run) return false;
    for (const hook of run.hooks) {
      if (hook.status !== 'AWAITING_ACTION' || now < hook.expiresAt.getTime()) continue;
      hook.status = 'TIMED_OUT';
      target.updatedAt = new Date(now);
      if (hook.timeoutAction === 'ROLLBACK') {
        this.#startRollback(
          service,
          target,
          `Lifecycle hook ${hook.hookId} at ${hook.stage} timed out after ${hook.timeoutMinutes} minutes; timeout action ROLLBACK.`,
          now,
          false,
        );
        return true;
      }
    }
    return false;
  }

  /** The circuit breaker tripped on the new revision. */
  fail(service: ServiceRecord, target: DeploymentRecord, reason: string): void {
    const run = target.native;
    if (!run || run.done || run.rollback) return;
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = reason;
    run.circuitBreakerTriggered = true;
    addEvent(service, `(deployment ${target.id}) deployment failed: tasks failed to start.`);
    if (service.deploymentConfiguration.deploymentCircuitBreaker?.rollback)
      this.#startRollback(service, target, 'Circuit breaker triggered a rollback.', Date.now(), false);
    else this.#stopWithoutRollback(service, target, reason, Date.now());
  }

  #stopWithoutRollback(service: ServiceRecord, target: DeploymentRecord, reason: string, now: number): void {
    const run = target.native;
    if (!run) return;
    for (const hook of run.hooks) if (hook.status === 'AWAITING_ACTION') hook.status = 'FAILED';
    target.outcome = 'STOPPED';
    target.outcomeReason = reason;
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = reason;
    target.finishedAt = new Date(now);
    target.updatedAt = new Date(now);
    run.done = true;
    addEvent(service, `(service-deployment ${target.serviceDeploymentArn}) stopped: ${reason}`);
  }

  #startRollback(service: ServiceRecord, target: DeploymentRecord, reason: string, now: number, requested: boolean): void {
    const run = target.native;
    if (!run || run.rollback || run.done) return;
    for (const hook of run.hooks) if (hook.status === 'AWAITING_ACTION') hook.status = 'FAILED';
    run.rollback = { reason, startedAt: new Date(now), trafficRestored: false };
    target.outcome = requested ? 'ROLLBACK_REQUESTED' : 'ROLLBACK_IN_PROGRESS';
    target.outcomeReason = reason;
    target.rollbackStartedAt = new Date(now);
    target.rollbackRevisionArn = run.sourceRevisionArn;
    target.rolloutState = 'FAILED';
    target.rolloutStateReason = reason;
    target.updatedAt = new Date(now);
    addEvent(service, `(service-deployment ${target.serviceDeploymentArn}) rolling back: ${reason}`);
  }

  /** Traffic back to the source target group first, then the new revision's tasks stop. */
  #rollbackTick(
    cluster: ClusterRecord,
    service: ServiceRecord,
    target: DeploymentRecord,
    source: DeploymentRecord | undefined,
    now: number,
  ): void {
    const run = target.native;
    if (!run?.rollback) return;
    if (target.outcome === 'ROLLBACK_REQUESTED') {
      target.outcome = 'ROLLBACK_IN_PROGRESS';
      target.updatedAt = new Date(now);
      return;
    }
    if (source) this.#keepScaled(cluster, service, source, now);
    if (!run.rollback.trafficRestored) {
      run.stage = 'PRODUCTION_TRAFFIC_SHIFT';
      this.#shift(run, 'production', 0);
      this.#shift(run, 'test', 0);
      run.rollback.trafficRestored = true;
      return;
    }
    run.stage = 'CLEAN_UP';
    this.#deps.host.stopTasks(service, this.#deps.host.liveTasks(service, target), target.id);
    if (this.#deps.host.remainingTasks(service, target).length > 0) return;
    target.outcome = 'ROLLBACK_SUCCESSFUL';
    target.finishedAt = new Date(now);
    target.updatedAt = new Date(now);
    run.done = true;
    service.currentServiceDeploymentArn = target.serviceDeploymentArn;
    retire(target);
    service.deployments = service.deployments.filter((d) => d !== target);
    if (source) source.status = 'PRIMARY';
    service.steady = false;
    addEvent(service, `(service-deployment ${target.serviceDeploymentArn}) rollback completed.`);
  }

  #succeed(service: ServiceRecord, target: DeploymentRecord, source: DeploymentRecord | undefined, now: number): void {
    const run = target.native;
    if (!run) return;
    run.done = true;
    markCompleted(service, target);
    target.updatedAt = new Date(now);
    service.currentServiceDeploymentArn = undefined;
    if (source) {
      retire(source);
      service.deployments = service.deployments.filter((d) => d !== source);
    }
  }

  #supersede(service: ServiceRecord, previous: DeploymentRecord): void {
    const run = previous.native;
    if (!run) return;
    for (const hook of run.hooks) if (hook.status === 'AWAITING_ACTION') hook.status = 'FAILED';
    this.#shift(run, 'production', 0);
    this.#shift(run, 'test', 0);
    previous.outcome = 'STOPPED';
    previous.outcomeReason = 'Service deployment superseded by a newer deployment.';
    previous.finishedAt = new Date();
    previous.updatedAt = new Date();
    run.done = true;
  }

  // --- traffic ---------------------------------------------------------------------------------

  #versioned(arn: string | undefined): VersionedActions | undefined {
    if (!arn) return undefined;
    // ALB: a listener rule ARN; NLB: a listener ARN.
    return this.#deps.elb.rules.get(arn)?.actions ?? this.#deps.elb.listeners.get(arn)?.defaultActions;
  }

  #weights(arn: string): Map<string, number> {
    const actions = this.#versioned(arn);
    return new Map(forwardTargets(terminalAction(actions?.current ?? [])).map((t) => [t.arn, t.weight]));
  }

  /** ECS rewrites the rule's forward action to a weighted pair of the two target groups. */
  #shift(run: NativeRun, which: 'production' | 'test', percent: number): void {
    const actions = this.#versioned(which === 'production' ? run.productionRuleArn : run.testRuleArn);
    if (which === 'production') run.productionPercent = percent;
    else run.testPercent = percent;
    if (!actions) return;
    const weights = albWeights(percent);
    const current = terminalAction(actions.current);
    const next: Action[] = normalizeActions(
      [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: run.sourceTargetGroupArn, Weight: weights.source },
              { TargetGroupArn: run.targetTargetGroupArn, Weight: weights.target },
            ],
            TargetGroupStickinessConfig: current?.ForwardConfig?.TargetGroupStickinessConfig ?? { Enabled: false },
          },
        },
      ],
      (arn) => this.#deps.elb.targetGroups.has(arn),
    );
    this.#deps.elb.writeActions(actions, next);
  }

  // --- API -------------------------------------------------------------------------------------

  continueHook(service: ServiceRecord, target: DeploymentRecord, id: string | undefined, action: string): void {
    const run = target.native;
    const hook = run?.hooks.find((h) => h.hookId === id);
    if (!run || !hook) throw new AwsError('InvalidParameterException', `Lifecycle hook ${id ?? ''} not found for this service deployment.`);
    if (target.outcome !== 'IN_PROGRESS')
      throw new AwsError('InvalidParameterException', `The service deployment must be IN_PROGRESS; it is ${target.outcome}.`);
    if (hook.status !== 'AWAITING_ACTION')
      throw new AwsError('InvalidParameterException', `Lifecycle hook ${hook.hookId} is ${hook.status}, not AWAITING_ACTION.`);
    if (action === 'CONTINUE') {
      hook.status = 'SUCCEEDED';
      target.updatedAt = new Date();
      return;
    }
    hook.status = 'FAILED';
    this.#startRollback(service, target, `ContinueServiceDeployment ROLLBACK at ${hook.stage} (hook ${hook.hookId}).`, Date.now(), false);
  }

  /** StopServiceDeployment(ROLLBACK): idempotent while a stop or rollback is under way. */
  stop(service: ServiceRecord, target: DeploymentRecord): void {
    const run = target.native;
    if (!run) throw notFound(target.serviceDeploymentArn);
    if (['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(target.outcome)) return;
    if (!ACTIVE.has(target.outcome) || run.stage === 'CLEAN_UP') {
      throw new AwsError(
        'ConflictException',
        `The service deployment is ${target.outcome}${run.stage === 'CLEAN_UP' ? ' in CLEAN_UP' : ''} and cannot be stopped.`,
      );
    }
    this.#startRollback(service, target, 'Service deployment rolled back by StopServiceDeployment.', Date.now(), true);
  }

  /** The native fields of DescribeServiceDeployments. */
  view(service: ServiceRecord, d: DeploymentRecord, threshold: number): Partial<ServiceDeployment> {
    const run = d.native;
    if (!run) return {};
    const host = this.#deps.host;
    const counts = (deployment: DeploymentRecord | undefined): Pick<ServiceRevisionSummary, 'runningTaskCount' | 'pendingTaskCount'> => {
      const tasks = deployment ? host.remainingTasks(service, deployment) : [];
      return {
        runningTaskCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
        pendingTaskCount: tasks.filter((t) => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus)).length,
      };
    };
    const source = service.history.find((x) => x.id === run.sourceDeploymentId);
    const alarms = run.config.alarms;
    const finished = !ACTIVE.has(d.outcome);
    return {
      // Stages are strings: PRE_PRODUCTION_TRAFFIC_SHIFT is missing from the SDK's enum.
      lifecycleStage: run.stage as ServiceDeployment['lifecycleStage'],
      lifecycleHookDetails: run.hooks.map((h) => ({
        hookId: h.hookId,
        targetType: 'PAUSE',
        status: h.status,
        expiresAt: h.expiresAt,
        timeoutAction: h.timeoutAction,
      })),
      sourceServiceRevisions: run.sourceRevisionArn
        ? [
            {
              arn: run.sourceRevisionArn,
              requestedTaskCount: source && source.status !== 'INACTIVE' ? service.desiredCount : 0,
              ...counts(source),
              requestedProductionTrafficWeight: 100 - run.productionPercent,
              requestedTestTrafficWeight: 100 - run.testPercent,
            },
          ]
        : [],
      targetServiceRevision: {
        arn: d.serviceRevisionArn,
        requestedTaskCount: d.status === 'INACTIVE' ? 0 : service.desiredCount,
        ...counts(d),
        requestedProductionTrafficWeight: run.productionPercent,
        requestedTestTrafficWeight: run.testPercent,
      },
      deploymentConfiguration: run.config,
      rollback: run.rollback
        ? { reason: run.rollback.reason, startedAt: run.rollback.startedAt, serviceRevisionArn: run.sourceRevisionArn }
        : undefined,
      deploymentCircuitBreaker: {
        status: !run.config.deploymentCircuitBreaker?.enable
          ? 'DISABLED'
          : run.circuitBreakerTriggered
            ? 'TRIGGERED'
            : finished
              ? 'MONITORING_COMPLETE'
              : 'MONITORING',
        failureCount: d.failedTasks,
        threshold,
      },
      alarms: {
        status: !alarms?.enable
          ? 'DISABLED'
          : run.triggeredAlarms.length > 0
            ? 'TRIGGERED'
            : finished
              ? 'MONITORING_COMPLETE'
              : 'MONITORING',
        alarmNames: alarms?.alarmNames ?? [],
        triggeredAlarmNames: run.triggeredAlarms,
      },
      ...(d.outcome === 'STOPPED' || d.outcome.startsWith('ROLLBACK_') ? { stoppedAt: d.rollbackStartedAt ?? d.finishedAt } : {}),
    };
  }
}
