import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../shared/aws/call.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';
import { VERSION } from '../../shared/version.ts';

/** A tiny JSON 1.1 endpoint on loopback: answers from a queue of canned responses, records requests. */
let server: Server;
let endpoint: string;
const requests: { target: string; userAgent: string; body: string }[] = [];
let responses: { status: number; body: object }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ target: String(req.headers['x-amz-target']), userAgent: String(req.headers['user-agent']), body });
      const next = responses.shift() ?? { status: 200, body: { services: [], failures: [] } };
      res.writeHead(next.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  responses = [];
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});

const throttle = { status: 400, body: { __type: 'com.amazonaws.ecs#ThrottlingException', message: 'Rate exceeded' } };

describe('AWS clients', () => {
  it('honour AWS_ENDPOINT_URL and name the suite in the user agent', async () => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    try {
      const ecs = new ECSClient(clientConfig({ region: 'us-east-1', maxRetries: 0 }));
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
    expect(requests).toHaveLength(1);
    expect(requests[0]!.target).toBe('AmazonEC2ContainerServiceV20141113.DescribeServices');
    expect(requests[0]!.userAgent).toContain(`ecs-progressive-delivery/${VERSION}`);
  });

  it('retry throttling inside the SDK up to the configured ceiling', async () => {
    responses = [throttle, throttle];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 3 }), endpoint });
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    expect(out.services).toEqual([]);
    expect(requests).toHaveLength(3);
  }, 60_000);

  it('hand persistent throttling to the engine as a TransientError', async () => {
    responses = [throttle, throttle];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 1 }), endpoint });
    const error = await call('ecs:DescribeServices', () =>
      ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('ThrottlingException');
    expect(requests).toHaveLength(2);
  }, 60_000);

  it('turn an access denial into a DeployError naming the IAM action to allow', async () => {
    responses = [
      { status: 400, body: { __type: 'AccessDeniedException', message: 'User is not authorized to perform: ecs:DescribeServices' } },
    ];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 0 }), endpoint });
    const error = await call('ecs:DescribeServices', () =>
      ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toMatch(/^ecs:DescribeServices failed: AccessDeniedException: User is not authorized/);
    expect((error as DeployError).fix).toBe("Allow the action ecs:DescribeServices in the role's IAM policy (see docs/iam-policy.json).");
  });
});
