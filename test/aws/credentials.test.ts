/**
 * role-to-assume: the GitHub OIDC ID token is exchanged for a role session with STS, and the
 * session is renewed before it expires, so a run of any length keeps working. The sandbox
 * issues sessions that expire in about a second and refuses requests signed with an expired one.
 */
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { call } from '../../shared/aws/call.ts';
import { clientConfig } from '../../shared/aws/clients.ts';
import { webIdentityCredentials } from '../../shared/aws/credentials.ts';
import { DeployError } from '../../shared/errors.ts';
import { startIdTokenServer } from '../support/id-token-server.ts';

const SESSION_MS = 1_500;
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/deploy', durationSeconds: 3600, sessionName: 'ecs-progressive-delivery' };
let sandbox: Sandbox;
let tokens: Awaited<ReturnType<typeof startIdTokenServer>>;
const saved = { ...process.env };

beforeAll(async () => {
  sandbox = await startSandbox({ waitForTasks: false, credentials: { sessionLengthMs: SESSION_MS } });
  tokens = await startIdTokenServer();
  Object.assign(process.env, tokens.env, { AWS_ENDPOINT_URL: sandbox.endpoint });
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});
afterAll(async () => {
  process.env = saved;
  await tokens.close();
  await sandbox.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeServices = (ecs: ECSClient) =>
  call('ecs:DescribeServices', () => ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: ['web-blue'] })));

describe('credentials from role-to-assume', () => {
  it('come from the GitHub ID token (audience sts.amazonaws.com) and are renewed before they expire', async () => {
    const credentials = webIdentityCredentials(ROLE, { region: 'us-east-1' });
    const ecs = new ECSClient(clientConfig({ region: 'us-east-1', maxRetries: 0, credentials }));
    for (let i = 0; i < 4; i++) {
      const out = await describeServices(ecs);
      expect(out.services?.[0]?.serviceName).toBe('web-blue');
      await sleep(SESSION_MS);
    }
    // Each renewal presented a fresh ID token, asked for the STS audience with the runtime's request token.
    expect(sandbox.sts.tokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sandbox.sts.tokens).size).toBe(sandbox.sts.tokens.length);
    expect(tokens.asked.every((a) => a.audience === 'sts.amazonaws.com' && a.authorized)).toBe(true);
    expect(sandbox.sts.sessions()[0]).toMatchObject({ roleArn: ROLE.roleArn, sessionName: ROLE.sessionName });
  }, 30_000);

  it('a session used after it expired is refused as AWS refuses it, per protocol', async () => {
    const session = await webIdentityCredentials(ROLE, { region: 'us-east-1' })();
    const fixed = { ...clientConfig({ region: 'us-east-1', maxRetries: 0 }), credentials: session };
    const ecs = new ECSClient(fixed);
    const elb = new ElasticLoadBalancingV2Client(fixed);
    await describeServices(ecs);
    sandbox.sts.expireAll();

    const json = await describeServices(ecs).catch((e: unknown) => e);
    expect(json).toBeInstanceOf(DeployError);
    expect((json as Error).message).toMatch(
      /^ecs:DescribeServices failed: ExpiredTokenException: The security token included in the request is expired \(request /,
    );
    expect((json as DeployError).fix).toContain('role-to-assume');
    const query = await call('elasticloadbalancing:DescribeListeners', () =>
      elb.send(new DescribeListenersCommand({ ListenerArns: [sandbox.listenerArn] })),
    ).catch((e: unknown) => e);
    expect((query as Error).message).toMatch(/^elasticloadbalancing:DescribeListeners failed: ExpiredToken: The security token/);
  }, 30_000);

  it('a missing id-token permission is one line naming the fix', async () => {
    const credentials = webIdentityCredentials(ROLE, {
      region: 'us-east-1',
      fetchToken: () => Promise.reject(new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable')),
    });
    const error = await credentials().catch((e: unknown) => e);
    expect((error as DeployError).fix).toContain('id-token: write');
  });
});
