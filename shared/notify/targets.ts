import { createHmac } from 'node:crypto';
import { post } from './http.ts';
import { slackMessage } from './slack-blocks.ts';
import type { NotifyTarget } from './target.ts';
import { teamsMessage } from './teams-card.ts';

/** The header that carries the generic webhook's signature (documented in docs/notifications.md). */
export const SIGNATURE_HEADER = 'x-ecs-deploy-signature-256';

/** `sha256=<hex HMAC-SHA256 of the exact body>`, as GitHub signs its own webhooks. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The generic JSON webhook: the event as is, optionally signed. */
export function webhookTarget(url: string, secret?: string): NotifyTarget {
  return {
    name: 'webhook',
    send: (event, signal) => {
      const body = JSON.stringify(event);
      return post(url, body, signal, secret ? { [SIGNATURE_HEADER]: signature(secret, body) } : {});
    },
  };
}

/** A Slack incoming webhook: it can only post, so every state change is a new message. */
export function slackWebhookTarget(url: string): NotifyTarget {
  return { name: 'Slack webhook', send: (event, signal) => post(url, JSON.stringify(slackMessage(event)), signal) };
}

/** A Microsoft Teams Workflows webhook. */
export function teamsTarget(url: string): NotifyTarget {
  return { name: 'Teams', send: (event, signal) => post(url, JSON.stringify(teamsMessage(event)), signal) };
}

/** The part of Slack's WebClient this target uses (a fake in tests, @slack/web-api in the bundle). */
export interface SlackChat {
  postMessage(args: { channel: string; text: string; blocks: unknown[] }): Promise<{ ts?: string; channel?: string }>;
  update(args: { channel: string; ts: string; text: string; blocks: unknown[] }): Promise<unknown>;
}

/**
 * Slack with a bot token: one message per release, updated in place. The message's `ts` is
 * handed to `remember` so a post step can keep updating the same message.
 */
export function slackBotTarget(
  chat: SlackChat,
  channel: string,
  thread: { channel?: string; ts?: string; remember?: (saved: string) => void } = {},
): NotifyTarget {
  let ts = thread.ts;
  // postMessage answers with the channel ID; chat.update wants that, not the name.
  let target = thread.channel ?? channel;
  return {
    name: 'Slack',
    send: async (event, signal) => {
      const message = slackMessage(event);
      const call = ts ? chat.update({ channel: target, ts, ...message }) : chat.postMessage({ channel, ...message });
      const answer = (await untilAborted(call, signal)) as { ts?: string; channel?: string };
      if (!ts && answer.ts) {
        ts = answer.ts;
        target = answer.channel ?? channel;
        thread.remember?.(`${target}/${ts}`);
      }
    },
  };
}

/** Restores a saved `channel/ts` pair. */
export function savedThread(saved: string | undefined): { channel?: string; ts?: string } {
  const [channel, ts] = saved?.split('/') ?? [];
  return channel && ts ? { channel, ts } : {};
}

/** The Slack client has no per-call signal: stop waiting when the attempt's time is up. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('no answer in time'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
