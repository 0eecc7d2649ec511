import type { Clock, Color, GateResult, Log, MetricPoint, Verdict } from './ports.ts';

/** A run as the job summary, the JSON report and the outputs see it. */
export interface Report {
  action: string;
  cluster: string;
  services: Record<Color, string>;
  startedAt: string;
  finishedAt?: string;
  result?: string;
  liveColor?: Color;
  previousColor?: Color;
  taskDefinitionArn?: string;
  /** What the previous color ran when the run started: what a rollback returns to. */
  previousTaskDefinitionArn?: string;
  /** Final weights by color. */
  weights?: Record<Color, number>;
  timeline: TimelineEntry[];
  steps: StepRecord[];
  error?: { what: string; why: string[]; fix?: string };
  /** Free-form facts an action adds (e.g. the test URL, the rollback reason). */
  facts: Record<string, string>;
}

export interface TimelineEntry {
  at: string;
  message: string;
}

export interface StepRecord {
  /** Weight the new color gets in this step. */
  weight: number;
  weights: Record<Color, number>;
  startedAt: string;
  durationMs: number;
  /** `error`: an AWS call (not a gate) stopped the step before it could pass. */
  verdict: Verdict | 'cancelled' | 'error';
  /** The latest result of each gate (the one that decided the step). */
  gates: GateResult[];
  polls: number;
  /** Per-period figures the gates saw (for the chart), one per period and role, latest kept. */
  points?: MetricPoint[];
  /** gates-dry-run: the first advisory failure, when the step would have been rolled back. */
  wouldFail?: { at: string; results: GateResult[] };
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

/** The two-color strategies' recorder: the timeline plus the traffic steps. */
export class Recorder extends TimelineRecorder<Report> {
  constructor(action: string, cluster: string, services: Record<Color, string>, clock: Clock, log: Log) {
    super((startedAt) => ({ action, cluster, services, startedAt, timeline: [], steps: [], facts: {} }), clock, log);
  }

  startStep(weight: number, weights: Record<Color, number>): StepRecord {
    const step: StepRecord = { weight, weights, startedAt: this.iso(), durationMs: 0, verdict: 'inconclusive', gates: [], polls: 0 };
    this.report.steps.push(step);
    return step;
  }
}
