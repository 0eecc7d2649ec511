import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../shared/aws/call.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';
import { VERSION } from '../../shared/version.ts';
import { awsError, startFakeAws, type FakeAws, type HttpReply } from '../support/fake-aws.ts';

/** The fake AWS answers DescribeServices from a queue of canned replies; the user agent of each request is kept. */
let aws: FakeAws;
let endpoint: string;
const userAgents: string[] = [];
let responses: HttpReply[] = [];

beforeAll(async () => {
  aws = await startFakeAws({
    handlers: {
      DescribeServices: (_params, request) => {
        userAgents.push(String(request.headers['user-agent']));
        return responses.shift() ?? { services: [], failures: [] };
      },
    },
  });
  endpoint = aws.url;
});
afterAll(() => aws.close());
beforeEach(() => {
  aws.reset();
  userAgents.length = 0;
  responses = [];
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});

const throttle = awsError(400, 'com.amazonaws.ecs#ThrottlingException', 'Rate exceeded');

describe('AWS clients', () => {
  it('honour AWS_ENDPOINT_URL and name the suite in the user agent', async () => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    try {
      const ecs = new ECSClient(clientConfig({ region: 'us-east-1', maxRetries: 0 }));
      await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
    expect(aws.calls).toHaveLength(1);
    expect(aws.targets()[0]).toBe('AmazonEC2ContainerServiceV20141113.DescribeServices');
    expect(userAgents[0]).toContain(`ecs-progressive-delivery/${VERSION}`);
  });

  it('retry throttling inside the SDK up to the configured ceiling', async () => {
    responses = [throttle, throttle];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 3 }), endpoint });
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }));
    expect(out.services).toEqual([]);
    expect(aws.calls).toHaveLength(3);
  }, 60_000);

  it('hand persistent throttling to the engine as a TransientError', async () => {
    responses = [throttle, throttle];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 1 }), endpoint });
    const error = await call('ecs:DescribeServices', () =>
      ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('ThrottlingException');
    expect(aws.calls).toHaveLength(2);
  }, 60_000);

  it('turn an access denial into a DeployError naming the IAM action to allow', async () => {
    responses = [awsError(400, 'AccessDeniedException', 'User is not authorized to perform: ecs:DescribeServices')];
    const ecs = new ECSClient({ ...clientConfig({ region: 'us-east-1', maxRetries: 0 }), endpoint });
    const error = await call('ecs:DescribeServices', () =>
      ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toMatch(/^ecs:DescribeServices failed: AccessDeniedException: User is not authorized/);
    expect((error as DeployError).fix).toBe("Allow the action ecs:DescribeServices in the role's IAM policy (see docs/iam-policy.json).");
  });
});
