import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlbMetricsGate } from '../../shared/aws/alb-metrics-gate.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';
import { translate } from '../../shared/aws/call.ts';
import { TG } from '../support/fakes.ts';

let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('errors are classified truthfully', () => {
  it('an HTML 500 from the endpoint is an endpoint error, not throttling', async () => {
    const cloudwatch = new CloudWatchClient({
      region: 'us-east-1',
      endpoint,
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
