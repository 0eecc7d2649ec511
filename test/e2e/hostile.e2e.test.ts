/**
 * The canary bundle in a hostile world, as the runner runs it against the sandbox: credentials
 * that expire, a call that never answers while the run is cancelled, a role that may not write
 * the listener, and role-to-assume renewing its own credentials.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { webIdentityCredentials } from '../../shared/aws/credentials.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { idToken, startIdTokenServer } from '../support/id-token-server.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';

let sandbox: Sandbox;
let load: LoadHandle;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox({ ...FAST_SANDBOX, credentials: { sessionLengthMs: 2_000 } });
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 20 });
  dir = workspace();
});
afterEach(async () => {
  await load.stop();
  await sandbox.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Credentials as configure-aws-credentials leaves them: one session, which this run outlives. */
async function sessionEnv(): Promise<Record<string, string>> {
  process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
  try {
    const role = { roleArn: 'arn:aws:iam::123456789012:role/deploy', durationSeconds: 3600, sessionName: 'configure-aws-credentials' };
    const c = await webIdentityCredentials(role, { region: sandbox.region, fetchToken: async () => idToken() })();
    return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, AWS_SESSION_TOKEN: c.sessionToken! };
  } finally {
    delete process.env.AWS_ENDPOINT_URL;
  }
}

describe('canary bundle in a hostile world', () => {
  it('cancelled while a gate call hangs: the restore still goes out inside the runner SIGINT window', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '60s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    const before = sandbox.control.callCounts()['cloudwatch:GetMetricData'] ?? 0;
    sandbox.control.failNext('cloudwatch:GetMetricData', 'Hang', 1, { hang: true });
    await until(() => (sandbox.control.callCounts()['cloudwatch:GetMetricData'] ?? 0) > before, 'the hung call');
    // As the runner cancels: SIGINT, then 7.5 s later SIGKILL (SIGTERM's 2.5 s grace skipped).
    run.child.kill('SIGINT');
    const kill = setTimeout(() => run.child.kill('SIGKILL'), 7_500);
    const result = await run.done;
    clearTimeout(kill);

    expect(result.signal).toBeNull();
    expect(result.outputs).toMatchObject({ result: 'rolled-back', weights: 'blue=100,green=0' });
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    expect(result.state.phase).toBe('done');
  }, 90_000);

  it('credentials expire mid-bake: the run says where traffic is, the first cause, and the post step restores', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const env = { ...sandboxEnv(sandbox, dir), ...(await sessionEnv()) };
    // The session is stretched until the first step, then ends.
    for (const s of sandbox.sts.sessions()) s.expiresAt = Date.now() + 3_600_000;
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '30s' }), env });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    // Whatever call comes next (the read-back of the write, or a gate) is the first to fail.
    sandbox.sts.expireAll();
    const main = await run.done;

    expect(main.outputs.result).toBe('failed');
    expect(liveWeights(sandbox)).toEqual({ blue: 50, green: 50 });
    // Nothing claims blue is live or at 100: the weights could not be read back.
    expect(main.outputs['live-service']).toBeUndefined();
    expect(main.outputs.weights).toBeUndefined();
    expect(main.summary).not.toContain('Live now');
    expect(main.summary).not.toMatch(/\| 1 \| blue=50 green=50 \|.*✅ pass/);
    expect(main.errors[0]).toMatch(
      /^[a-z]+:\w+ failed: ExpiredToken(Exception)?: The security token .*then traffic could NOT be restored to blue/,
    );
    expect(main.state.phase).toBe('shift');

    // The post step runs with working credentials and finds the phase at shift.
    const post = await runBundle('canary', {
      step: 'post',
      state: main.state,
      env: { ...sandboxEnv(sandbox, dir), ...(await sessionEnv()) },
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Restored and verified weights');
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('with role-to-assume the action renews its own credentials through OIDC and outlives its sessions', async () => {
    const tokens = await startIdTokenServer();
    try {
      const release = writeRelease(dir, sandbox, 'v2');
      const inputs = canaryInputs(sandbox, release, { 'bake-time': '4s', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' });
      const env = { ...sandboxEnv(sandbox, dir), ...tokens.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
      const result = await runBundle('canary', { inputs, env });

      expect(result.errors).toEqual([]);
      expect(result.outputs.result).toBe('promoted');
      // Sessions last 2 s in this sandbox; the run took several.
      expect(sandbox.sts.tokens.length).toBeGreaterThanOrEqual(3);
      expect(tokens.asked.every((a) => a.audience === 'sts.amazonaws.com' && a.authorized)).toBe(true);
      expect(result.state.role).toContain('arn:aws:iam::123456789012:role/deploy');
    } finally {
      await tokens.close();
    }
  }, 90_000);

  it('a role that may not write the listener: failed with the state left and the one command that fixes it', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '5s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    sandbox.control.failNext('elbv2:ModifyListener', 'AccessDenied', 1_000, {
      message: 'User: arn:aws:sts::123456789012:assumed-role/deploy/x is not authorized to perform: elasticloadbalancing:ModifyListener',
    });
    const result = await run.done;

    expect(result.outputs).toMatchObject({ result: 'failed', weights: 'blue=50,green=50' });
    expect(result.outputs['live-service']).toBeUndefined();
    expect(result.errors[0]).toMatch(/^elasticloadbalancing:ModifyListener failed: AccessDenied.*\(weights now blue=50,green=50\)/);
    expect(result.errors[0]).toContain(
      `aws elbv2 modify-listener --region us-east-1 --listener-arn ${sandbox.listenerArn} --default-actions`,
    );
    expect(result.stdout).toMatch(/web-green \(green\) runs web:2/);
    expect(result.state.phase).toBe('shift');
    expect(liveWeights(sandbox)).toEqual({ blue: 50, green: 50 });
  }, 90_000);
});
