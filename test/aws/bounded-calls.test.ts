/**
 * Every AWS call is bounded (a request that never gets an answer times out and is retried like
 * any network failure) and cancellable (the run's abort signal reaches the request in flight).
 */
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../shared/aws/call.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { CancelledError, TransientError } from '../../shared/errors.ts';
import { startSilentEndpoint } from '../support/silent-endpoint.ts';

let silent: Awaited<ReturnType<typeof startSilentEndpoint>>;
beforeAll(async () => {
  silent = await startSilentEndpoint();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});
afterAll(() => silent.close());

const describeServices = (ecs: ECSClient) =>
  call('ecs:DescribeServices', () => ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })));

describe('AWS calls against an endpoint that accepts the connection and never answers', () => {
  it('time out and hand the engine a retryable error instead of hanging', async () => {
    const before = silent.requests();
    const ecs = new ECSClient({
      ...clientConfig({ region: 'us-east-1', maxRetries: 1, timeouts: { connectMs: 1_000, requestMs: 300 } }),
      endpoint: silent.url,
    });
    const error = await describeServices(ecs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('TimeoutError');
    // The SDK retried the timed-out request once, as it would any network failure.
    expect(silent.requests() - before).toBe(2);
  }, 20_000);

  it('end as a cancel when the run is cancelled, even with the default (long) timeouts', async () => {
    const controller = new AbortController();
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 6, signal: controller.signal }), endpoint: silent.url });
    const pending = describeServices(ecs).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(await pending).toBeInstanceOf(CancelledError);
  }, 10_000);

  it('refuse to start once the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 6, signal: controller.signal }), endpoint: silent.url });
    const before = silent.requests();
    expect(await describeServices(ecs).catch((e: unknown) => e)).toBeInstanceOf(CancelledError);
    expect(silent.requests()).toBe(before);
  }, 10_000);
});
