import type { Clock, Color, GateResult, Log, MetricPoint, Verdict } from '../ports.ts';
import { TimelineRecorder, type TimelineEntry } from '../timeline.ts';

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
