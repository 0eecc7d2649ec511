/**
 * The committed canary bundle, run as the runner runs it against the sandbox and a loopback
 * GitHub API: a main step killed mid-shift leaves its deployment entry to the post step, which
 * closes it after putting traffic back; and AWS error text full of workflow commands is printed
 * without starting one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';
import { githubStub, type GitHubStub } from '../actions/blue-green/github-stub.ts';
import { injectedCommands } from '../support/in-process-runner.ts';

let sandbox: Sandbox;
let load: LoadHandle;
let github: GitHubStub;
let dir: string;

beforeEach(async () => {
  [sandbox, github] = await Promise.all([startSandbox(FAST_SANDBOX), githubStub()]);
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 20 });
  dir = workspace();
});
afterEach(async () => {
  await load.stop();
  await Promise.all([sandbox.stop(), github.close()]);
});

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const githubEnv = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a1b2c3d' });
const recorded = { environment: 'production', 'github-token': 'ghs_test' };
const statuses = () => github.requests.filter((r) => r.method === 'POST' && /\/statuses$/.test(r.path)).map((r) => r.body);

/** The post step, given the main step's state and the token input the runner gives it too. */
const postStep = (state: Record<string, string>) =>
  runBundle('canary', {
    step: 'post',
    state,
    inputs: { 'github-token': 'ghs_test' },
    env: { ...sandboxEnv(sandbox, dir), ...githubEnv() },
  });

describe('canary bundle: a main step killed mid-shift', () => {
  it('the post step restores traffic and closes the deployment entry the main step left in progress', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', {
      inputs: canaryInputs(sandbox, release, { 'bake-time': '60s', ...recorded }),
      env: { ...sandboxEnv(sandbox, dir), ...githubEnv() },
    });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    run.child.kill('SIGKILL');
    const main = await run.done;

    expect(main.signal).toBe('SIGKILL');
    expect(statuses().map((s) => s?.state)).toEqual(['in_progress']);
    expect(JSON.parse(main.state.record!)).toEqual({ id: 100, environment: 'production', repository: 'acme/web' });

    const post = await postStep(main.state);
    expect(post.code).toBe(0);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    expect(statuses().at(-1)).toMatchObject({
      state: 'failure',
      description: 'The main step did not finish; the post step restored and verified the previous weights',
    });
    expect(github.requests.at(-1)?.path).toBe('/repos/acme/web/deployments/100/statuses');
  }, 120_000);

  it('a main step that ends on its own closes its entry, and its post step does not touch it again', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const main = await runBundle('canary', {
      inputs: canaryInputs(sandbox, release, { 'bake-time': '2s', ...recorded }),
      env: { ...sandboxEnv(sandbox, dir), ...githubEnv() },
    });
    expect(main.outputs.result).toBe('promoted');
    expect(main.state.record).toBe('');
    const before = github.requests.length;
    const post = await postStep(main.state);
    expect(post.code).toBe(0);
    expect(github.requests.length).toBe(before);
  }, 120_000);
});

describe('canary bundle: AWS text that carries workflow commands', () => {
  it('an AWS error message during the bake is printed (log, why group, failure line) without starting a command', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '20s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');
    sandbox.control.failNext('cloudwatch:GetMetricData', 'AccessDenied', 1_000, {
      status: 400,
      message: 'denied pwned-start\n::add-mask::pwned\r::stop-commands::pwned\n\u0085::error::pwned-nel\n  ##[error]pwned-legacy',
    });
    const result = await run.done;

    expect(result.code).toBe(1);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    expect(result.stdout).toContain('pwned');
    expect(injectedCommands(result.stdout)).toEqual([]);
    expect(injectedCommands(result.stderr)).toEqual([]);
  }, 120_000);
});
