/**
 * call(): every AWS call is bounded (a request that never gets an answer times out and is retried like
 * any network failure) and cancellable (the run's abort signal reaches the request in flight).
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlbMetricsGate } from '../../shared/aws/alb-metrics-gate.ts';
import { call, translate } from '../../shared/aws/call.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { CancelledError, DeployError, TransientError } from '../../shared/errors.ts';
import { TG } from '../../sandbox/rehearsal/engine-fakes.ts';
import { HttpReply, startFakeAws, type FakeAws } from '../support/fake-aws.ts';

let silent: FakeAws;
let htmlErrors: FakeAws;
beforeAll(async () => {
  silent = await startFakeAws({ silent: true });
  htmlErrors = await startFakeAws({
    fallback: () => new HttpReply(500, '<html><body><h1>500 Internal Server Error</h1></body></html>', 'text/html'),
  });
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});
afterAll(() => Promise.all([silent.close(), htmlErrors.close()]));

const describeServices = (ecs: ECSClient) =>
  call('ecs:DescribeServices', () => ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })));

describe('AWS calls against an endpoint that accepts the connection and never answers', () => {
  it('time out and hand the engine a retryable error instead of hanging', async () => {
    const before = silent.calls.length;
    const ecs = new ECSClient({
      ...clientConfig({ region: 'us-east-1', maxRetries: 1, timeouts: { connectMs: 1_000, requestMs: 300 } }),
      endpoint: silent.url,
    });
    const error = await describeServices(ecs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('TimeoutError');
    // The SDK retried the timed-out request once, as it would any network failure.
    expect(silent.calls.length - before).toBe(2);
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
    const before = silent.calls.length;
    expect(await describeServices(ecs).catch((e: unknown) => e)).toBeInstanceOf(CancelledError);
    expect(silent.calls.length).toBe(before);
  }, 10_000);
});

describe('errors are classified truthfully', () => {
  it('an HTML 500 from the endpoint is an endpoint error, not throttling', async () => {
    const cloudwatch = new CloudWatchClient({
      region: 'us-east-1',
      endpoint: htmlErrors.url,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const gate = new AlbMetricsGate(
      cloudwatch,
      'app/demo-alb/1',
      { candidate: TG.green },
      { max5xxRate: 1, minRequests: 1, periodMs: 60_000, delayMs: 0 },
    );
    const error = await gate.evaluate({ from: 0, to: 180_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe(
      'cloudwatch:GetMetricData failed: the endpoint answered HTTP 500 (text/html) that is not an AWS response',
    );
    expect((error as DeployError).fix).toMatch(/^This is an endpoint error, not throttling/);
  });

  it('a real throttling error stays transient', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(translate('cloudwatch:GetMetricData', throttled)).toBeInstanceOf(TransientError);
  });
});
