import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';

export interface AwsTimeouts {
  /** How long a TCP (and TLS) connection may take. */
  connectMs: number;
  /** How long one request may take, first byte sent to last byte received. */
  requestMs: number;
}

/**
 * Generous for AWS control-plane calls (they answer in well under a second), short enough that
 * a hung connection costs one retry, not the run. `throwOnRequestTimeout` matters: without it
 * the SDK only logs a warning and the request keeps hanging.
 */
export const DEFAULT_TIMEOUTS: AwsTimeouts = { connectMs: 5_000, requestMs: 30_000 };

/** The SDK's Node handler with timeouts that throw, and the run's abort signal on every request. */
class BoundedHandler extends NodeHttpHandler {
  private readonly signal: AbortSignal | undefined;

  constructor(options: NodeHttpHandlerOptions, signal: AbortSignal | undefined) {
    super(options);
    this.signal = signal;
  }

  override handle(request: Parameters<NodeHttpHandler['handle']>[0], options: HttpHandlerOptions = {}) {
    return super.handle(request, { ...options, abortSignal: options.abortSignal ?? this.signal });
  }
}

export function requestHandler(timeouts: AwsTimeouts = DEFAULT_TIMEOUTS, signal?: AbortSignal): NodeHttpHandler {
  return new BoundedHandler(
    { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
    signal,
  );
}
