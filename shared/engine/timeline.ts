import type { Clock, Log } from './ports.ts';

export interface TimelineEntry {
  at: string;
  message: string;
}

/** What every run's report has, whatever the action: when it started and ended, how, and what happened. */
export interface RunRecord {
  startedAt: string;
  finishedAt?: string;
  result?: string;
  timeline: TimelineEntry[];
}

/** Collects a report as the run goes, and mirrors each timeline entry to the log. */
export class TimelineRecorder<R extends RunRecord> {
  readonly report: R;
  private readonly clock: Clock;
  private readonly log: Log;

  constructor(start: (startedAt: string) => R, clock: Clock, log: Log) {
    this.clock = clock;
    this.log = log;
    this.report = start(this.iso());
  }

  note(message: string): void {
    this.report.timeline.push({ at: this.iso(), message });
    this.log.info(message);
  }

  warn(message: string): void {
    this.report.timeline.push({ at: this.iso(), message: `⚠ ${message}` });
    this.log.warn(message);
  }

  finish(result: NonNullable<R['result']>): R {
    this.report.result = result;
    this.report.finishedAt = this.iso();
    return this.report;
  }

  protected iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
