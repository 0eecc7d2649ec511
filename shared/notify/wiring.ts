import { Notifier } from './notifier.ts';
import type { NotifyValues } from './inputs.ts';
import { savedThread, slackBotTarget, slackWebhookTarget, teamsTarget, webhookTarget } from './targets.ts';
import type { NotifyTarget } from './target.ts';

/** One attempt at one target; a cancel's 7.5 s window must still fit the restore and a flush. */
export const NOTIFY_ATTEMPT_MS = 3_000;

export interface NotifyWiring {
  warn: (message: string) => void;
  /** The Slack message saved by an earlier step of this run (`channel/ts`). */
  slackThread?: string;
  rememberSlackThread?: (saved: string) => void;
  /** Slack's API address, else SLACK_API_URL, else Slack's own; tests point it at a loopback server. */
  slackApiUrl?: string;
}

/**
 * The notifier the inputs ask for. Slack's client is loaded only when a bot token is given,
 * so actions without Slack never pay for it.
 */
export async function notifierFor(values: NotifyValues, wiring: NotifyWiring): Promise<Notifier> {
  const targets: NotifyTarget[] = [];
  const token = values['slack-bot-token'];
  const channel = values['slack-channel'];
  if (token && channel) {
    const slackApiUrl = wiring.slackApiUrl ?? process.env.SLACK_API_URL;
    const { WebClient } = await import('@slack/web-api');
    const client = new WebClient(token, {
      timeout: NOTIFY_ATTEMPT_MS,
      retryConfig: { retries: 1, maxTimeout: 1_000 },
      ...(slackApiUrl ? { slackApiUrl } : {}),
    });
    targets.push(
      slackBotTarget(
        { postMessage: (args) => client.chat.postMessage(args as never), update: (args) => client.chat.update(args as never) },
        channel,
        { ...savedThread(wiring.slackThread), remember: wiring.rememberSlackThread },
      ),
    );
  }
  if (values['slack-webhook-url']) targets.push(slackWebhookTarget(values['slack-webhook-url']));
  if (values['teams-webhook-url']) targets.push(teamsTarget(values['teams-webhook-url']));
  if (values['notify-webhook-url']) targets.push(webhookTarget(values['notify-webhook-url'], values['notify-webhook-secret']));
  return new Notifier(targets, { attemptMs: NOTIFY_ATTEMPT_MS, warn: wiring.warn });
}
