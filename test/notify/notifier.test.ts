import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notifier } from '../../shared/notify/notifier.ts';
import { SIGNATURE_HEADER, slackWebhookTarget, teamsTarget, webhookTarget } from '../../shared/notify/targets.ts';
import { notifierFor } from '../../shared/notify/wiring.ts';
import { PROMOTION, releaseEvent } from './events.ts';
import { receiver, type Receiver } from '../../sandbox/rehearsal/receivers.ts';

const open: Receiver[] = [];
async function start(behaviour: Parameters<typeof receiver>[0]): Promise<Receiver> {
  const r = await receiver(behaviour);
  open.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const SECRET = 'a-very-secret-signing-key';
const TOKEN = 'xoxb-1234567890-abcdefghijkl';

describe('generic webhook', () => {
  it('sends every field of the documented event, in order, signed with HMAC-SHA256 of the exact body', async () => {
    const hook = await start('ok');
    const notifier = new Notifier([webhookTarget(hook.url, SECRET)], { attemptMs: 2_000, warn: () => {} });
    for (const name of PROMOTION) notifier.notify(releaseEvent(name));
    await notifier.flush(5_000);

    expect(hook.json().map((e) => e.event)).toEqual(PROMOTION);
    expect(Object.keys(hook.json()[0]!).sort()).toEqual(
      [
        'action',
        'cluster',
        'environment',
        'event',
        'gates',
        'previousTaskDefinitionArn',
        'result',
        'runUrl',
        'services',
        'summary',
        'taskDefinitionArn',
        'timestamp',
        'weights',
      ].sort(),
    );
    for (const request of hook.received) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
      expect(request.headers[SIGNATURE_HEADER]).toBe(expected);
    }
  });

  it('sends no signature header without a secret', async () => {
    const hook = await start('ok');
    const notifier = new Notifier([webhookTarget(hook.url)], { attemptMs: 2_000, warn: () => {} });
    notifier.notify(releaseEvent('started'));
    await notifier.flush(5_000);
    expect(hook.received[0]!.headers[SIGNATURE_HEADER]).toBeUndefined();
  });
});

describe('Slack and Teams webhooks', () => {
  it('posts one Block Kit message per state change to a Slack incoming webhook, with the run link', async () => {
    const slack = await start('ok');
    const notifier = new Notifier([slackWebhookTarget(slack.url)], { attemptMs: 2_000, warn: () => {} });
    for (const name of ['started', 'step', 'rolled-back'] as const) notifier.notify(releaseEvent(name));
    await notifier.flush(5_000);
    const sent = slack.json() as { text: string; blocks: { type: string; text?: { text: string } }[] }[];
    expect(sent.map((m) => m.blocks[0]!.text?.text)).toEqual(['🚀 Release started', '➡️ Traffic step', '↩️ Rolled back']);
    expect(JSON.stringify(sent[2]!)).toContain('<https://github.com/acme/web/actions/runs/1|Open the run>');
  });

  it('escapes Slack markup in text that comes from the run', async () => {
    const slack = await start('ok');
    const notifier = new Notifier([slackWebhookTarget(slack.url)], { attemptMs: 2_000, warn: () => {} });
    notifier.notify(releaseEvent('failed', { summary: 'gate <!channel> & <https://evil.example|click>' }));
    await notifier.flush(5_000);
    expect(slack.received[0]!.body).not.toContain('<!channel>');
    expect(slack.received[0]!.body).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });

  it('sends Teams an Adaptive Card, the only format Workflows webhooks take', async () => {
    const teams = await start('ok');
    const notifier = new Notifier([teamsTarget(teams.url)], { attemptMs: 2_000, warn: () => {} });
    notifier.notify(releaseEvent('promoted'));
    await notifier.flush(5_000);
    const message = teams.json()[0] as unknown as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: unknown[]; actions: unknown[] } }[];
    };
    expect(message.type).toBe('message');
    expect(message.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(message.attachments[0]!.content.type).toBe('AdaptiveCard');
    expect(message.attachments[0]!.content.body[0]).toMatchObject({ type: 'TextBlock', text: '✅ Promoted' });
    expect(message.attachments[0]!.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the run', url: 'https://github.com/acme/web/actions/runs/1' },
    ]);
  });
});

