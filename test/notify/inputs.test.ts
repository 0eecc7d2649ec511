import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors.ts';
import { readInputs } from '../../shared/inputs/read.ts';
import { checkNotify, notifyInputs, notifySecrets } from '../../shared/notify/inputs.ts';

const read = (given: Record<string, string>) => {
  const values = readInputs(notifyInputs, (name) => given[name] ?? '');
  checkNotify(values);
  return values;
};
const fails = (given: Record<string, string>): string => {
  try {
    read(given);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('notification inputs', () => {
  it('accepts each target', () => {
    expect(read({ 'slack-bot-token': 'xoxb-1234567890-abcdef', 'slack-channel': '#deploys' })['slack-channel']).toBe('#deploys');
    expect(
      read({ 'notify-webhook-url': 'https://hooks.example.com/x', 'notify-webhook-secret': 'sixteen-chars-ok' })['notify-webhook-url'],
    ).toBe('https://hooks.example.com/x');
  });

  it.each([
    [{ 'slack-webhook-url': 'http://hooks.slack.com/services/T/B/secretpart' }, 'slack-webhook-url', 'secretpart'],
    [{ 'teams-webhook-url': 'not a url secretpart' }, 'teams-webhook-url', 'secretpart'],
    [{ 'notify-webhook-url': 'https://ok.example.com/x\n::error::secretpart' }, 'notify-webhook-url', 'secretpart'],
    [{ 'slack-bot-token': 'secretpart-token', 'slack-channel': '#d' }, 'slack-bot-token', 'secretpart'],
    [{ 'slack-bot-token': 'xoxb-secretpart\nmore', 'slack-channel': '#d' }, 'slack-bot-token', 'secretpart'],
    [
      { 'notify-webhook-url': 'https://ok.example.com/x', 'notify-webhook-secret': 'short-secretpart'.slice(0, 10) },
      'notify-webhook-secret',
      'short',
    ],
    [
      { 'notify-webhook-url': 'https://ok.example.com/x', 'notify-webhook-secret': 'has spaces secretpart inside' },
      'notify-webhook-secret',
      'secretpart',
    ],
  ])('refuses a bad secret input without echoing it: %j', (given, input, hidden) => {
    const message = fails(given);
    expect(message).toMatch(new RegExp(`^Input "${input}": `));
    expect(message).not.toContain(hidden);
  });

  it.each([
    [{ 'slack-bot-token': 'xoxb-1234567890-abcdef' }, 'slack-channel'],
    [{ 'slack-channel': '#deploys' }, 'slack-bot-token'],
    [{ 'notify-webhook-secret': 'sixteen-chars-ok' }, 'notify-webhook-url'],
    [{ 'slack-bot-token': 'xoxb-1234567890-abcdef', 'slack-channel': '#deploys\n::warning::x' }, 'slack-channel'],
  ])('refuses %j naming %s', (given, input) => {
    expect(fails(given)).toMatch(new RegExp(`^Input "${input}": `));
  });

  it('lists every secret so the runner can mask it', () => {
    const values = read({
      'slack-bot-token': 'xoxb-1234567890-abcdef',
      'slack-channel': '#d',
      'notify-webhook-url': 'https://ok.example.com/x',
      'notify-webhook-secret': 'sixteen-chars-ok',
    });
    expect(notifySecrets(values)).toEqual(['xoxb-1234567890-abcdef', 'https://ok.example.com/x', 'sixteen-chars-ok']);
  });
});
