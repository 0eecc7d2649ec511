import type { Clock, Log } from '../ports.ts';
import { TimelineRecorder, type TimelineEntry } from '../timeline.ts';
import type { ContainerState } from './ports.ts';

/** `cancelled`: the workflow was cancelled and the task stopped; `timed-out`: it ran too long and was stopped. */
export type RunTaskResult = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

export interface ContainerOutcome extends ContainerState {
  essential: boolean;
  /** Its exit code decides the result (essential, or named in require-success). */
  required: boolean;
}

export interface RunTaskReport {
  action: 'run-task';
  cluster: string;
  startedAt: string;
  finishedAt?: string;
  result?: RunTaskResult;
  taskDefinitionArn?: string;
  taskArn?: string;
  /** The exit code of the container the run is about (container-name, else the first essential one). */
  exitCode?: number;
  stoppedReason?: string;
  stopCode?: string;
  containers: ContainerOutcome[];
  /** Seconds the task's containers ran (startedAt → stoppedAt). */
  runSeconds?: number;
  logUrl?: string;
  /** Where the full log is (group and stream of the main container). */
  logLocation?: string;
  logLinesPrinted: number;
  lastLogLines: string[];
  timeline: TimelineEntry[];
  error?: { what: string; why: string[]; fix?: string };
  facts: Record<string, string>;
}

export class RunTaskRecorder extends TimelineRecorder<RunTaskReport> {
  constructor(cluster: string, clock: Clock, log: Log) {
    super(
      (startedAt) => ({
        action: 'run-task',
        cluster,
        startedAt,
        containers: [],
        logLinesPrinted: 0,
        lastLogLines: [],
        timeline: [],
        facts: {},
      }),
      clock,
      log,
    );
  }
}
