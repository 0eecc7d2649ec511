import type { DeployError } from '../../errors.ts';
import type { Checkpoint, Clock, Fleet, Gate, Log, TrafficRouter } from '../ports.ts';
import { retrying } from '../retry.ts';
import { TrafficOwnership } from './ownership.ts';
import type { Announce, EnginePorts } from './ports.ts';
import type { Report } from './report.ts';

export interface RunOutcome {
  report: Report;
  /** Set when the run did not end as asked; the report says where traffic is. */
  error?: DeployError;
}

/** What deploys and moves traffic: every call retried. */
export interface RunAdapters {
  fleet: Fleet;
  router: TrafficRouter;
  clock: Clock;
}

/** The context every two-color stage is given: the ports as a run uses them (see `runPorts`). */
export interface TwoColorRun extends RunAdapters {
  /** The same adapters without the cancel signal: putting traffic back must go through even while the run is being cancelled. */
  restore: RunAdapters;
  log: Log;
  checkpoint: Checkpoint;
  /** The weights this run last wrote (or found): no write may go over anyone else's. */
  ownership: TrafficOwnership;
  onTaskDefinition(arn: string): Promise<void>;
  announce: Announce;
  /** Gates get the same retries as every other port. */
  guard(gates: Gate[]): Gate[];
}

/** The ports as a run uses them: every call retried, and every call refused once the run is cancelled. */
export function runPorts(ports: EnginePorts, signal?: AbortSignal): TwoColorRun {
  const retried = retrying({ ...ports, signal });
  const adapters = (from: { fleet: Fleet; router: TrafficRouter }, retry = retried): RunAdapters => ({
    ...retry.ports(from, { fleet: 'ecs', router: 'elb' }),
    clock: ports.clock,
  });
  return {
    ...adapters(ports),
    restore: adapters(ports.uncancellable ?? ports, retrying(ports)),
    log: ports.log,
    checkpoint: ports.checkpoint,
    ownership: new TrafficOwnership(ports.checkpoint),
    onTaskDefinition: ports.onTaskDefinition ?? (async () => {}),
    announce: ports.announce ?? (() => {}),
    guard: retried.gates,
  };
}
