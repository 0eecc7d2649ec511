/**
 * The GitHub Deployments record at the HTTP layer: nock intercepts what Octokit sends, so the
 * tests see the exact requests (paths, bodies) GitHub would receive.
 */
import { getOctokit } from '@actions/github';
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { GitHubDeployments } from '../../shared/github/deployments.ts';
import type { DeploymentEntry } from '../../shared/engine/record.ts';

const API = 'https://api.github.com';
const REPO = '/repos/acme/web';
const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42';
const entry: DeploymentEntry = {
  environment: 'production',
  cluster: 'prod',
  services: ['web-blue', 'web-green'],
  taskDefinitionArn: ARN,
  strategy: 'canary',
};

function record() {
  const warnings: string[] = [];
  const deployments = new GitHubDeployments(
    getOctokit('ghs_test', { baseUrl: API }),
    { owner: 'acme', repo: 'web', ref: 'a1b2c3d', logUrl: 'https://github.com/acme/web/actions/runs/7' },
    (m) => warnings.push(m),
  );
  return { deployments, warnings };
}

const SCOPE = { cluster: 'prod', services: ['web-blue', 'web-green'], partition: 'aws', region: 'us-east-1', account: '123456789012' };
/** A payload as start writes it for `entry`, with overrides. */
const payload = (overrides: Record<string, unknown> = {}) => ({
  cluster: 'prod',
  services: ['web-blue', 'web-green'],
  partition: 'aws',
  region: 'us-east-1',
  account: '123456789012',
  task_definition_arn: ARN,
  strategy: 'canary',
  ...overrides,
});

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' };

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every expected request was made').toEqual([]);
});

