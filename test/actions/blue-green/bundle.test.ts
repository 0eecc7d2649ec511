/**
 * The committed blue-green bundle run as the runner runs it, against the local AWS sandbox
 * (real ECS tasks, a real listener) and a stand-in GitHub API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index.ts';
import { FAST } from '../../sandbox/clients.ts';
import { runBundle, startBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { githubStub, type GitHubStub } from './github-stub.ts';

let sandbox: Sandbox;
let github: GitHubStub;
let prepared = '';

beforeAll(async () => {
  [sandbox, github] = await Promise.all([startSandbox(FAST), githubStub()]);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), github?.close()]);
});

const env = () => ({
  AWS_ENDPOINT_URL: sandbox.endpoint,
  AWS_REGION: sandbox.region,
  GITHUB_API_URL: github.url,
  GITHUB_REPOSITORY: 'acme/web',
  GITHUB_SHA: 'a1b2c3d',
});
const topology = () => ({
  cluster: sandbox.cluster,
  'blue-service': sandbox.services.blue.name,
  'green-service': sandbox.services.green.name,
  'listener-arn': sandbox.listenerArn,
  'poll-interval': '1s',
  'wait-timeout': '2m',
  environment: 'production',
  'github-token': 'ghs_test',
});
const deploying = (tag: string) => ({
  'task-definition': 'test/fixtures/task-definition.json',
  'container-name': 'app',
  image: `${sandbox.ecrRepositoryUri}:${tag}`,
});
const weights = (which: 'listener' | 'testListener') =>
  Object.fromEntries(sandbox.control.snapshot().weights[which].map((w) => [w.targetGroup, w.weight]));

describe('blue-green bundle on the sandbox', () => {
  it('prepare: deploys v2 to the idle color and points the test listener at it; user traffic and the record untouched', async () => {
    const result = await runBundle('blue-green', {
      inputs: { ...topology(), ...deploying('v2'), phase: 'prepare', 'test-listener-arn': sandbox.testListenerArn },
      env: env(),
    });

    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs.result).toBe('prepared');
    expect(result.outputs['live-service']).toBe('web-blue');
    expect(result.outputs['task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    expect(result.outputs['test-url']).toMatch(/^http:\/\/.+:\d+$/);
    expect(weights('listener')).toEqual({ 'tg-blue': 100, 'tg-green': 0 });
    expect(weights('testListener')).toEqual({ 'tg-green': 100 });
    expect(result.summary).toContain('✅ Prepared: blue-green on demo');
    expect(github.requests).toEqual([]);
    // The sandbox's load balancer DNS name does not resolve here; its port is the test listener's.
    expect(new URL(result.outputs['test-url']!).port).toBe(new URL(sandbox.testListenerUrl).port);
    const answer = (await (await fetch(`${sandbox.testListenerUrl}/`)).json()) as { version: string };
    expect(answer.version).toBe('v2');
    prepared = result.outputs['task-definition-arn']!;
  });

  it('switch: moves 100 % to the prepared color, bakes with ECS health, and records the deployment in GitHub', async () => {
    // No alarm: the world's alarm has 60 s periods, so it can only cover a step 60 s after its end (docs/gates.md).
    const result = await runBundle('blue-green', {
      inputs: { ...topology(), phase: 'switch', 'task-definition-arn': prepared, 'bake-time': '3s' },
      env: env(),
    });

    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({
      result: 'promoted',
      'live-service': 'web-green',
      'previous-service': 'web-blue',
      weights: 'blue=0,green=100',
    });
    expect(weights('listener')).toEqual({ 'tg-blue': 0, 'tg-green': 100 });
    const created = github.requests.find((r) => r.method === 'POST' && r.path === '/repos/acme/web/deployments');
    expect(created?.body).toMatchObject({
      ref: 'a1b2c3d',
      environment: 'production',
      production_environment: true,
      payload: { cluster: 'demo', services: ['web-blue', 'web-green'], task_definition_arn: prepared, strategy: 'blue-green' },
    });
    const states = github.requests
      .filter((r) => /\/deployments\/100\/statuses$/.test(r.path) && r.method === 'POST')
      .map((r) => r.body?.state);
    expect(states).toEqual(['in_progress', 'success']);
  });

  it('all, cancelled during the bake: puts 100 % back on the live color; without deployments: write it warns once', async () => {
    github.forbidden = true;
    const run = startBundle('blue-green', { inputs: { ...topology(), ...deploying('v3'), 'bake-time': '5m' }, env: env() });
    let seen = '';
    await new Promise<void>((resolve) =>
      run.child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/Step 1\/1: .* verified/.test(seen)) resolve();
      }),
    );
    run.child.kill('SIGTERM');
    const result = await run.done;

    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('rolled-back');
    expect(result.outputs['live-service']).toBe('web-green');
    expect(weights('listener')).toEqual({ 'tg-blue': 0, 'tg-green': 100 });
    expect(result.state.phase).toBe('done');
    expect(result.stdout.match(/::warning::Not recording this run in GitHub Deployments/g)).toHaveLength(1);
    expect(result.summary).toContain('**The run was cancelled**');
    expect(result.summary).toContain('Traffic verified: 100 % on green');
    github.forbidden = false;
  });

  it('post: after a main step killed mid-shift, restores the saved weights', async () => {
    const restore = JSON.stringify({
      router: sandbox.listenerArn,
      weights: { [sandbox.targetGroups.blue.arn]: 100, [sandbox.targetGroups.green.arn]: 0 },
    });
    const result = await runBundle('blue-green', { step: 'post', state: { phase: 'shift', restore }, env: env() });
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Restored and verified weights/);
    expect(weights('listener')).toEqual({ 'tg-blue': 100, 'tg-green': 0 });

    const idle = await runBundle('blue-green', { step: 'post', state: { phase: 'done' }, env: env() });
    expect(idle.stdout).toMatch(/Nothing to restore/);
  });
});
