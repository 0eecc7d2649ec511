import type { ReleaseEvent } from './event.ts';
import { facts, gateLines, HEADLINES, plainText } from './render.ts';

/** Slack's mrkdwn treats &, < and > as markup; text from the run must stay text. */
const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Block Kit message: `text` is the fallback for notifications, `blocks` what the channel shows. */
export function slackMessage(event: ReleaseEvent): { text: string; blocks: unknown[] } {
  const gates = gateLines(event);
  return {
    text: esc(plainText(event)),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: HEADLINES[event.event], emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: esc(event.summary) } },
      { type: 'section', fields: facts(event).map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${esc(value)}` })) },
      ...(gates.length ? [{ type: 'section', text: { type: 'mrkdwn', text: gates.map(esc).join('\n') } }] : []),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: [event.runUrl ? `<${event.runUrl}|Open the run>` : undefined, event.timestamp].filter(Boolean).join(' · '),
          },
        ],
      },
    ],
  };
}
