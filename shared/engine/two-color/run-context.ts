import type { DeployError } from '../../errors.ts';
import type { Fleet, Gate, TrafficRouter } from '../ports.ts';
import { DEFAULT_RETRY, resilient } from '../retry.ts';
import { TrafficOwnership } from './ownership.ts';
import type { EnginePorts } from './ports.ts';
import type { Report } from './report.ts';

export interface RunOutcome {
  report: Report;
  /** Set when the run did not end as asked; the report says where traffic is. */
  error?: DeployError;
}

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
