/**
 * ECS native deployments in memory, driven by the virtual clock: the stages in order, PAUSE
 * hooks with ids and timeouts, CONTINUE / ROLLBACK, ECS moving the production rule itself, step
 * bakes and the final bake time. Each DescribeServiceDeployments call is one tick.
 */
import type {
  DeploymentBrief,
  DeploymentSettings,
  HookAction,
  NativeDeployment,
  NativeEcs,
  NativeService,
} from '../../../shared/engine/native/ports.ts';
import { DeployError } from '../../../shared/errors.ts';
import type { StoppedTask, TargetGroupWeights } from '../../../shared/engine/ports.ts';
import { type FakeClock, T0, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';

export const TG_A = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-a/00000000000000aa';
export const TG_B = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-b/00000000000000bb';
export const PROD_RULE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1111/2222/prod';
export const TEST_RULE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/alb/1111/3333/test';
export const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers';

/** The team's own configuration: BLUE_GREEN with a 15 minute bake, no hooks. */
export const TEAM_SETTINGS: DeploymentSettings = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 15, hooks: [] };

interface Stage {
  name: string;
  /** Production weight of the new revision once the stage is entered. */
  weight?: number;
  bakeMs?: number;
}

interface FakeDeployment {
  arn: string;
  status: string;
  stages: Stage[];
  index: number;
  enteredAt: number;
  taskDefinition: string;
  previousTaskDefinition: string;
  settings: DeploymentSettings;
  weight: number;
  hook: { hookId: string; status: string; expiresAt: Date; timeoutAction: HookAction } | undefined;
  rollbackReason: string | undefined;
  rollbackTicks: number;
  hookSeq: number;
  alarms: string[];
  createdAt: Date;
}

const PAUSABLE = new Set(['POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT']);

export class FakeNativeEcs implements NativeEcs {
  readonly clock: FakeClock;
  service: NativeService;
  settings: DeploymentSettings;
  weights: TargetGroupWeights = { [TG_A]: 100, [TG_B]: 0 };
  deployments: FakeDeployment[] = [];
  calls: string[] = [];
  continues: { arn: string; hookId: string; action: HookAction }[] = [];
  stops: string[] = [];
  updates: { taskDefinition: string; configuration?: DeploymentSettings }[] = [];
  restores: string[] = [];
  /** Called once per tick with the deployment, to script what ECS does (alarms, circuit breaker). */
  onTick: ((d: FakeDeployment) => void) | undefined;
  /** When set, describeDeployment never returns (a process killed mid-run). */
  hang = false;
  /** Failures to throw from the next calls of a method. */
  failures = new Map<string, Error[]>();
  private seq = 0;

  constructor(clock: FakeClock, settings: DeploymentSettings = TEAM_SETTINGS) {
    this.clock = clock;
    this.settings = structuredClone(settings);
    this.service = {
      name: 'web',
      arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web',
      status: 'ACTIVE',
      controller: 'ECS',
      taskDefinition: taskDef(1),
      desiredCount: 2,
      runningCount: 2,
      wiring: {
        targetGroupArn: TG_A,
        alternateTargetGroupArn: TG_B,
        productionListenerRule: PROD_RULE,
        testListenerRule: TEST_RULE,
        roleArn: ROLE,
      },
      settings: this.settings,
      snapshot: '',
      events: [{ at: new Date(T0 - 3_600_000), message: '(service web) has reached a steady state.' }],
    };
  }

  private hit(method: string): void {
    this.calls.push(method);
    const next = this.failures.get(method)?.shift();
    if (next) throw next;
  }

  failNext(method: string, error: Error, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
  }

  async describeService(): Promise<NativeService> {
    this.hit('describeService');
    return structuredClone({ ...this.service, settings: this.settings, snapshot: JSON.stringify(this.settings) });
  }

  async ruleWeights(rule: string): Promise<TargetGroupWeights> {
    this.hit('ruleWeights');
    if (rule !== PROD_RULE) throw new Error(`unexpected rule ${rule}`);
    return { ...this.weights };
  }

  async registerTaskDefinition(): Promise<string> {
    this.hit('registerTaskDefinition');
    return taskDef(101);
  }

  async resolveTaskDefinition(reference: string): Promise<string> {
    this.hit('resolveTaskDefinition');
    return reference.startsWith('arn:') ? reference : `arn:aws:ecs:us-east-1:123456789012:task-definition/${reference}`;
  }

