/**
 * CloudWatch as it tells time: ALB publishes each period's datapoint once the period is over,
 * 60 to 120 s late (AWS: "Elastic Load Balancing reports metrics to CloudWatch only when requests
 * are flowing ... every 60 seconds", observed 1 to 3 minutes late). Off by default: the sandbox
 * otherwise shows every request at once. Time-scalable: tests shrink the period and the delays.
 */
import { ALB_NAMESPACE } from '../metrics.ts';

export interface PublishingOptions {
  /** The publishing period (default 60000 ms). */
  periodMs?: number;
  /** Each period's datapoint appears between these delays after the period ends (default 60–120 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Each period's delay, fixed per period (so every reader sees the same), spread over [min, max]. */
export function publishingDelay(options: Required<PublishingOptions>, periodStart: number): number {
  const index = Math.floor(periodStart / options.periodMs);
  const spread = ((index * 2654435761) >>> 0) / 2 ** 32;
  return options.minDelayMs + spread * (options.maxDelayMs - options.minDelayMs);
}

/** Whether a sample of `namespace` at time `t` has been published by `now`. */
export function publishedBy(input: PublishingOptions): (namespace: string, t: number, now: number) => boolean {
  const options = { periodMs: 60_000, minDelayMs: 60_000, maxDelayMs: 120_000, ...input };
  return (namespace, t, now) => {
    if (namespace !== ALB_NAMESPACE) return true;
    const start = Math.floor(t / options.periodMs) * options.periodMs;
    return now >= start + options.periodMs + publishingDelay(options, start);
  };
}