describe('Slack with a bot token', () => {
  async function slackRun(events: Parameters<typeof releaseEvent>[0][], saved?: string) {
    const api = await start('slack');
    const remembered: string[] = [];
    const notifier = await notifierFor(
      { 'slack-bot-token': TOKEN, 'slack-channel': '#deploys' },
      { warn: () => {}, slackApiUrl: api.url, slackThread: saved, rememberSlackThread: (s) => remembered.push(s) },
    );
    for (const name of events) notifier.notify(releaseEvent(name));
    await notifier.flush(10_000);
    const calls = api.received.map((r) => ({
      method: r.path.replace('/', ''),
      form: new URLSearchParams(r.body),
      auth: r.headers.authorization,
    }));
    return { calls, remembered };
  }

  it('posts one message per release and updates it in place at each change (promotion)', async () => {
    const { calls, remembered } = await slackRun(PROMOTION);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.update', 'chat.update']);
    expect(calls[0]!.form.get('channel')).toBe('#deploys');
    // Updates address the message by the channel ID and ts that postMessage answered.
    expect(calls.slice(1).map((c) => [c.form.get('channel'), c.form.get('ts')])).toEqual(Array(3).fill(['C0DEPLOYS', '1700000000.001']));
    expect(calls.every((c) => c.auth === `Bearer ${TOKEN}`)).toBe(true);
    expect(JSON.parse(calls[3]!.form.get('blocks') ?? '[]')[0].text.text).toBe('✅ Promoted');
    expect(remembered).toEqual(['C0DEPLOYS/1700000000.001']);
  });

  it("reads Slack's API address from SLACK_API_URL when the wiring names none (as the runner leaves it)", async () => {
    const api = await start('slack');
    vi.stubEnv('SLACK_API_URL', api.url);
    try {
      const notifier = await notifierFor({ 'slack-bot-token': TOKEN, 'slack-channel': '#deploys' }, { warn: () => {} });
      notifier.notify(releaseEvent('started'));
      await notifier.flush(10_000);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(api.received.map((r) => r.path)).toEqual(['/chat.postMessage']);
  });

  it('a rollback ends the same message as rolled back', async () => {
    const { calls } = await slackRun(['started', 'step', 'rolled-back']);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.update']);
    expect(JSON.parse(calls[2]!.form.get('blocks') ?? '[]')[0].text.text).toBe('↩️ Rolled back');
  });

  it('a post step after a cancel updates the message the main step started', async () => {
    const { calls } = await slackRun(['cancelled'], 'C0DEPLOYS/1700000000.777');
    expect(calls.map((c) => [c.method, c.form.get('ts')])).toEqual([['chat.update', '1700000000.777']]);
    expect(JSON.parse(calls[0]!.form.get('blocks') ?? '[]')[0].text.text).toBe('🛑 Cancelled');
  });
});

describe('a notification never fails or holds up a release', () => {
  it('a receiver that answers 500 is warned about once, without its URL, and later events still go out', async () => {
    const broken = await start('fail');
    const warnings: string[] = [];
    const notifier = new Notifier([webhookTarget(broken.url, SECRET)], { attemptMs: 2_000, warn: (m) => warnings.push(m) });
    for (const name of PROMOTION) expect(notifier.notify(releaseEvent(name))).toBeUndefined();
    await notifier.flush(5_000);
    expect(broken.received).toHaveLength(4);
    expect(warnings).toEqual(['webhook notification not delivered (HTTP 500); the release goes on without it']);
  });

  it('a receiver that never answers costs one bounded attempt: it is dropped, warned once, and the others still get every event', async () => {
    const silent = await start('hang');
    const healthy = await start('ok');
    const warnings: string[] = [];
    const notifier = new Notifier([webhookTarget(silent.url), teamsTarget(healthy.url)], { attemptMs: 300, warn: (m) => warnings.push(m) });
    for (const name of PROMOTION) notifier.notify(releaseEvent(name));
    await notifier.flush(5_000);
    expect(silent.received).toHaveLength(1);
    expect(healthy.received).toHaveLength(4);
    expect(warnings).toEqual(['webhook notification not delivered (no answer within 0.3s); the release goes on without it']);
  });

  it('flush abandons what is still in flight when its budget is spent', async () => {
    const silent = await start('hang');
    const notifier = new Notifier([webhookTarget(silent.url)], { attemptMs: 60_000, warn: () => {} });
    notifier.notify(releaseEvent('started'));
    let settled = false;
    const flushing = notifier.flush(200).then(() => (settled = true));
    await flushing;
    expect(settled).toBe(true);
    expect(silent.received).toHaveLength(1);
  });

  it('never prints a token or a webhook URL', async () => {
    const broken = await start('fail');
    const warnings: string[] = [];
    const url = `${broken.url}services/T000/B000/XXXXsecretXXXX`;
    const notifier = new Notifier([slackWebhookTarget(url), teamsTarget(url), webhookTarget(url, SECRET)], {
      attemptMs: 2_000,
      warn: (m) => warnings.push(m),
    });
    notifier.notify(releaseEvent('failed'));
    await notifier.flush(5_000);
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).not.toMatch(/XXXXsecretXXXX|127\.0\.0\.1|a-very-secret/);
  });

  it('no targets: nothing is sent and nothing waits', async () => {
    const notifier = await notifierFor({}, { warn: () => {} });
    expect(notifier.enabled).toBe(false);
    notifier.notify(releaseEvent('started'));
    await notifier.flush(1);
  });
});
