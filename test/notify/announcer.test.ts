import { describe, expect, it } from 'vitest';
import { Announcer, finalEvent, notifyAs } from '../../shared/notify/announcer.ts';
import type { ReleaseEvent } from '../../shared/notify/event.ts';
import { Notifier } from '../../shared/notify/notifier.ts';

describe('how a run that ended is announced', () => {
  it.each([
    [{ action: 'canary', result: 'promoted' }, false, false, 'promoted'],
    [{ action: 'canary', result: 'rolled-back' }, true, false, 'rolled-back'],
    [{ action: 'canary', result: 'failed' }, true, false, 'failed'],
    [{ action: 'canary', result: 'rolled-back' }, true, true, 'cancelled'],
    [{ action: 'blue-green', result: 'prepared' }, false, false, 'awaiting-approval'],
    [{ action: 'rollback', result: 'rolled-back' }, false, false, 'rolled-back'],
    [{ action: 'rollback', result: 'already-live' }, false, false, 'promoted'],
    [{ action: 'run-task', result: 'succeeded' }, false, false, 'succeeded'],
    [{ action: 'run-task', result: 'failed' }, true, false, 'failed'],
    [{ action: 'chaos', result: 'recovered' }, false, false, 'succeeded'],
  ])('%j (error %s, cancelled %s) → %s', (report, failed, cancelled, event) => {
    expect(finalEvent(report, failed, cancelled)).toBe(event);
  });
});

describe('the announcer', () => {
  it('builds the documented event from the subject, the report facts and the run link', async () => {
    const sent: ReleaseEvent[] = [];
    const notifier = new Notifier([{ name: 'memory', send: async (e) => void sent.push(e) }], { attemptMs: 1_000, warn: () => {} });
    const env = { ...process.env };
    Object.assign(process.env, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '7' });
    const announcer = new Announcer<{ weights: number }>(
      notifier,
      { action: 'canary', environment: 'production', cluster: 'prod', services: ['a', 'b'] },
      (report) => ({ weights: { a: 100 - report.weights, b: report.weights } }),
      () => Date.UTC(2026, 11, 1),
    );
    announcer.announce('step', 'Step 1/2: 25 % on b', { weights: 25 });
    await announcer.flush(1_000);
    process.env = env;
    expect(sent).toEqual([
      {
        event: 'step',
        result: 'in-progress',
        action: 'canary',
        environment: 'production',
        cluster: 'prod',
        services: ['a', 'b'],
        weights: { a: 75, b: 25 },
        gates: [],
        runUrl: 'https://github.com/acme/web/actions/runs/7',
        timestamp: '2026-12-01T00:00:00.000Z',
        summary: 'Step 1/2: 25 % on b',
      },
    ]);
  });
});

describe('the notify part of a spec', () => {
  it('announces the action on its cluster, services and environment, with the inputs as the settings', () => {
    const notify = notifyAs(
      'canary',
      (inputs: { cluster: string; service: string; environment?: string }) => [inputs.service],
      () => ({
        taskDefinitionArn: 'td',
      }),
    );
    const inputs = { cluster: 'prod', service: 'web', environment: 'production' };
    expect(notify.values(inputs)).toBe(inputs);
    expect(notify.subject(inputs)).toEqual({ action: 'canary', environment: 'production', cluster: 'prod', services: ['web'] });
    expect(notify.facts?.({})).toEqual({ taskDefinitionArn: 'td' });
    // Actions without an environment input (chaos, run-task) name none.
    expect(JSON.stringify(notifyAs('chaos', () => ['web']).subject({ cluster: 'prod' }))).toBe(
      '{"action":"chaos","cluster":"prod","services":["web"]}',
    );
  });
});
