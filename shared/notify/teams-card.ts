import type { ReleaseEvent } from './event.ts';
import { facts, gateLines, HEADLINES } from './render.ts';

/**
 * A Teams message for a Workflows "When a Teams webhook request is received" trigger: it takes
 * Adaptive Cards only (the retired Office 365 connectors took MessageCard).
 */
export function teamsMessage(event: ReleaseEvent): unknown {
  const gates = gateLines(event);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', size: 'Large', weight: 'Bolder', text: HEADLINES[event.event], wrap: true },
            { type: 'TextBlock', text: event.summary, wrap: true },
            { type: 'FactSet', facts: facts(event).map(([title, value]) => ({ title, value })) },
            ...(gates.length ? [{ type: 'TextBlock', text: gates.join('\n\n'), wrap: true }] : []),
          ],
          actions: event.runUrl ? [{ type: 'Action.OpenUrl', title: 'Open the run', url: event.runUrl }] : [],
        },
      },
    ],
  };
}
