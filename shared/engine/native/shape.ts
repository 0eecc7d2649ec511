// Apart from canary.ts, so the inputs check a native shape without loading the native engine.

/** The two step shapes ECS can run natively. */
export type NativeShape = { strategy: 'CANARY'; percent: number } | { strategy: 'LINEAR'; stepPercent: number };

/** ECS: linear steps are 3 % to 100 %, canary 0.1 % to 100 %, both in multiples of 0.1. */
const tenths = (n: number) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9;

/**
 * `10,100` → CANARY 10; `25,50,75,100` → LINEAR 25 (at least 3 steps, step ≥ 3). Anything
 * else is a message naming both forms (for an InputError on `steps`).
 */
export function nativeShape(steps: number[]): NativeShape | string {
  const forms =
    'native mode supports one canary step then 100 (e.g. 10,100 → CANARY) or at least 3 equal steps ending at 100 (e.g. 25,50,75,100 → LINEAR); arbitrary steps need the two-service mode (blue-service, green-service)';
  const shown = steps.join(',');
  if (steps.at(-1) !== 100) return `${shown} must end at 100: ${forms}`;
  if (steps.length === 2) {
    const percent = steps[0]!;
    if (percent > 0 && percent < 100 && tenths(percent)) return { strategy: 'CANARY', percent };
    return `${shown}: the canary step must be from 0.1 to 99.9 in steps of 0.1; ${forms}`;
  }
  const step = steps[0]!;
  const equal = steps.every((s, i) => Math.abs(s - step * (i + 1)) < 1e-9);
  if (steps.length >= 3 && equal && step >= 3 && tenths(step)) return { strategy: 'LINEAR', stepPercent: step };
  if (equal && steps.length >= 3) return `${shown}: ECS needs linear steps of at least 3 % in multiples of 0.1; ${forms}`;
  return `${shown} is not a shape ECS can run: ${forms}`;
}
