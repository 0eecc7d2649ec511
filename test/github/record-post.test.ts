/**
 * A main step killed outright never closes its GitHub deployment entry: the main step saves the
 * entry as soon as it exists, and the post step closes what was left open. In-process, against
 * a loopback GitHub API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup as canaryCleanup } from '../../actions/canary/action.ts';
import { cleanup as rollbackCleanup } from '../../actions/rollback/action.ts';
import { State } from '../../shared/constants.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { parseFileCommand } from '../../sandbox/rehearsal/run-bundle.ts';
import { githubStub, type GitHubStub } from '../actions/blue-green/github-stub.ts';
import { taskDef } from '../../sandbox/rehearsal/engine-fakes.ts';
import { inProcessRunner } from '../support/in-process-runner.ts';

let github: GitHubStub;

beforeAll(async () => {
  github = await githubStub();
});
afterAll(() => github.close());

const step = inProcessRunner(() => ({
  GITHUB_API_URL: github.url,
  GITHUB_REPOSITORY: 'acme/web',
  GITHUB_SHA: 'a1b2c3d',
  GITHUB_RUN_ID: '42',
  'INPUT_GITHUB-TOKEN': 'ghs_test',
}));
beforeEach(() => void (github.requests.length = 0));

const savedState = () => parseFileCommand(readFileSync(join(step.dir, 'state'), 'utf8'));
const statuses = () => github.requests.filter((r) => r.method === 'POST' && /\/statuses$/.test(r.path));

/** A recorded action whose run names its task definition, then does what `then` says. */
function recordedSpec(then: () => Promise<void>): ActionSpec<object, { action: string; result: string }> {
  return {
    inputs: () => ({}),
    record: () => ({
      inputs: { environment: 'production', 'github-token': 'ghs_test' },
      run: { strategy: 'canary', cluster: 'demo', services: ['web-blue', 'web-green'] },
    }),
    run: async (_inputs, context) => {
      await context.onTaskDefinition(taskDef(2));
      await then();
      return { report: { action: 'canary', result: 'promoted', services: { blue: 'web-blue', green: 'web-green' } } } as never;
    },
    outputs: () => ({}),
    summary: () => '',
  };
}

describe('the deployment entry a main step opens', () => {
  it('is saved for the post step as soon as it exists, and emptied once the main step closes it', async () => {
    let whileRunning: Record<string, string> = {};
    await runAction(recordedSpec(async () => void (whileRunning = savedState())));

    // A SIGKILL at this point would leave exactly this for the post step.
    expect(JSON.parse(whileRunning[State.Record]!)).toEqual({ id: 100, environment: 'production', repository: 'acme/web' });
    expect(savedState()[State.Record]).toBe('');
    expect(statuses().map((r) => r.body?.state)).toEqual(['in_progress', 'success']);
  });
});

describe('the post step of a killed main step', () => {
  const leftOpen = JSON.stringify({ id: 100, environment: 'production', repository: 'acme/web' });

  it('closes the entry as failure, saying the main step did not finish and that nothing needed restoring', async () => {
    Object.assign(process.env, { [`STATE_${State.Record}`]: leftOpen, [`STATE_${State.Phase}`]: 'done' });
    await canaryCleanup();

    expect(process.exitCode).toBeUndefined();
    expect(statuses()).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/web/deployments/100/statuses',
        body: {
          state: 'failure',
          description: 'The main step did not finish; the post step found nothing to restore',
          auto_inactive: false,
          log_url: 'https://github.com/acme/web/actions/runs/42',
        },
      },
    ]);
    expect(step.stdout.join('')).toContain('Closing GitHub deployment 100 (production) as failure');
  });

  it('says the traffic could not be restored when the restore failed, and still fails the step', async () => {
    process.env[`STATE_${State.Record}`] = leftOpen;
    await runCleanup(
      closingLeftRecord(async () => {
        throw new Error('elasticloadbalancing:ModifyListener failed: AccessDenied');
      }),
    );

    expect(process.exitCode).toBe(1);
    expect(statuses().map((r) => [r.body?.state, r.body?.description])).toEqual([
      [
        'failure',
        'The main step did not finish; the post step could NOT restore traffic: elasticloadbalancing:ModifyListener failed: AccessDenied',
      ],
    ]);
  });

  it('rollback (whose one write needs no restore) closes the entry a killed main step left open', async () => {
    process.env[`STATE_${State.Record}`] = leftOpen;
    await rollbackCleanup();
    expect(statuses().map((r) => [r.body?.state, r.body?.description])).toEqual([
      ['failure', 'The main step did not finish; the post step moved no traffic'],
    ]);
  });

  it('leaves the record alone when the main step closed its entry (or recorded nothing)', async () => {
    Object.assign(process.env, { [`STATE_${State.Record}`]: '', [`STATE_${State.Phase}`]: 'done' });
    await canaryCleanup();
    await rollbackCleanup();
    expect(github.requests).toEqual([]);
    expect(step.stdout.join('')).toMatch(/Nothing to restore/);
  });
});
