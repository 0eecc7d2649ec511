import type { GateVerdict, ReleaseEvent, ReleaseEventName } from './event.ts';
import { runUrlFromEnv } from './event.ts';
import type { NotifyValues } from './inputs.ts';
import type { Notifier } from './notifier.ts';

/** Who a run is about: fixed for the whole run. */
export interface Subject {
  action: string;
  environment?: string;
  cluster: string;
  services: string[];
}

/** What a report says at a moment: versions, traffic as read back, the latest gate evidence. */
export interface ReportFacts {
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  weights?: Record<string, number>;
  gates?: GateVerdict[];
}

/** What an action declares to be announced: its notification inputs, its subject, and how to read its report. */
export interface NotifySpec<I, R> {
  subject(inputs: I): Subject;
  facts?(report: R): ReportFacts;
}

/**
 * The notify part of an action's spec: the inputs carry the notification settings, the subject
 * is the action on its cluster's services (and environment, for actions that take one).
 */
export function notifyAs<I extends NotifyValues & { cluster: string; environment?: string }, R>(
  action: string,
  services: (inputs: I) => string[],
  facts?: (report: R) => ReportFacts,
): NotifySpec<I, R> & { values(inputs: I): NotifyValues } {
  return {
    values: (inputs) => inputs,
    subject: (inputs) => ({ action, environment: inputs.environment, cluster: inputs.cluster, services: services(inputs) }),
    facts,
  };
}

/** How a run that ended is announced, from its result, its error and whether it was cancelled. */
export function finalEvent(report: { action: string; result?: string }, failed: boolean, cancelled: boolean): ReleaseEventName {
  if (cancelled) return 'cancelled';
  if (report.result === 'prepared' || report.result === 'paused') return 'awaiting-approval';
  if (report.result === 'rolled-back') return 'rolled-back';
  if (failed) return 'failed';
  // Deployments are promoted; a chaos experiment or a one-off task that went as asked has succeeded.
  return report.action === 'chaos' || report.action === 'run-task' ? 'succeeded' : 'promoted';
}

/** Turns a moment of the run into the event every target gets, and hands it to the notifier. */
export class Announcer<R> {
  private readonly notifier: Notifier;
  private readonly subject: Subject;
  private readonly facts: (report: R) => ReportFacts;
  private readonly now: () => number;

  constructor(notifier: Notifier, subject: Subject, facts: ((report: R) => ReportFacts) | undefined, now: () => number) {
    this.notifier = notifier;
    this.subject = subject;
    this.facts = facts ?? (() => ({}));
    this.now = now;
  }

  announce(event: ReleaseEventName, summary: string, report?: R, result = 'in-progress'): void {
    const facts = report ? this.facts(report) : {};
    const message: ReleaseEvent = {
      event,
      result,
      ...this.subject,
      ...facts,
      gates: facts.gates ?? [],
      runUrl: runUrlFromEnv(),
      timestamp: new Date(this.now()).toISOString(),
      summary,
    };
    this.notifier.notify(message);
  }

  flush(maxMs: number): Promise<void> {
    return this.notifier.flush(maxMs);
  }
}