describe('GitHubDeployments', () => {
  it('start: creates the deployment for GITHUB_SHA with the payload, then an in_progress status', async () => {
    const bodies: unknown[] = [];
    nock(API)
      .post(`${REPO}/deployments`, (body) => bodies.push(body) > 0)
      .reply(201, { id: 11 })
      .post(`${REPO}/deployments/11/statuses`, (body) => bodies.push(body) > 0)
      .reply(201, { id: 1, state: 'in_progress' });
    const { deployments, warnings } = record();

    expect(await deployments.start(entry)).toEqual({ id: 11 });
    expect(bodies[0]).toEqual({
      ref: 'a1b2c3d',
      environment: 'production',
      task: 'deploy:canary',
      description: 'canary: web:42',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
      payload: payload(),
    });
    expect(bodies[1]).toEqual({
      state: 'in_progress',
      description: 'canary in progress',
      environment: 'production',
      auto_inactive: false,
      log_url: 'https://github.com/acme/web/actions/runs/7',
    });
    expect(warnings).toEqual([]);
  });

  it('start: another environment is not production; a rollback carries its reason', async () => {
    let sent: Record<string, unknown> = {};
    nock(API)
      .post(`${REPO}/deployments`, (body) => ((sent = body), true))
      .reply(201, { id: 12 })
      .post(`${REPO}/deployments/12/statuses`)
      .reply(201, {});
    await record().deployments.start({ ...entry, environment: 'staging', strategy: 'rollback', reason: 'p99 doubled' });
    expect(sent.production_environment).toBe(false);
    expect(sent.payload).toMatchObject({ strategy: 'rollback', reason: 'p99 doubled' });
  });

  it('finish(success): sets success, then marks older entries still showing success inactive, stopping at one already inactive', async () => {
    const { deployments } = record();
    nock(API).post(`${REPO}/deployments`).reply(201, { id: 11 }).post(`${REPO}/deployments/11/statuses`).reply(201, {});
    const handle = await deployments.start(entry);

    const states: string[] = [];
    const status = (id: number) => (body: Record<string, string>) => states.push(`${id}:${body.state}:${body.description}`) > 0;
    nock(API)
      .post(`${REPO}/deployments/11/statuses`, status(11))
      .reply(201, {})
      .get(`${REPO}/deployments`)
      .query({ environment: 'production', per_page: 30 })
      .reply(200, [{ id: 11 }, { id: 10 }, { id: 9 }, { id: 8 }, { id: 7 }])
      .get(`${REPO}/deployments/10/statuses`)
      .query({ per_page: 1 })
      .reply(200, [{ state: 'failure' }])
      .get(`${REPO}/deployments/9/statuses`)
      .query({ per_page: 1 })
      .reply(200, [{ state: 'success' }])
      .post(`${REPO}/deployments/9/statuses`, status(9))
      .reply(201, {})
      .get(`${REPO}/deployments/8/statuses`)
      .query({ per_page: 1 })
      .reply(200, [{ state: 'inactive' }]);

    await deployments.finish(handle, 'success', 'promoted: web-green is live');
    expect(states).toEqual(['11:success:promoted: web-green is live', '9:inactive:superseded by deployment 11']);
  });

  it('finish(failure): sets failure and leaves the older entries alone', async () => {
    let sent: Record<string, unknown> = {};
    nock(API)
      .post(`${REPO}/deployments`)
      .reply(201, { id: 11 })
      .post(`${REPO}/deployments/11/statuses`)
      .reply(201, {})
      .post(`${REPO}/deployments/11/statuses`, (body) => ((sent = body), true))
      .reply(201, {});
    const { deployments } = record();
    await deployments.finish(await deployments.start(entry), 'failure', 'rolled-back: Gate failed at step 2 (50% on green)');
    expect(sent).toMatchObject({ state: 'failure', description: 'rolled-back: Gate failed at step 2 (50% on green)' });
  });

  it('without deployments: write: warns once and records nothing more for the rest of the run', async () => {
    nock(API).post(`${REPO}/deployments`).reply(403, FORBIDDEN);
    const { deployments, warnings } = record();

    expect(await deployments.start(entry)).toBeUndefined();
    expect(await deployments.start(entry)).toBeUndefined();
    await deployments.finish({ id: 11 }, 'success', 'promoted');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/lacks `deployments: write` \(Resource not accessible by integration/);
    expect(warnings[0]).toMatch(/Add `permissions: deployments: write` to the job/);
  });

  it('a failure on the final status is one warning too, never an error', async () => {
    nock(API)
      .post(`${REPO}/deployments`)
      .reply(201, { id: 11 })
      .post(`${REPO}/deployments/11/statuses`)
      .reply(201, {})
      .post(`${REPO}/deployments/11/statuses`)
      .reply(404, { message: 'Not Found' });
    const { deployments, warnings } = record();
    await expect(deployments.finish(await deployments.start(entry), 'success', 'promoted')).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/lacks `deployments: write`/)]);
  });

  it('lastSuccessful: the newest entry of these services that ever reached success, skipping failed ones', async () => {
    nock(API)
      .get(`${REPO}/deployments`)
      .query({ environment: 'production', per_page: 30 })
      .reply(200, [
        { id: 5, payload: payload({ task_definition_arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:44' }) },
        { id: 3, payload: JSON.stringify(payload()) },
      ])
      .get(`${REPO}/deployments/5/statuses`)
      .query({ per_page: 100 })
      .reply(200, [{ state: 'failure' }, { state: 'in_progress' }])
      .get(`${REPO}/deployments/3/statuses`)
      .query({ per_page: 100 })
      .reply(200, [{ state: 'inactive' }, { state: 'success' }, { state: 'in_progress' }]);
    expect(await record().deployments.lastSuccessful('production', SCOPE)).toBe(ARN);
  });

  it('lastSuccessful: skips, without reading their statuses, entries of other apps, accounts and regions', async () => {
    const worker = 'arn:aws:ecs:us-east-1:123456789012:task-definition/worker:1';
    nock(API)
      .get(`${REPO}/deployments`)
      .query(true)
      .reply(200, [
        { id: 9, payload: payload({ services: ['worker-blue', 'worker-green'], task_definition_arn: worker }) },
        { id: 8, payload: payload({ cluster: 'batch' }) },
        { id: 7, payload: payload({ services: ['web-blue'] }) },
        {
          id: 6,
          payload: payload({ account: '999999999999', task_definition_arn: 'arn:aws:ecs:us-east-1:999999999999:task-definition/web:9' }),
        },
        {
          id: 5,
          payload: payload({ region: 'eu-west-1', task_definition_arn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:9' }),
        },
        { id: 3, payload: payload({ services: ['web-green', 'web-blue'] }) },
      ])
      .get(`${REPO}/deployments/3/statuses`)
      .query(true)
      .reply(200, [{ state: 'success' }]);
    const { deployments, warnings } = record();
    expect(await deployments.lastSuccessful('production', SCOPE)).toBe(ARN);
    expect(warnings).toEqual([]);
  });

  it('lastSuccessful: a crafted payload is never trusted and never printed raw', async () => {
    const injected = 'web:1\n::warning::pwned\n::add-mask::x';
    nock(API)
      .get(`${REPO}/deployments`)
      .query(true)
      .reply(200, [
        // An ARN that is not anchored: a command after a newline.
        { id: 14, payload: payload({ task_definition_arn: `${ARN}\n::set-output name=x::y` }) },
        // An ARN of another account than the one the payload names.
        { id: 13, payload: payload({ task_definition_arn: 'arn:aws:ecs:us-east-1:999999999999:task-definition/web:1' }) },
        // A key this suite never writes, named to inject.
        { id: 12, payload: { ...payload(), ['\n::error::key']: 1 } },
        { id: 11, payload: { ...payload(), strategy: injected } },
        { id: 10, payload: '{"cluster": "prod", \n::error::not json' },
        { id: 3, payload: payload() },
      ])
      .get(`${REPO}/deployments/3/statuses`)
      .query(true)
      .reply(200, [{ state: 'success' }]);
    const { deployments, warnings } = record();
    expect(await deployments.lastSuccessful('production', SCOPE)).toBe(ARN);
    expect(warnings.map((w) => w.replace(/:.*/s, ''))).toEqual(
      [14, 13, 12, 11, 10].map((id) => `Ignored deployment ${id} of "production"`),
    );
    for (const warning of warnings) {
      expect(warning.split(/\r\n|\r|\n/)).toHaveLength(1);
      expect(warning).not.toContain('pwned');
    }
  });

  it('start: the payload carries what last-successful checks: cluster and services by name, partition, region, account', async () => {
    let sent: Record<string, unknown> = {};
    nock(API)
      .post(`${REPO}/deployments`, (body) => ((sent = body), true))
      .reply(201, { id: 12 })
      .post(`${REPO}/deployments/12/statuses`)
      .reply(201, {});
    await record().deployments.start({ ...entry, cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' });
    expect(sent.payload).toEqual(payload());
  });

  it('lastSuccessful: undefined for an empty history; a DeployError naming the permission when it cannot read', async () => {
    nock(API).get(`${REPO}/deployments`).query(true).reply(200, []);
    expect(await record().deployments.lastSuccessful('production', SCOPE)).toBeUndefined();

    nock(API).get(`${REPO}/deployments`).query(true).reply(403, FORBIDDEN);
    const failure = record().deployments.lastSuccessful('production', SCOPE);
    await expect(failure).rejects.toThrow('Could not read the deployment record of environment "production"');
    await expect(failure).rejects.toMatchObject({ fix: expect.stringMatching(/permissions: deployments: read/) });
  });
});
