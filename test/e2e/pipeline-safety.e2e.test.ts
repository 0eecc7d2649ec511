/**
 * The promises of issue 9 the engine keeps, run with the committed bundles as the runner runs
 * them against the sandbox: a run never writes over a traffic change it did not make, a
 * cancel with the runner's real timing restores traffic before the kill, `last-successful`
 * trusts only its own services' records and prints nothing raw, and a test listener that
 * carries production traffic is refused before any write.
 */
import { RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import { parseTaskDefinition, renderTaskDefinition } from '../../shared/taskdef.ts';
import { clients } from '../sandbox/clients.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { ROOT, runBundle, startBundle, type BundleRun } from '../../sandbox/rehearsal/run-bundle.ts';

let sandbox: Sandbox;
let load: LoadHandle;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox(FAST_SANDBOX);
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 20 });
  dir = workspace();
});
afterEach(async () => {
  await load.stop();
  await sandbox.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Sandbox calls that change something. */
const mutations = () => sandbox.control.callLog().filter((c) => /^(Update|Modify|Register|Create|Delete)/.test(c.operation));

/** Lines the runner would read as a workflow command: `::` at the start once trimmed, or `##[` anywhere. */
const commandLines = (stdout: string) =>
  stdout.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::') || line.includes('##['));

describe('a manual rollback during a canary bake', () => {
  it('the canary stops without writing over it, reports both weights, and its post step leaves traffic alone', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const canary = startBundle('canary', {
      inputs: canaryInputs(sandbox, release, { 'bake-time': '8s', 'max-5xx-rate': '', alarms: '' }),
      env: sandboxEnv(sandbox, dir),
    });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');

    // The manual rollback, as the rollback action does it, during the bake.
    const rollback = await runBundle('rollback', {
      inputs: {
        cluster: sandbox.cluster,
        'blue-service': 'web-blue',
        'green-service': 'web-green',
        'listener-arn': sandbox.listenerArn,
        'poll-interval': '1s',
        reason: 'manual rollback during the canary',
      },
      env: sandboxEnv(sandbox, dir),
    });
    expect(rollback.errors).toEqual([]);
    expect(rollback.outputs).toMatchObject({ result: 'rolled-back', 'live-service': 'web-blue', weights: 'blue=100,green=0' });
    sandbox.control.resetCallLog();

    const main = await canary.done;
    expect(main.code).toBe(1);
    expect(main.outputs.result).toBe('failed');
    expect(main.errors[0]).toMatch(/^Someone else moved traffic on arn:aws:elasticloadbalancing:.+: this run leaves it as it is\./);
    expect(main.stdout).toContain('this run last wrote: tg-blue=50, tg-green=50');
    expect(main.stdout).toContain('the listener now has: tg-blue=100, tg-green=0');
    expect(main.outputs.weights).toBe('blue=100,green=0');
    expect(main.state.phase).toBe('done');
    expect(mutations().filter((c) => c.operation === 'ModifyListener')).toEqual([]);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });

    // Even with the state of a main step killed mid-shift, the post step does not restore over it.
    const post = await runBundle('canary', { step: 'post', state: { ...main.state, phase: 'shift' }, env: sandboxEnv(sandbox, dir) });
    expect(post.code).toBe(1);
    expect(post.errors[0]).toMatch(/^Someone else moved traffic/);
    expect(mutations()).toEqual([]);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 120_000);
});

/** The runner's cancel: SIGINT, 7.5 s, SIGTERM, 2.5 s, then the kill. Returns the weights just before the kill (or at exit). */
async function runnerCancel(run: BundleRun): Promise<{ endedBy: string; weightsAtEnd: { blue: number; green: number } }> {
  let exited = false;
  run.child.on('exit', () => (exited = true));
  const waitExit = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (!exited && Date.now() < deadline) await sleep(20);
    return exited;
  };
  run.child.kill('SIGINT');
  if (await waitExit(7_500)) return { endedBy: 'SIGINT', weightsAtEnd: liveWeights(sandbox) };
  run.child.kill('SIGTERM');
  if (await waitExit(2_500)) return { endedBy: 'SIGTERM', weightsAtEnd: liveWeights(sandbox) };
  const weightsAtEnd = liveWeights(sandbox);
  run.child.kill('SIGKILL');
  return { endedBy: 'SIGKILL', weightsAtEnd };
}

describe('a cancel during a canary step, with the runner timing', () => {
  it('traffic is back on the previous version before the kill, and the post step has nothing left to do', async () => {
    const release = writeRelease(dir, sandbox, 'v2');
    const run = startBundle('canary', { inputs: canaryInputs(sandbox, release, { 'bake-time': '60s' }), env: sandboxEnv(sandbox, dir) });
    await until(() => liveWeights(sandbox).green === 50, 'the first step');

    const { endedBy, weightsAtEnd } = await runnerCancel(run);
    const main = await run.done;
    expect(weightsAtEnd).toEqual({ blue: 100, green: 0 });
    expect(endedBy).not.toBe('SIGKILL');
    expect(main.outputs.result).toBe('rolled-back');
    expect(main.state.phase).toBe('done');

    const post = await runBundle('canary', { step: 'post', state: main.state, env: sandboxEnv(sandbox, dir) });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('Nothing to restore');
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
  }, 120_000);
});

