import type { ReleaseEvent, ReleaseEventName } from './event.ts';

/** The words and mark every target uses for an event, so Slack, Teams and logs agree. */
export const HEADLINES: Record<ReleaseEventName, string> = {
  started: '🚀 Release started',
  step: '➡️ Traffic step',
  'awaiting-approval': '⏸️ Awaiting approval',
  promoted: '✅ Promoted',
  'rolled-back': '↩️ Rolled back',
  succeeded: '✅ Succeeded',
  failed: '❌ Failed',
  cancelled: '🛑 Cancelled',
};

/** `web:42` from a task definition ARN: what a person recognises. */
export function revisionOf(arn: string | undefined): string | undefined {
  return arn?.split('/').pop();
}

/** Label/value pairs every rich target shows; values are the event's own text, not yet escaped. */
export function facts(event: ReleaseEvent): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Action', event.action],
    ['Environment', event.environment],
    ['Cluster', event.cluster],
    ['Services', event.services.join(', ')],
    ['Version', revisionOf(event.taskDefinitionArn)],
    ['Previous', revisionOf(event.previousTaskDefinitionArn)],
    [
      'Traffic',
      event.weights &&
        Object.entries(event.weights)
          .map(([service, weight]) => `${service} ${weight}%`)
          .join(' · '),
    ],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}

export function gateLines(event: ReleaseEvent): string[] {
  return event.gates.map(
    (g) => `${g.verdict === 'pass' ? '✅' : g.verdict === 'fail' ? '❌' : '❔'} ${g.name}: ${g.observed} (${g.threshold})`,
  );
}

/** One line for a plain-text target. */
export function plainText(event: ReleaseEvent): string {
  return `${HEADLINES[event.event]}: ${event.summary}`;
}
