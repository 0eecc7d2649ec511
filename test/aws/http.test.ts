/**
 * requestHandler: the SDK's Node handler with timeouts that throw and the run's abort signal on
 * every request, tried against the fake AWS (answering, or silent: it never answers).
 */
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHandler } from '../../shared/aws/http.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';

let silent: FakeAws;
let answering: FakeAws;
beforeAll(async () => {
  silent = await startFakeAws({ silent: true });
  answering = await startFakeAws({ handlers: { DescribeServices: () => ({ services: [], failures: [] }) } });
});
afterAll(() => Promise.all([silent.close(), answering.close()]));

const client = (endpoint: string, handler: ReturnType<typeof requestHandler>) =>
  new ECSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: handler,
  });
const describeServices = (ecs: ECSClient, abortSignal?: AbortSignal) =>
  ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }), { abortSignal }).catch((e: unknown) => e as Error);

describe('requestHandler', () => {
  it('carries requests to the endpoint', async () => {
    const out = await describeServices(client(answering.url, requestHandler()));
    expect(out).toMatchObject({ services: [], failures: [] });
    expect(answering.operations()).toEqual(['DescribeServices']);
  });

  it('throws when a request gets no answer within requestMs, instead of hanging', async () => {
    const error = await describeServices(client(silent.url, requestHandler({ connectMs: 1_000, requestMs: 200 })));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
  }, 10_000);

  it("aborts a request in flight when the run's signal fires", async () => {
    const run = new AbortController();
    const pending = describeServices(client(silent.url, requestHandler(undefined, run.signal)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    run.abort();
    expect((await pending) as Error).toMatchObject({ name: 'AbortError' });
  }, 10_000);

  it('lets a signal given to one request abort it', async () => {
    const run = new AbortController();
    const request = new AbortController();
    const pending = describeServices(client(silent.url, requestHandler(undefined, run.signal)), request.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    request.abort();
    expect((await pending) as Error).toMatchObject({ name: 'AbortError' });
  }, 10_000);
});
