/**
 * The ports only the two-color strategies use, on top of the ones every engine shares
 * (../ports.ts): what a run is given, the test listener of blue-green, and the team's feed.
 */
import type { Checkpoint, Clock, Fleet, Log, TargetGroupWeights, TrafficRouter } from '../ports.ts';
import type { RetryPolicy } from '../retry.ts';
import type { Report } from './report.ts';

export interface EnginePorts {
  fleet: Fleet;
  router: TrafficRouter;
  clock: Clock;
  log: Log;
  checkpoint: Checkpoint;
  retry?: RetryPolicy;
  /**
   * Told the task definition ARN just before a run deploys it or moves traffic to it (the
   * deployment record starts here). Must not throw.
   */
  onTaskDefinition?: (arn: string) => Promise<void>;
  /**
   * The same adapters with AWS calls not tied to the run's abort signal (timeouts still bound
   * them): what puts traffic back after a cancel goes through. Defaults to fleet and router.
   */
  uncancellable?: { fleet: Fleet; router: TrafficRouter };
  /**
   * Told each milestone the team hears about (a step that passed), after its traffic write was
   * verified. Must not throw or wait: notifications are delivered in the background.
   */
  announce?: Announce;
}

export type Announce = (event: 'step', summary: string, report: Report) => void;

/** A listener that only smoke tests reach: pointed at the idle color before any user traffic. */
export interface TestListener extends Pick<TrafficRouter, 'target' | 'readWeights' | 'writeWeights'> {
  /** Where a smoke step reaches it, e.g. `http://my-alb-123.us-east-1.elb.amazonaws.com:8443`. */
  url(): Promise<string>;
  /** Every forward of the listener (default action and rules), to prove it carries no user traffic. */
  routes(): Promise<ListenerRoute[]>;
}

/** One forward of a listener: its default action or a rule, with its target group weights. */
export interface ListenerRoute {
  where: string;
  weights: TargetGroupWeights;
}
