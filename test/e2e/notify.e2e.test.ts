/**
 * Notifications as the canary bundle sends them, against the sandbox: the sequence a team sees
 * for a promotion, a rollback and a cancel, each final message sent only once traffic is where it
 * says; and receivers that fail or never answer change nothing about the deployment.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle, startBundle } from '../../sandbox/rehearsal/run-bundle.ts';
import { receiver, type Receiver } from '../../sandbox/rehearsal/receivers.ts';

const TOKEN = 'xoxb-1234567890-notifye2etoken';
const SECRET = 'e2e-webhook-signing-secret';

let sandbox: Sandbox;
let load: LoadHandle;
let dir: string;
const open: Receiver[] = [];

beforeEach(async () => {
  sandbox = await startSandbox(FAST_SANDBOX);
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 40 });
  dir = workspace();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  await load.stop();
  await sandbox.stop();
});

/** A webhook receiver that notes, with each event, the listener's weights at the moment it arrived. */
async function hook(behaviour: 'ok' | 'fail' | 'hang' = 'ok') {
  const seen: { event: string; weights: { blue: number; green: number } }[] = [];
  const r = await receiver(behaviour, (request) => {
    seen.push({ event: (JSON.parse(request.body) as { event: string }).event, weights: liveWeights(sandbox) });
  });
  open.push(r);
  return { url: r.url, seen };
}

async function slack() {
  const r = await receiver('slack');
  open.push(r);
  return r;
}

const fast = { steps: '50,100', 'bake-time': '3s', 'poll-interval': '1s' };

describe('notifications from the canary bundle', () => {
  it('a promotion: started, each step after its weights are verified, promoted; one Slack message updated in place', async () => {
    const webhook = await hook();
    const api = await slack();
    const release = writeRelease(dir, sandbox, 'v2');
    const inputs = {
      ...canaryInputs(sandbox, release, fast),
      'notify-webhook-url': webhook.url,
      'notify-webhook-secret': SECRET,
      'slack-bot-token': TOKEN,
      'slack-channel': '#deploys',
    };
    const result = await runBundle('canary', { inputs, env: { ...sandboxEnv(sandbox, dir), SLACK_API_URL: api.url } });

    expect(result.outputs.result).toBe('promoted');
    expect(webhook.seen).toEqual([
      { event: 'started', weights: { blue: 100, green: 0 } },
      { event: 'step', weights: { blue: 50, green: 50 } },
      { event: 'step', weights: { blue: 0, green: 100 } },
      { event: 'promoted', weights: { blue: 0, green: 100 } },
    ]);
    expect(api.received.map((r) => r.path)).toEqual(['/chat.postMessage', '/chat.update', '/chat.update', '/chat.update']);
    // Masked before anything could print them: the only place they appear is the mask command itself.
    for (const secret of [TOKEN, SECRET, webhook.url]) {
      expect(result.stdout.split('\n').filter((l) => l.includes(secret) && !l.startsWith('::add-mask::'))).toEqual([]);
    }
  }, 90_000);

  it('a rollback is announced only once traffic is verified back on the previous version', async () => {
    const webhook = await hook();
    const release = writeRelease(dir, sandbox, 'v2', { FAULT_RATE: '0.5' });
    const inputs = { ...canaryInputs(sandbox, release, { ...fast, alarms: '' }), 'notify-webhook-url': webhook.url };
    const result = await runBundle('canary', { inputs, env: sandboxEnv(sandbox, dir) });

    expect(result.outputs.result).toBe('rolled-back');
    expect(webhook.seen).toEqual([
      { event: 'started', weights: { blue: 100, green: 0 } },
      { event: 'rolled-back', weights: { blue: 100, green: 0 } },
    ]);
  }, 90_000);

  it('a cancel mid-bake: traffic restored first, then "cancelled"', async () => {
    const webhook = await hook();
    const release = writeRelease(dir, sandbox, 'v2');
    const inputs = { ...canaryInputs(sandbox, release, { ...fast, 'bake-time': '60s' }), 'notify-webhook-url': webhook.url };
    const run = startBundle('canary', { inputs, env: sandboxEnv(sandbox, dir) });
    const deadline = Date.now() + 60_000;
    while (liveWeights(sandbox).green !== 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGINT');
    const result = await run.done;

    expect(result.outputs.result).toBe('rolled-back');
    expect(webhook.seen.map((s) => s.event)).toEqual(['started', 'cancelled']);
    expect(webhook.seen.at(-1)!.weights).toEqual({ blue: 100, green: 0 });
  }, 90_000);

  it('receivers that answer 500 or never answer change nothing: promoted, each warned about once', async () => {
    const broken = await hook('fail');
    const silent = await hook('hang');
    const release = writeRelease(dir, sandbox, 'v2');
    const inputs = { ...canaryInputs(sandbox, release, fast), 'notify-webhook-url': broken.url, 'teams-webhook-url': silent.url };
    const result = await runBundle('canary', { inputs, env: sandboxEnv(sandbox, dir) });

    expect(result.code).toBe(0);
    expect(result.outputs.result).toBe('promoted');
    expect(liveWeights(sandbox)).toEqual({ blue: 0, green: 100 });
    const warnings = result.stdout.split('\n').filter((l) => l.startsWith('::warning::') && l.includes('notification not delivered'));
    expect(warnings).toEqual([
      expect.stringContaining('webhook notification not delivered (HTTP 500)'),
      expect.stringContaining('Teams notification not delivered (no answer within 3s)'),
    ]);
    expect(silent.seen).toHaveLength(1);
  }, 90_000);
});
