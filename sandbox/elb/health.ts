import { request } from 'node:http';
import type { ElbState, Target, TargetGroupState } from './state.ts';

export interface HealthCheckSettings {
  intervalMs: number;
  timeoutMs: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  path: string;
}

type Outcome = { ok: true } | { ok: false; reason: string; description: string };

function probe(target: Target, settings: HealthCheckSettings): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      { host: target.id, port: target.port, path: settings.path, method: 'GET', agent: false, timeout: settings.timeoutMs },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        if (code === 200) resolve({ ok: true });
        else {
          resolve({
            ok: false,
            reason: 'Target.ResponseCodeMismatch',
            description: `Health checks failed with these codes: [${code}]`,
          });
        }
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, reason: 'Target.Timeout', description: 'Request timed out' });
    });
    req.on('error', () => resolve({ ok: false, reason: 'Target.FailedHealthChecks', description: 'Health checks failed' }));
    req.end();
  });
}

/** Real HTTP health checks against every registered target, ALB style (consecutive passes/fails). */
export class HealthChecker {
  readonly #elb: ElbState;
  readonly #settings: HealthCheckSettings;
  readonly #afterRound: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(elb: ElbState, settings: HealthCheckSettings, afterRound?: () => void) {
    this.#elb = elb;
    this.#settings = settings;
    this.#afterRound = afterRound;
  }

  get settings(): HealthCheckSettings {
    return this.#settings;
  }

  start(): void {
    this.#timer = setInterval(() => this.#round(), this.#settings.intervalMs);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
  }

  #round(): void {
    for (const tg of this.#elb.targetGroups.values()) {
      for (const target of tg.targets.values()) {
        if (target.state === 'draining' || target.checking) continue;
        target.checking = true;
        void probe(target, this.#settings).then((outcome) => {
          target.checking = false;
          if (!this.#stopped) this.#apply(tg, target, outcome);
        });
      }
    }
    this.#afterRound?.();
  }

  #apply(tg: TargetGroupState, target: Target, outcome: Outcome): void {
    // A target deregistered while its probe was in flight keeps its draining state.
    if (target.state === 'draining' || !tg.targets.has(`${target.id}:${target.port}`)) return;
    const s = this.#settings;
    if (outcome.ok) {
      target.passes += 1;
      target.fails = 0;
      if (target.state !== 'healthy' && target.passes >= s.healthyThreshold) {
        target.state = 'healthy';
        target.reason = undefined;
        target.description = undefined;
      } else if (target.state === 'initial') {
        target.reason = 'Elb.InitialHealthChecking';
        target.description = 'Initial health checks in progress';
      }
      return;
    }
    target.fails += 1;
    target.passes = 0;
    if (target.state !== 'unhealthy' && target.fails >= s.unhealthyThreshold) {
      target.state = 'unhealthy';
    } else if (target.state === 'initial') {
      target.reason = 'Elb.InitialHealthChecking';
      target.description = 'Initial health checks in progress';
      return;
    }
    if (target.state === 'unhealthy') {
      target.reason = outcome.reason;
      target.description = outcome.description;
    }
  }
}
