/**
 * The committed rollback bundle run as the runner runs it, against the local AWS sandbox and a
 * stand-in GitHub API.
 */
import { RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index.ts';
import { AlbRouter } from '../../../shared/aws/alb-router.ts';
import { parseTaskDefinition, renderTaskDefinition } from '../../../shared/taskdef.ts';
import { FAST, clients } from '../../sandbox/clients.ts';
import { ROOT, runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { githubStub, type GitHubStub } from '../blue-green/github-stub.ts';

let sandbox: Sandbox;
let github: GitHubStub;
let v1 = '';
let v2 = '';

/** Green live on web:2, blue idle on web:1: the state after a promoted canary. */
beforeAll(async () => {
  [sandbox, github] = await Promise.all([startSandbox(FAST), githubStub()]);
  const aws = clients(sandbox);
  v1 = sandbox.taskDefinitions.initialArn;
  const parsed = parseTaskDefinition(readFileSync(`${ROOT}/test/fixtures/task-definition.json`, 'utf8'));
  if (!('document' in parsed)) throw new Error(parsed.problem);
  const document = renderTaskDefinition(parsed.document, { containerName: 'app', image: `${sandbox.ecrRepositoryUri}:v2` });
  const registered = await aws.ecs.send(new RegisterTaskDefinitionCommand(document as never));
  v2 = registered.taskDefinition!.taskDefinitionArn!;
  await aws.ecs.send(new UpdateServiceCommand({ cluster: sandbox.cluster, service: 'web-green', taskDefinition: v2 }));
  await sandbox.control.waitForSteadyState({ timeoutMs: 20_000 });
  await setWeights(0, 100);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), github?.close()]);
});

function setWeights(blue: number, green: number): Promise<void> {
  const router = new AlbRouter(clients(sandbox).elb, sandbox.listenerArn);
  return router.writeWeights({ [sandbox.targetGroups.blue.arn]: blue, [sandbox.targetGroups.green.arn]: green });
}

const env = () => ({
  AWS_ENDPOINT_URL: sandbox.endpoint,
  AWS_REGION: sandbox.region,
  GITHUB_API_URL: github.url,
  GITHUB_REPOSITORY: 'acme/web',
  GITHUB_SHA: 'a1b2c3d',
});
const colors = () => ({
  cluster: sandbox.cluster,
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': sandbox.listenerArn,
  'poll-interval': '1s',
  environment: 'production',
  'github-token': 'ghs_test',
});
const weights = () => Object.fromEntries(sandbox.control.snapshot().weights.listener.map((w) => [w.targetGroup, w.weight]));
const mutations = () => sandbox.control.callLog().filter((c) => /^(Update|Modify|Register)/.test(c.operation));

describe('rollback bundle on the sandbox', () => {
  it('two colors: makes the previous version live again in one verified weight change, recorded in GitHub', async () => {
    sandbox.control.resetCallLog();
    const result = await runBundle('rollback', { inputs: { ...colors(), reason: 'p99 doubled after web:2' }, env: env() });

    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({
      result: 'rolled-back',
      'live-service': 'web-blue',
      'task-definition-arn': v1,
      weights: 'blue=100,green=0',
    });
    expect(weights()).toEqual({ 'tg-blue': 100, 'tg-green': 0 });
    expect(mutations().map((c) => c.operation)).toEqual(['ModifyListener']);
    expect(result.summary).toContain('p99 doubled after web:2');
    const created = github.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/web/deployments');
    expect(created.map((r) => r.body?.payload)).toEqual([
      {
        cluster: 'demo',
        services: ['web-blue', 'web-green'],
        // What last-successful checks: the partition, region and account of the task definition.
        partition: 'aws',
        region: sandbox.region,
        account: v1.split(':')[4],
        task_definition_arn: v1,
        strategy: 'rollback',
        reason: 'p99 doubled after web:2',
      },
    ]);
  });

  it('a second run reports already-live and changes nothing, in AWS or in the record', async () => {
    sandbox.control.resetCallLog();
    const before = github.requests.length;
    const result = await runBundle('rollback', { inputs: colors(), env: env() });
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ result: 'already-live', 'live-service': 'web-blue' });
    expect(mutations()).toEqual([]);
    expect(github.requests).toHaveLength(before);
  });

  it('converges from split weights (30/70) to the previous version', async () => {
    await setWeights(30, 70);
    const result = await runBundle('rollback', { inputs: colors(), env: env() });
    expect(result.outputs).toMatchObject({ result: 'rolled-back', 'live-service': 'web-blue' });
    expect(weights()).toEqual({ 'tg-blue': 100, 'tg-green': 0 });
  });

  it('one service: updates it to the named version and waits; then already-live', async () => {
    const inputs = { cluster: sandbox.cluster, service: 'web-green', to: v1, 'poll-interval': '1s' };
    const first = await runBundle('rollback', { inputs, env: env() });
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ result: 'rolled-back', 'live-service': 'web-green', 'task-definition-arn': v1 });
    expect(sandbox.control.snapshot().services['web-green']!.taskDefinition).toBe(v1);
    expect(first.summary).toContain('| Service | `web-green` |');

    const second = await runBundle('rollback', { inputs, env: env() });
    expect(second.outputs.result).toBe('already-live');
  });

  it('to: last-successful with an empty record fails without touching anything', async () => {
    sandbox.control.resetCallLog();
    const result = await runBundle('rollback', { inputs: { ...colors(), to: 'last-successful' }, env: env() });
    expect(result.code).toBe(1);
    expect(result.outputs.result).toBe('failed');
    expect(result.errors[0]).toMatch(/The deployment record of environment "production" has no successful deployment/);
    expect(mutations()).toEqual([]);
  });
});