/** A loopback GitHub Deployments API holding a given history, every entry with a success status. */
async function githubHistory(history: { id: number; payload: unknown }[]) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      if (req.method === 'POST') return res.end(JSON.stringify({ id: 500 }));
      if (/\/deployments\?/.test(path)) return res.end(JSON.stringify(history));
      res.end(JSON.stringify([{ state: 'success' }]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('rollback to: last-successful', () => {
  it('with newer records of another app and crafted payloads: returns to this app’s version, and nothing reaches the log as a command', async () => {
    // Green live on v2, blue warm on v1: the state after a promoted release.
    const aws = clients(sandbox);
    const v1 = sandbox.taskDefinitions.initialArn;
    const parsed = parseTaskDefinition(readFileSync(`${ROOT}/test/fixtures/task-definition.json`, 'utf8'));
    if (!('document' in parsed)) throw new Error(parsed.problem);
    const document = renderTaskDefinition(parsed.document, { containerName: 'app', image: `${sandbox.ecrRepositoryUri}:v2` });
    const v2 = (await aws.ecs.send(new RegisterTaskDefinitionCommand(document as never))).taskDefinition!.taskDefinitionArn!;
    await aws.ecs.send(new UpdateServiceCommand({ cluster: sandbox.cluster, service: 'web-green', taskDefinition: v2 }));
    await sandbox.control.waitForSteadyState({ timeoutMs: 20_000 });
    await new AlbRouter(aws.elb, sandbox.listenerArn).writeWeights({
      [sandbox.targetGroups.blue.arn]: 0,
      [sandbox.targetGroups.green.arn]: 100,
    });

    const [, partition, region, account] = /^arn:([^:]+):ecs:([^:]+):(\d{12}):/.exec(v1)!;
    const web = { cluster: sandbox.cluster, services: ['web-blue', 'web-green'], partition, region, account, strategy: 'canary' };
    const github = await githubHistory([
      // Newest first: another app in the same environment (the same task definition family would not matter).
      { id: 9, payload: { ...web, services: ['worker-blue', 'worker-green'], task_definition_arn: v2 } },
      // Crafted: a workflow command after a newline, in the ARN, a key and the strategy.
      { id: 8, payload: { ...web, task_definition_arn: `${v2}\n::warning::injected-arn` } },
      { id: 7, payload: { ...web, task_definition_arn: v2, ['\n::error::injected-key']: 1 } },
      { id: 6, payload: { ...web, task_definition_arn: v2, strategy: 'x\r\n::add-mask::injected-strategy' } },
      // Another account's version of this app.
      { id: 5, payload: { ...web, account: '999999999999', task_definition_arn: v2.replace(account!, '999999999999') } },
      { id: 4, payload: { ...web, task_definition_arn: v1 } },
    ]);
    try {
      const result = await runBundle('rollback', {
        inputs: {
          cluster: sandbox.cluster,
          'blue-service': 'web-blue',
          'green-service': 'web-green',
          'listener-arn': sandbox.listenerArn,
          'poll-interval': '1s',
          to: 'last-successful',
          environment: 'production',
          'github-token': 'ghs_test',
        },
        env: { ...sandboxEnv(sandbox, dir), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a1b2c3d' },
      });
      expect(result.errors).toEqual([]);
      expect(result.outputs).toMatchObject({ result: 'rolled-back', 'task-definition-arn': v1, 'live-service': 'web-blue' });
      expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
      // The crafted text reaches the log only inside the suite's own one-line warnings, escaped.
      const injected = commandLines(result.stdout).filter((l) => /injected/.test(l));
      expect(injected.length).toBeGreaterThan(0);
      expect(injected.every((l) => l.startsWith('::warning::Ignored deployment'))).toBe(true);
      expect(result.stdout).not.toMatch(/^\s*::(error|add-mask|set-output)/m);
      expect(result.stdout.split('\n').filter((l) => l.startsWith('::warning::Ignored deployment'))).toHaveLength(3);
    } finally {
      await github.close();
    }
  }, 120_000);
});

describe('blue-green with a test listener that carries production traffic', () => {
  it('listener-rule-arn mode with the rule’s own listener as test listener: refused before any write', async () => {
    sandbox.control.resetCallLog();
    const result = await runBundle('blue-green', {
      inputs: {
        cluster: sandbox.cluster,
        'blue-service': 'web-blue',
        'green-service': 'web-green',
        'listener-rule-arn': sandbox.ruleArn,
        'test-listener-arn': sandbox.listenerArn,
        phase: 'prepare',
        'task-definition': writeRelease(dir, sandbox, 'v2'),
        'poll-interval': '1s',
      },
      env: sandboxEnv(sandbox, dir),
    });
    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('failed');
    expect(result.errors[0]).toMatch(/^test-listener-arn is the listener of the production rule: prepare would send its users/);
    expect(mutations()).toEqual([]);
    expect(sandbox.control.callLog().some((c) => c.operation.startsWith('Modify'))).toBe(false);
  }, 60_000);
});
