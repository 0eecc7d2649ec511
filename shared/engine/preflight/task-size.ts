/**
 * Task CPU and memory as launch types accept them. Fargate takes only the combinations below
 * (cpu units → memory MiB); EC2 takes any size but needs memory somewhere: at task level, or
 * on every container.
 */

interface MemoryRange {
  from: number;
  to: number;
  step: number;
}

/** https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size */
export const FARGATE_SIZES: ReadonlyMap<number, readonly MemoryRange[]> = new Map([
  [
    256,
    [
      { from: 512, to: 512, step: 1 },
      { from: 1024, to: 2048, step: 1024 },
    ],
  ],
  [512, [{ from: 1024, to: 4096, step: 1024 }]],
  [1024, [{ from: 2048, to: 8192, step: 1024 }]],
  [2048, [{ from: 4096, to: 16384, step: 1024 }]],
  [4096, [{ from: 8192, to: 30720, step: 1024 }]],
  [8192, [{ from: 16384, to: 61440, step: 4096 }]],
  [16384, [{ from: 32768, to: 122880, step: 8192 }]],
]);

export const EC2_TASK_CPU = { min: 128, max: 196_608 };

/** `1024`, 1024, `1 vCPU`, `0.5 vcpu` → CPU units; undefined when absent or unreadable. */
export function cpuUnits(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(vcpu)?$/i.exec(value.trim());
  if (!m) return NaN;
  return m[2] ? Math.round(Number(m[1]) * 1024) : Number(m[1]);
}

/** `2048`, 2048, `2 GB`, `2GB` → MiB; undefined when absent, NaN when unreadable. */
export function memoryMiB(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(gb|mb|mib|gib)?$/i.exec(value.trim());
  if (!m) return NaN;
  return /^g/i.test(m[2] ?? '') ? Math.round(Number(m[1]) * 1024) : Number(m[1]);
}

const inRange = (memory: number, r: MemoryRange): boolean => memory >= r.from && memory <= r.to && (memory - r.from) % r.step === 0;

const describeRanges = (ranges: readonly MemoryRange[]): string =>
  ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to} in steps of ${r.step}`)).join(', ');

/** Why Fargate rejects this task size, or undefined when it accepts it. */
export function fargateSizeProblem(cpu: number | undefined, memory: number | undefined): string | undefined {
  if (cpu === undefined || memory === undefined)
    return `Fargate needs task-level "cpu" and "memory" (got cpu ${cpu ?? 'none'}, memory ${memory ?? 'none'})`;
  if (Number.isNaN(cpu) || Number.isNaN(memory)) return 'task-level "cpu" or "memory" is not a number of units/MiB (or "1 vCPU", "2 GB")';
  const ranges = FARGATE_SIZES.get(cpu);
  if (!ranges) return `Fargate does not offer cpu ${cpu}: use one of ${[...FARGATE_SIZES.keys()].join(', ')}`;
  if (!ranges.some((r) => inRange(memory, r))) return `Fargate cpu ${cpu} takes memory ${describeRanges(ranges)} MiB, not ${memory}`;
  return undefined;
}
