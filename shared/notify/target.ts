import type { ReleaseEvent } from './event.ts';

/** One place a release is announced. `send` must honour the signal: it bounds every attempt. */
export interface NotifyTarget {
  /** Names the target in warnings; never a URL or a token. */
  readonly name: string;
  send(event: ReleaseEvent, signal: AbortSignal): Promise<void>;
}