  async startDeployment(
    service: string,
    taskDefinition: string,
    configuration?: { base: string; settings: DeploymentSettings },
  ): Promise<string | undefined> {
    this.hit('startDeployment');
    // ECS refuses PAUSE where a rollback runs the stage again.
    const misplaced = configuration?.settings.hooks.find(
      (h) => h.targetType === 'PAUSE' && h.stages.some((st) => st === 'TEST_TRAFFIC_SHIFT' || st === 'PRODUCTION_TRAFFIC_SHIFT'),
    );
    if (misplaced)
      throw new DeployError(
        `ecs:UpdateService failed: InvalidParameterException: PAUSE hooks are not supported at ${misplaced.stages.join(', ')}`,
      );
    this.updates.push({ taskDefinition, configuration: configuration?.settings });
    if (configuration) this.settings = structuredClone(configuration.settings);
    const settings = structuredClone(this.settings);
    const d: FakeDeployment = {
      arn: `arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/${++this.seq}`,
      status: 'PENDING',
      stages: stagesFor(settings),
      index: -1,
      enteredAt: this.clock.now(),
      taskDefinition,
      previousTaskDefinition: this.service.taskDefinition,
      settings,
      weight: 0,
      hook: undefined,
      rollbackReason: undefined,
      rollbackTicks: 0,
      hookSeq: 0,
      alarms: [],
      createdAt: new Date(this.clock.now()),
    };
    this.deployments.unshift(d);
    this.service.taskDefinition = taskDefinition;
    return d.arn;
  }

  async listDeployments(_service: string, statuses?: string[]): Promise<DeploymentBrief[]> {
    this.hit('listDeployments');
    return this.deployments
      .filter((d) => !statuses || statuses.includes(d.status))
      .map((d) => ({ arn: d.arn, status: d.status, createdAt: d.createdAt }));
  }

  async describeDeployment(arn: string): Promise<NativeDeployment> {
    this.hit('describeDeployment');
    if (this.hang) return new Promise(() => {});
    const d = this.find(arn);
    this.tick(d);
    return this.view(d);
  }

  async continueDeployment(arn: string, hookId: string, action: HookAction): Promise<void> {
    this.hit('continueDeployment');
    const d = this.find(arn);
    if (d.status !== 'IN_PROGRESS' || d.hook?.hookId !== hookId || d.hook.status !== 'AWAITING_ACTION')
      throw new DeployError(`ecs:ContinueServiceDeployment failed: InvalidParameterException: hook ${hookId} is not awaiting action`);
    this.continues.push({ arn, hookId, action });
    d.hook.status = 'SUCCEEDED';
    if (action === 'ROLLBACK') this.startRollback(d, 'ContinueServiceDeployment ROLLBACK');
    else this.enter(d, d.index + 1);
  }

  async rollbackDeployment(arn: string): Promise<void> {
    this.hit('rollbackDeployment');
    this.stops.push(arn);
    const d = this.find(arn);
    if (d.status === 'PENDING' || d.status === 'IN_PROGRESS') this.startRollback(d, 'StopServiceDeployment ROLLBACK');
  }

  async restoreConfiguration(_service: string, snapshot: string): Promise<void> {
    this.hit('restoreConfiguration');
    this.restores.push(snapshot);
    this.settings = JSON.parse(snapshot) as DeploymentSettings;
  }

  async stoppedTasks(): Promise<StoppedTask[]> {
    this.hit('stoppedTasks');
    return [
      {
        taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/t1',
        taskDefinition: taskDef(2),
        stoppedAt: new Date(T0),
        reason: 'Essential container in task exited; app: (exit 1)',
      },
    ];
  }

  /** The deployment by ARN, for assertions and scripting. */
  find(arn: string): FakeDeployment {
    const d = this.deployments.find((x) => x.arn === arn);
    if (!d) throw new DeployError(`Service deployment ${arn} not found`);
    return d;
  }

  /** Advances a deployment as ECS would between two polls. */
  tick(d: FakeDeployment): void {
    this.onTick?.(d);
    const now = this.clock.now();
    if (d.status === 'PENDING') {
      d.status = 'IN_PROGRESS';
      this.enter(d, 0);
      return;
    }
    if (d.status === 'ROLLBACK_REQUESTED') {
      d.status = 'ROLLBACK_IN_PROGRESS';
      return;
    }
    if (d.status === 'ROLLBACK_IN_PROGRESS') {
      if (++d.rollbackTicks >= 2) {
        d.status = 'ROLLBACK_SUCCESSFUL';
        d.weight = 0;
        this.weights = { [TG_A]: 100, [TG_B]: 0 };
        this.service.taskDefinition = d.previousTaskDefinition;
      }
      return;
    }
    if (d.status !== 'IN_PROGRESS') return;
    const stage = d.stages[d.index]!;
    if (d.hook?.status === 'AWAITING_ACTION') {
      if (now >= d.hook.expiresAt.getTime()) {
        d.hook.status = 'TIMED_OUT';
        if (d.hook.timeoutAction === 'ROLLBACK') this.startRollback(d, `Lifecycle hook ${d.hook.hookId} timed out`);
        else this.enter(d, d.index + 1);
      }
      return;
    }
    if (stage.bakeMs && now < d.enteredAt + stage.bakeMs) return;
    this.enter(d, d.index + 1);
  }

