import type { NativePlan } from '../../../shared/engine/native/context.ts';
import type { Gate } from '../../../shared/engine/ports.ts';
import { FakeClock, MemoryCheckpoint, MemoryLog } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { FakeNativeEcs } from './fake-ecs.ts';

export function nativePorts(ecs?: (clock: FakeClock) => FakeNativeEcs) {
  const clock = new FakeClock();
  return {
    ecs: ecs ? ecs(clock) : new FakeNativeEcs(clock),
    clock,
    log: new MemoryLog(),
    checkpoint: new MemoryCheckpoint(),
    retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000 },
  };
}

export function basePlan(gates: Gate[] = [], overrides: Partial<NativePlan> = {}): NativePlan {
  return {
    cluster: 'demo',
    service: 'web',
    configMode: 'action',
    bakeMs: 2 * 60_000,
    extensionMs: 60_000,
    pollMs: 15_000,
    waitTimeoutMs: 600_000,
    gates: () => gates,
    ...overrides,
  };
}
