import type { Clock, Log } from '../ports.ts';
import { TimelineRecorder, type TimelineEntry } from '../timeline.ts';

export type Experiment = 'stop-tasks' | 'drain-targets';

/**
 * How an experiment ended. `refused`: a guardrail stopped it before any fault; `dry-run`: the
 * plan only; `aborted`: an alarm or a cancel stopped it (anything drained is back);
 * `recovered` / `not-recovered`: the service did or did not heal within the timeout; `failed`: an AWS
 * call failed before any fault.
 */
export type ChaosResult = 'refused' | 'failed' | 'dry-run' | 'aborted' | 'recovered' | 'not-recovered';

export interface ChaosReport {
  action: 'chaos';
  cluster: string;
  service?: string;
  experiment: Experiment;
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  result?: ChaosResult;
  /** What the experiment chose: tasks (ARNs) or targets (`id:port`), out of how many. */
  plan?: { population: number; victims: string[]; percent: number; maxPercent: number };
  /** Epoch ms the fault began (first stop, or the deregistration). */
  faultAt?: number;
  recoverySeconds?: number;
  timeline: TimelineEntry[];
  error?: { what: string; why: string[]; fix?: string };
  facts: Record<string, string>;
}

/** Collects the chaos report as the run goes and mirrors each timeline entry to the log. */
export class ChaosRecorder extends TimelineRecorder<ChaosReport> {
  constructor(cluster: string, experiment: Experiment, dryRun: boolean, clock: Clock, log: Log) {
    super((startedAt) => ({ action: 'chaos', cluster, experiment, dryRun, startedAt, timeline: [], facts: {} }), clock, log);
  }
}
