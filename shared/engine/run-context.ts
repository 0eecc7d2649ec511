import { CancelledError, DeployError, messageOf } from '../errors.ts';
import type { Report } from '../report.ts';
import type { Checkpoint, Clock, Fleet, Gate, Log, TrafficRouter } from '../ports.ts';
import { TrafficOwnership } from './ownership.ts';
import { DEFAULT_RETRY, resilient, type RetryPolicy } from './retry.ts';

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

export interface RunOutcome {
  report: Report;
  /** Set when the run did not end as asked; the report says where traffic is. */
  error?: DeployError;
}

/** Where to send a task definition: a document to register, or an existing revision. */
export type TaskDefinitionSource = { document: Record<string, unknown> } | { reference: string };

/**
 * The ports as a run uses them: every call retried, and every call refused once the run is
 * cancelled. `restore` are the same ports without the cancel signal: putting traffic back
 * must go through even while the run is being cancelled.
 */
export function runPorts(ports: EnginePorts, signal?: AbortSignal) {
  const retry = { clock: ports.clock, log: ports.log, policy: ports.retry ?? DEFAULT_RETRY };
  const wrap = (adapters: { fleet: Fleet; router: TrafficRouter }, s?: AbortSignal) => ({
    fleet: resilient(adapters.fleet, 'ecs', { ...retry, signal: s }),
    router: resilient(adapters.router, 'elb', { ...retry, signal: s }),
    clock: ports.clock,
  });
  return {
    ...wrap(ports, signal),
    restore: wrap(ports.uncancellable ?? ports, undefined),
    log: ports.log,
    checkpoint: ports.checkpoint,
    /** The weights this run last wrote (or found): no write may go over anyone else's. */
    ownership: new TrafficOwnership(ports.checkpoint),
    onTaskDefinition: ports.onTaskDefinition ?? (async () => {}),
    announce: ports.announce ?? (() => {}),
    /** Gates get the same retries as every other port. */
    guard: (gates: Gate[]): Gate[] => gates.map((gate) => resilient(gate, `gate "${gate.name}"`, { ...retry, signal })),
  };
}

export async function resolveTaskDefinition(fleet: Fleet, source: TaskDefinitionSource): Promise<string> {
  return 'document' in source ? fleet.registerTaskDefinition(source.document) : fleet.resolveTaskDefinition(source.reference);
}

/** Any error as a DeployError, so reports and annotations have one shape. */
export function asDeployError(error: unknown): DeployError {
  if (error instanceof DeployError) return error;
  if (error instanceof CancelledError) return new DeployError('The run was cancelled');
  return new DeployError(`Unexpected error: ${messageOf(error)}`, {
    why: error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 6) : [],
    fix: 'This is a bug in the suite: please open an issue with this log.',
    cause: error,
  });
}
