import { InputError } from '../errors.ts';
import { field, invalid, optional, text } from '../inputs/fields.ts';

/**
 * A URL that is a secret (webhook URLs carry their credential in the path): https only (plain
 * http only on loopback, for local rehearsal), one line, and never echoed in an error.
 */
const secretUrl = () =>
  field((value, ctx) => {
    let url: URL | undefined;
    try {
      url = /\s/.test(value) ? undefined : new URL(value);
    } catch {
      url = undefined;
    }
    const loopback = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost' || url?.hostname === '[::1]';
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
      return invalid(ctx, 'is not an https:// URL (the value is a secret and is not shown): pass it from a secret');
    return url.toString();
  });

/** A token or key: one line, printable, never echoed. */
const secret = (pattern: RegExp, hint: string) =>
  field((value, ctx) => (pattern.test(value) ? value : invalid(ctx, `is not valid (the value is a secret and is not shown): ${hint}`)));

/** The notification inputs of every action that changes production. */
export const notifyInputs = {
  'slack-bot-token': optional(secret(/^xox[bpe]-[A-Za-z0-9-]{10,250}$/, 'expected a Slack bot token starting with xoxb-')),
  'slack-channel': optional(text(/^#?[A-Za-z0-9._-]{1,80}$/, 'expected a channel name like #deploys or an ID like C0123456789')),
  'slack-webhook-url': optional(secretUrl()),
  'teams-webhook-url': optional(secretUrl()),
  'notify-webhook-url': optional(secretUrl()),
  'notify-webhook-secret': optional(secret(/^[\x21-\x7e]{16,256}$/, 'expected 16 to 256 printable characters without spaces')),
};

export interface NotifyValues {
  'slack-bot-token'?: string;
  'slack-channel'?: string;
  'slack-webhook-url'?: string;
  'teams-webhook-url'?: string;
  'notify-webhook-url'?: string;
  'notify-webhook-secret'?: string;
}

/** The pairs that only make sense together. */
export function checkNotify(values: NotifyValues): void {
  if (values['slack-bot-token'] && !values['slack-channel'])
    throw new InputError('slack-channel', 'is required with slack-bot-token: give the channel the bot posts to');
  if (values['slack-channel'] && !values['slack-bot-token'])
    throw new InputError('slack-bot-token', 'is required with slack-channel (or use slack-webhook-url, which names its channel itself)');
  if (values['notify-webhook-secret'] && !values['notify-webhook-url'])
    throw new InputError('notify-webhook-url', 'is required with notify-webhook-secret: the secret signs what is sent there');
}

/** Every secret among the inputs, for core.setSecret before anything can print them. */
export const notifySecrets = (values: NotifyValues): string[] =>
  [
    values['slack-bot-token'],
    values['slack-webhook-url'],
    values['teams-webhook-url'],
    values['notify-webhook-url'],
    values['notify-webhook-secret'],
  ].filter((v): v is string => Boolean(v));