  private enter(d: FakeDeployment, index: number): void {
    d.index = index;
    d.enteredAt = this.clock.now();
    d.hook = undefined;
    const stage = d.stages[index];
    if (!stage) {
      d.status = 'SUCCESSFUL';
      this.weights = { [TG_A]: 0, [TG_B]: 100 };
      // ECS swaps the roles: the new target group is now the service's production one.
      const w = this.service.wiring!;
      this.service.wiring = { ...w, targetGroupArn: w.alternateTargetGroupArn!, alternateTargetGroupArn: w.targetGroupArn };
      return;
    }
    if (stage.weight !== undefined) {
      d.weight = stage.weight;
      this.weights = { [TG_A]: 100 - stage.weight, [TG_B]: stage.weight };
    }
    const pause = d.settings.hooks.find((h) => h.targetType === 'PAUSE' && h.stages.includes(stage.name));
    if (pause && PAUSABLE.has(stage.name)) {
      d.hook = {
        hookId: `hook-${++d.hookSeq}`,
        status: 'AWAITING_ACTION',
        expiresAt: new Date(this.clock.now() + (pause.timeoutMinutes ?? 1440) * 60_000),
        timeoutAction: pause.timeoutAction ?? 'ROLLBACK',
      };
    }
  }

  startRollback(d: FakeDeployment, reason: string): void {
    d.status = 'ROLLBACK_REQUESTED';
    d.rollbackReason = reason;
    d.hook = d.hook?.status === 'AWAITING_ACTION' ? { ...d.hook, status: 'FAILED' } : d.hook;
  }

  private view(d: FakeDeployment): NativeDeployment {
    return {
      arn: d.arn,
      status: d.status,
      statusReason: undefined,
      lifecycleStage: d.index >= 0 && d.index < d.stages.length ? d.stages[d.index]!.name : undefined,
      hooks: d.hook
        ? [
            {
              hookId: d.hook.hookId,
              targetType: 'PAUSE',
              status: d.hook.status,
              expiresAt: d.hook.expiresAt,
              timeoutAction: d.hook.timeoutAction,
            },
          ]
        : [],
      taskDefinition: d.taskDefinition,
      targetWeight: d.weight,
      targetRunning: d.index >= 1 ? 2 : 0,
      targetRequested: 2,
      rollback: d.rollbackReason ? { reason: d.rollbackReason, startedAt: new Date(this.clock.now()) } : undefined,
      circuitBreaker: undefined,
      alarms: d.alarms.length ? { status: 'TRIGGERED', triggered: d.alarms } : undefined,
      createdAt: d.createdAt,
    };
  }
}

/** The stages ECS runs for a configuration, with the production weight each shift sets. */
export function stagesFor(settings: DeploymentSettings): Stage[] {
  const bake = (settings.bakeTimeInMinutes ?? 0) * 60_000;
  const weights =
    settings.strategy === 'CANARY'
      ? [settings.canary!.percent, 100]
      : settings.strategy === 'LINEAR'
        ? Array.from({ length: Math.ceil(100 / settings.linear!.stepPercent) }, (_, i) =>
            Math.min(100, settings.linear!.stepPercent * (i + 1)),
          )
        : [100];
  const stepBake = (settings.canary?.bakeMinutes ?? settings.linear?.bakeMinutes ?? 0) * 60_000;
  const shifts = weights.flatMap((weight, i) => [
    { name: 'PRE_PRODUCTION_TRAFFIC_SHIFT' },
    { name: 'PRODUCTION_TRAFFIC_SHIFT', weight, bakeMs: i < weights.length - 1 ? stepBake : 0 },
  ]);
  return [
    { name: 'RECONCILE_SERVICE' },
    { name: 'SCALE_UP' },
    { name: 'POST_SCALE_UP' },
    { name: 'TEST_TRAFFIC_SHIFT' },
    { name: 'POST_TEST_TRAFFIC_SHIFT' },
    ...shifts,
    { name: 'POST_PRODUCTION_TRAFFIC_SHIFT' },
    { name: 'BAKE_TIME', bakeMs: bake },
    { name: 'CLEAN_UP' },
  ];
}
