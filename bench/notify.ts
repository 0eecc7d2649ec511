/**
 * Notification time added to a canary: the same canary (steps 50,100) on the sandbox without
 * notifications, with a webhook and a Slack-like API that answer at once, and with one receiver
 * that answers 500 and one that never answers. Wall time of the step, median of 3.
 *   npm exec -- node bench/notify.ts     (prints; `npm run bench -- notify` updates RESULTS.md)
 */
import { startLoad, startSandbox } from '../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, sandboxEnv, workspace, writeRelease } from '../sandbox/rehearsal/rehearsal.ts';
import { runBundle } from '../sandbox/rehearsal/run-bundle.ts';
import { receiver } from '../sandbox/rehearsal/receivers.ts';

const RUNS = 3;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function canaryMs(targets: (urls: { ok: string; slack: string; fail: string; hang: string }) => Record<string, string>) {
  const times: number[] = [];
  const results: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [ok, slack, fail, hang] = await Promise.all([receiver('ok'), receiver('slack'), receiver('fail'), receiver('hang')]);
    const sandbox = await startSandbox(FAST_SANDBOX);
    const load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 40 });
    const dir = workspace();
    const inputs = {
      ...canaryInputs(sandbox, writeRelease(dir, sandbox, 'v2'), { steps: '50,100', 'bake-time': '3s', 'poll-interval': '1s' }),
      ...targets({ ok: ok.url, slack: slack.url, fail: fail.url, hang: hang.url }),
    };
    const started = Date.now();
    const result = await runBundle('canary', { inputs, env: { ...sandboxEnv(sandbox, dir), SLACK_API_URL: slack.url } });
    times.push(Date.now() - started);
    results.push(result.outputs.result ?? `exit ${result.code}`);
    await load.stop();
    await sandbox.stop();
    await Promise.all([ok, slack, fail, hang].map((r) => r.close()));
  }
  return { ms: median(times), results: [...new Set(results)].join(', ') };
}

export async function benchNotify(): Promise<string[]> {
  const none = await canaryMs(() => ({}));
  const rows = [
    ['none', none],
    [
      'webhook + Slack bot (answer at once)',
      await canaryMs((u) => ({ 'notify-webhook-url': u.ok, 'slack-bot-token': 'xoxb-1234567890-benchtoken', 'slack-channel': '#deploys' })),
    ],
    ['one answers 500, one never answers', await canaryMs((u) => ({ 'notify-webhook-url': u.fail, 'teams-webhook-url': u.hang }))],
  ] as const;
  return [
    `Canary bundle on the sandbox, steps 50,100, bake 3 s, poll 1 s; median wall time of ${RUNS} runs each.`,
    '',
    '| Notifications | Step wall time | Added | Result |',
    '|---|---:|---:|---|',
    ...rows.map(([name, r]) => `| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${((r.ms - none.ms) / 1000).toFixed(2)} s | ${r.results} |`),
    '',
    'Delivery runs in the background; the end of the run waits at most 3 s (1.5 s after a cancel) for what is queued.',
  ];
}

if (import.meta.main) console.log((await benchNotify()).join('\n'));
