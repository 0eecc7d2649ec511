import type { Clock, Gate, GateResult } from '../ports.ts';
import type { StepRecord } from '../report.ts';

export interface BakeSettings {
  bakeMs: number;
  /** How much longer an inconclusive step may wait for evidence before it fails. */
  extensionMs: number;
  pollMs: number;
  signal?: AbortSignal;
}

export type BakeOutcome = { verdict: 'pass' } | { verdict: 'fail'; failing: GateResult[] };

/**
 * Evaluates every gate each poll for the bake time. Any `fail` ends the step at once;
 * `inconclusive` never promotes: the step extends until the evidence is in or the extension
 * runs out, which then fails it.
 */
export async function bake(step: StepRecord, gates: Gate[], clock: Clock, settings: BakeSettings): Promise<BakeOutcome> {
  const started = clock.now();
  const deadline = started + settings.bakeMs;
  const giveUp = deadline + settings.extensionMs;
  for (;;) {
    const now = clock.now();
    const results = (await Promise.all(gates.map((gate) => gate.evaluate({ from: started, to: now })))).flat();
    step.gates = results;
    step.polls += 1;
    step.durationMs = now - started;

    const failing = results.filter((r) => r.verdict === 'fail');
    if (failing.length > 0) return { verdict: 'fail', failing };
    const waiting = results.filter((r) => r.verdict === 'inconclusive');
    if (now >= deadline && waiting.length === 0) return { verdict: 'pass' };
    if (now >= giveUp) {
      return {
        verdict: 'fail',
        failing: waiting.map((r) => ({ ...r, observed: `${r.observed}; still inconclusive after the extension` })),
      };
    }
    const next = now < deadline ? Math.min(settings.pollMs, deadline - now) : Math.min(settings.pollMs, giveUp - now);
    await clock.sleep(next, settings.signal);
  }
}
