import { CancelledError, DeployError, TransientError } from '../errors.ts';
import type { Clock, Gate, Log } from './ports.ts';

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Keep retrying at least this long, however many attempts it takes: a throttling storm or a 5xx burst passes. */
  patienceMs?: number;
}

/**
 * The SDK clients already retry bursts of throttling (adaptive mode). This second, slower
 * layer rides out longer storms (a minute of throttling while many services deploy) using
 * the engine's clock, so it is cancellable and runs in fake time in tests.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 30_000, patienceMs: 120_000 };

/** Full jitter: a random delay up to the exponential cap, so parallel runs spread out. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

async function withRetry<T>(
  operation: string,
  call: () => Promise<T>,
  context: { clock: Clock; log: Log; policy: RetryPolicy; signal?: AbortSignal },
): Promise<T> {
  const started = context.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TransientError)) throw error;
      const patient = context.clock.now() - started < (context.policy.patienceMs ?? 0);
      if (attempt >= context.policy.attempts && !patient) {
        throw new DeployError(`AWS kept failing on ${operation} (${attempt} attempts)`, {
          why: error.message,
          fix: 'This is usually throttling or an AWS outage: re-run later, or raise the `max-retries` input.',
          cause: error,
        });
      }
      const delay = backoffDelay(context.policy, Math.min(attempt, context.policy.attempts));
      const of = attempt < context.policy.attempts ? `/${context.policy.attempts - 1}` : ' (waiting out a storm)';
      context.log.warn(`${operation} failed (${error.code}); retry ${attempt}${of} in ${delay} ms`);
      await context.clock.sleep(delay, context.signal);
    }
  }
}

/**
 * Wraps every method of a port so each call retries transient errors. One place, so no call
 * kind can forget it.
 */
function resilient<T extends object>(
  port: T,
  name: string,
  context: { clock: Clock; log: Log; policy: RetryPolicy; signal?: AbortSignal },
): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (context.signal?.aborted) return Promise.reject(new CancelledError());
        return withRetry(
          `${name}.${String(property)}`,
          () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
          context,
        );
      };
    },
  });
}

/** What a run's retries need: its clock and log, its policy (DEFAULT_RETRY when unset) and the signal that cancels it. */
export interface RetryContext {
  clock: Clock;
  log: Log;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * The one way an engine gives its ports their retries: `retrying(context)` once per signal,
 * then `ports(...)` for the named ports (an absent optional port stays absent), `port(...)` for
 * one, `gates(...)` for the traffic gates, each named in the log by the service it calls.
 */
export function retrying(context: RetryContext) {
  const settings = { clock: context.clock, log: context.log, policy: context.retry ?? DEFAULT_RETRY, signal: context.signal };
  const port = <T extends object>(adapter: T, service: string): T => resilient(adapter, service, settings);
  return {
    port,
    ports<P extends object, K extends keyof P>(adapters: P, services: Record<K, string>): Pick<P, K> {
      const wrapped = {} as Pick<P, K>;
      for (const key of Object.keys(services) as K[]) {
        const adapter = adapters[key];
        wrapped[key] = (adapter === undefined ? adapter : port(adapter as object, services[key])) as P[K];
      }
      return wrapped;
    },
    gates: (gates: Gate[]): Gate[] => gates.map((gate) => port(gate, `gate "${gate.name}"`)),
  };
}
