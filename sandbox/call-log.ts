import { AwsError } from './errors.ts';

export interface CallRecord {
  service: string;
  operation: string;
  /** The decoded request parameters. */
  params: unknown;
  at: number;
  requestId: string;
  /** From the request's SigV4 credential scope: who called (each canary of a scale run has its own). */
  accessKeyId?: string;
  /** Error code when the sandbox answered with an error. */
  error?: string;
}

export interface FailureOptions {
  status?: number;
  message?: string;
  /** Accept the request and never answer it (a hung connection); `errorCode` is then ignored. */
  hang?: boolean;
}

/** A failure that is no answer at all. */
export const HANG = Symbol('hang');

interface PendingFailure extends FailureOptions {
  service: string | undefined;
  operation: string;
  code: string;
  remaining: number;
}

const MAX_RECORDS = 20_000;

/** Every AWS call received, and the errors a test asked to inject into upcoming calls. */
export class CallLog {
  #records: CallRecord[] = [];
  #failures: PendingFailure[] = [];

  record(entry: CallRecord): CallRecord {
    this.#records.push(entry);
    if (this.#records.length > MAX_RECORDS) this.#records.splice(0, this.#records.length - MAX_RECORDS);
    return entry;
  }

  list(): CallRecord[] {
    return [...this.#records];
  }

  reset(): void {
    this.#records = [];
  }

  /** Counts per `service:Operation`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.#records) {
      const key = `${r.service}:${r.operation}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** `operation` is `Operation` (any service) or `service:Operation`, e.g. `elbv2:ModifyRule`. */
  failNext(operation: string, code: string, times = 1, options: FailureOptions = {}): void {
    const [service, op] = operation.includes(':') ? operation.split(':', 2) : [undefined, operation];
    if (!op) throw new Error(`failNext: bad operation "${operation}"`);
    this.#failures.push({ service, operation: op, code, remaining: Math.max(1, times), ...options });
  }

  clearFailures(): void {
    this.#failures = [];
  }

  takeFailure(service: string, operation: string): AwsError | typeof HANG | undefined {
    const pending = this.#failures.find((f) => f.operation === operation && (f.service === undefined || f.service === service));
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#failures.splice(this.#failures.indexOf(pending), 1);
    if (pending.hang) return HANG;
    const message = pending.message ?? (/thrott/i.test(pending.code) ? 'Rate exceeded' : `Injected ${pending.code}`);
    return new AwsError(pending.code, message, pending.status === undefined ? {} : { status: pending.status });
  }
}
