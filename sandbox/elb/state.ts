import type { Action, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import { randomHex } from '../ids.ts';

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface Target {
  id: string;
  port: number;
  state: TargetHealthState;
  reason: string | undefined;
  description: string | undefined;
  passes: number;
  fails: number;
  registeredAt: number;
  checking: boolean;
  drainTimer: NodeJS.Timeout | undefined;
}

export interface TargetGroupState {
  arn: string;
  name: string;
  port: number;
  /** CloudWatch `TargetGroup` dimension value: targetgroup/<name>/<id>. */
  dimension: string;
  targets: Map<string, Target>;
}

export interface LoadBalancerState {
  arn: string;
  name: string;
  dnsName: string;
  createdAt: Date;
  /** CloudWatch `LoadBalancer` dimension value: app/<name>/<id>. */
  dimension: string;
}

/** Actions as written, and as readers see them while a write is still propagating. */
export interface VersionedActions {
  current: Action[];
  previous: Action[] | undefined;
  /** When Describe* start returning `current` (fixed at write time, with the lag then in force). */
  visibleAt: number;
}

export interface ListenerState {
  arn: string;
  loadBalancerArn: string;
  port: number;
  defaultRuleArn: string;
  defaultActions: VersionedActions;
}

export interface RuleState {
  arn: string;
  listenerArn: string;
  priority: number;
  conditions: RuleCondition[];
  actions: VersionedActions;
}

export function targetKey(id: string, port: number): string {
  return `${id}:${port}`;
}

/** Load balancers, listeners, rules and target groups, plus target registration and draining. */
export class ElbState {
  readonly loadBalancers = new Map<string, LoadBalancerState>();
  readonly targetGroups = new Map<string, TargetGroupState>();
  readonly listeners = new Map<string, ListenerState>();
  readonly rules = new Map<string, RuleState>();
  /** How long Describe* keep returning the actions from before a Modify (ALB eventual consistency). */
  propagationLagMs: number;
  deregistrationDelayMs: number;
  readonly #arnPrefix: string;
  #stopped = false;

  constructor(options: { region: string; accountId: string; propagationLagMs: number; deregistrationDelayMs: number }) {
    this.#arnPrefix = `arn:aws:elasticloadbalancing:${options.region}:${options.accountId}`;
    this.propagationLagMs = options.propagationLagMs;
    this.deregistrationDelayMs = options.deregistrationDelayMs;
  }

  createLoadBalancer(name: string, region: string): LoadBalancerState {
    const id = randomHex(16);
    const lb: LoadBalancerState = {
      arn: `${this.#arnPrefix}:loadbalancer/app/${name}/${id}`,
      name,
      dnsName: `${name}-${parseInt(id.slice(0, 8), 16) % 1_000_000_000}.${region}.elb.amazonaws.com`,
      createdAt: new Date(),
      dimension: `app/${name}/${id}`,
    };
    this.loadBalancers.set(lb.arn, lb);
    return lb;
  }

  createTargetGroup(name: string, port = 8080): TargetGroupState {
    const id = randomHex(16);
    const tg: TargetGroupState = {
      arn: `${this.#arnPrefix}:targetgroup/${name}/${id}`,
      name,
      port,
      dimension: `targetgroup/${name}/${id}`,
      targets: new Map(),
    };
    this.targetGroups.set(tg.arn, tg);
    return tg;
  }

  createListener(lb: LoadBalancerState, port: number, defaultActions: Action[]): ListenerState {
    const lbPath = lb.arn.split(':loadbalancer/')[1] ?? '';
    const id = randomHex(16);
    const listener: ListenerState = {
      arn: `${this.#arnPrefix}:listener/${lbPath}/${id}`,
      loadBalancerArn: lb.arn,
      port,
      defaultRuleArn: `${this.#arnPrefix}:listener-rule/${lbPath}/${id}/${randomHex(16)}`,
      defaultActions: { current: defaultActions, previous: undefined, visibleAt: 0 },
    };
    this.listeners.set(listener.arn, listener);
    return listener;
  }

  createRule(listener: ListenerState, priority: number, conditions: RuleCondition[], actions: Action[]): RuleState {
    const listenerPath = listener.arn.split(':listener/')[1] ?? '';
    const rule: RuleState = {
      arn: `${this.#arnPrefix}:listener-rule/${listenerPath}/${randomHex(16)}`,
      listenerArn: listener.arn,
      priority,
      conditions,
      actions: { current: actions, previous: undefined, visibleAt: 0 },
    };
    this.rules.set(rule.arn, rule);
    return rule;
  }

  /** What a Describe call sees now. */
  visibleActions(actions: VersionedActions, now = Date.now()): Action[] {
    if (actions.previous && now < actions.visibleAt) return actions.previous;
    return actions.current;
  }

  writeActions(actions: VersionedActions, next: Action[], now = Date.now()): void {
    actions.previous = this.visibleActions(actions, now);
    actions.current = next;
    actions.visibleAt = now + this.propagationLagMs;
  }

  rulesOf(listenerArn: string): RuleState[] {
    return [...this.rules.values()].filter((r) => r.listenerArn === listenerArn).sort((a, b) => a.priority - b.priority);
  }

  /** Target groups that a listener or rule of this load balancer forwards to. */
  loadBalancerArnsOf(targetGroupArn: string): string[] {
    const arns = new Set<string>();
    const uses = (actions: Action[]): boolean =>
      actions.some(
        (a) =>
          a.TargetGroupArn === targetGroupArn || (a.ForwardConfig?.TargetGroups ?? []).some((t) => t.TargetGroupArn === targetGroupArn),
      );
    for (const listener of this.listeners.values()) {
      const rules = this.rulesOf(listener.arn);
      if (uses(listener.defaultActions.current) || rules.some((r) => uses(r.actions.current))) arns.add(listener.loadBalancerArn);
    }
    return [...arns];
  }

  registerTarget(tg: TargetGroupState, id: string, port: number, options: { healthy?: boolean } = {}): Target {
    const key = targetKey(id, port);
    const existing = tg.targets.get(key);
    if (existing && existing.state !== 'draining') return existing;
    if (existing?.drainTimer) clearTimeout(existing.drainTimer);
    const target: Target = {
      id,
      port,
      state: options.healthy ? 'healthy' : 'initial',
      reason: options.healthy ? undefined : 'Elb.RegistrationInProgress',
      description: options.healthy ? undefined : 'Target registration is in progress',
      passes: 0,
      fails: 0,
      registeredAt: Date.now(),
      checking: false,
      drainTimer: undefined,
    };
    tg.targets.set(key, target);
    return target;
  }

  /** Starts draining; the target disappears after the deregistration delay and then `onDrained` runs. */
  deregisterTarget(tg: TargetGroupState, id: string, port: number, onDrained?: () => void): boolean {
    const key = targetKey(id, port);
    const target = tg.targets.get(key);
    if (!target) {
      onDrained?.();
      return false;
    }
    if (target.state === 'draining') return true;
    target.state = 'draining';
    target.reason = 'Target.DeregistrationInProgress';
    target.description = 'Target deregistration is in progress';
    target.drainTimer = setTimeout(() => {
      if (tg.targets.get(key) === target) tg.targets.delete(key);
      if (!this.#stopped) onDrained?.();
    }, this.deregistrationDelayMs);
    return true;
  }

  health(tgArn: string, id: string, port: number): Target | undefined {
    return this.targetGroups.get(tgArn)?.targets.get(targetKey(id, port));
  }

  stop(): void {
    this.#stopped = true;
    for (const tg of this.targetGroups.values()) {
      for (const target of tg.targets.values()) if (target.drainTimer) clearTimeout(target.drainTimer);
    }
  }
}
