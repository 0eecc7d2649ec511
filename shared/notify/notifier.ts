import type { ReleaseEvent } from './event.ts';
import type { NotifyTarget } from './target.ts';

export interface NotifierOptions {
  /** How long one delivery to one target may take. */
  attemptMs: number;
  warn: (message: string) => void;
}

/**
 * Delivers release events in the background, in order, to every target. A notification never
 * fails a deployment and never delays it: `notify` returns at once, each attempt is bounded,
 * a failing target is warned about once, and a target that did not answer in time is dropped
 * (waiting on it again would only add up). The engine calls `notify` after its safety-critical
 * write, so a message never claims what has not happened.
 */
export class Notifier {
  private queue: Promise<void> = Promise.resolve();
  private readonly active: Set<NotifyTarget>;
  private readonly warned = new Set<string>();
  private readonly stop = new AbortController();
  private readonly options: NotifierOptions;

  constructor(targets: NotifyTarget[], options: NotifierOptions) {
    this.active = new Set(targets);
    this.options = options;
  }

  get enabled(): boolean {
    return this.active.size > 0;
  }

  notify(event: ReleaseEvent): void {
    if (!this.enabled) return;
    this.queue = this.queue.then(() => this.deliver(event));
  }

  /** Waits for what is queued, at most `maxMs`; whatever is still in flight then is abandoned. */
  async flush(maxMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxMs);
    });
    await Promise.race([this.queue, deadline]);
    clearTimeout(timer);
    this.stop.abort();
  }

  private async deliver(event: ReleaseEvent): Promise<void> {
    await Promise.all(
      [...this.active].map(async (target) => {
        const signal = AbortSignal.any([AbortSignal.timeout(this.options.attemptMs), this.stop.signal]);
        try {
          await target.send(event, signal);
        } catch (error) {
          if (signal.aborted) this.active.delete(target);
          if (this.warned.has(target.name)) return;
          this.warned.add(target.name);
          const why = signal.aborted ? `no answer within ${this.options.attemptMs / 1000}s` : (error as Error).message;
          this.options.warn(`${target.name} notification not delivered (${why}); the release goes on without it`);
        }
      }),
    );
  }
}
