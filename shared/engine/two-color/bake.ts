import type { Clock, Gate, GateResult, MetricPoint } from '../ports.ts';
import type { StepRecord } from './report.ts';

export interface BakeSettings {
  bakeMs: number;
  /** How much longer an inconclusive or not yet covered step may wait for evidence before it fails. */
  extensionMs: number;
  pollMs: number;
  signal?: AbortSignal;
}

export type BakeOutcome =
  | { verdict: 'pass' }
  | { verdict: 'fail'; failing: GateResult[] }
  /** The extension ran out without evidence: not a judgement of the version. */
  | { verdict: 'inconclusive'; waiting: GateResult[] };

/** Each result as one line of evidence: what was measured against what. */
export const evidence = (results: GateResult[]): string[] => results.map((r) => `${r.gate}: ${r.observed} (threshold ${r.threshold})`);

const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * When a gate's first data for a step starting at `start` can exist: once its first whole period
 * has closed (it may be published any time after). Polls then find it within one poll of arriving.
 */
export function firstLook(gate: Gate, start: number): number {
  if (!gate.publishing) return start;
  const { periodMs } = gate.publishing;
  return Math.ceil(start / periodMs) * periodMs + periodMs;
}

/** Keeps each period's latest figures per role on the step, for the chart of the run. */
function keepPoints(step: StepRecord, points: MetricPoint[] | undefined): void {
  if (!points?.length) return;
  const byKey = new Map((step.points ?? []).map((p) => [`${p.role}@${p.t}`, p]));
  for (const p of points) byKey.set(`${p.role}@${p.t}`, p);
  step.points = [...byKey.values()].sort((a, b) => a.t - b.t);
}

/** A result still short of evidence: inconclusive, or passing on data that stops before the step's end. */
function uncovered(result: GateResult, end: number): boolean {
  if (result.verdict === 'fail') return false;
  return result.verdict === 'inconclusive' || (result.covered !== undefined && result.covered.to < end);
}

function explainWaiting(result: GateResult, end: number): GateResult {
  const why =
    result.verdict === 'inconclusive'
      ? 'still inconclusive after the extension'
      : `data covers only until ${clockTime(result.covered!.to)}, the step ran until ${clockTime(end)}`;
  return { ...result, verdict: 'inconclusive', observed: `${result.observed}; ${why}` };
}

/**
 * Bakes one step. Each gate is first asked when its first data can exist, then every poll. Any
 * acting `fail` ends the step at once, also after the nominal end while late data comes in.
 * A step passes only when its bake time is over and every result is conclusive and covers the
 * step up to its end; otherwise it extends, and when the extension runs out it is inconclusive.
 * Advisory (dry-run) results are reported, waited for like the others, and never end the step.
 */
export async function bake(step: StepRecord, gates: Gate[], clock: Clock, settings: BakeSettings): Promise<BakeOutcome> {
  const started = clock.now();
  const deadline = started + settings.bakeMs;
  const giveUp = deadline + settings.extensionMs;
  const readyAt = gates.map((gate) => firstLook(gate, started));
  const latest = new Map<Gate, GateResult[]>();
  for (;;) {
    const now = clock.now();
    const due = gates.filter((_, i) => readyAt[i]! <= now);
    const fresh = await Promise.all(due.map((gate) => gate.evaluate({ from: started, to: now })));
    due.forEach((gate, i) => latest.set(gate, fresh[i]!));
    const results = gates.flatMap(
      (gate, i): GateResult[] =>
        latest.get(gate) ?? [
          { gate: gate.name, verdict: 'inconclusive', observed: `no data can exist before ${clockTime(readyAt[i]!)}`, threshold: '–' },
        ],
    );
    step.gates = results.map(({ points, ...rest }) => (keepPoints(step, points), rest));
    step.polls += 1;
    step.durationMs = now - started;

    const failing = results.filter((r) => r.verdict === 'fail' && !r.advisory);
    if (failing.length > 0) return { verdict: 'fail', failing };
    const wouldFail = results.filter((r) => r.verdict === 'fail' && r.advisory);
    if (wouldFail.length > 0 && !step.wouldFail) step.wouldFail = { at: new Date(now).toISOString(), results: wouldFail };

    const waiting = results.filter((r) => uncovered(r, deadline));
    if (now >= deadline && waiting.length === 0) return { verdict: 'pass' };
    if (now >= giveUp) {
      const acting = waiting.filter((r) => !r.advisory);
      if (acting.length > 0) return { verdict: 'inconclusive', waiting: acting.map((r) => explainWaiting(r, deadline)) };
      step.gates = results.map((r) => (uncovered(r, deadline) ? explainWaiting(r, deadline) : r));
      return { verdict: 'pass' };
    }
    const horizon = now < deadline ? deadline : giveUp;
    const nextReady = Math.min(...readyAt.filter((t) => t > now));
    await clock.sleep(Math.min(now + settings.pollMs, horizon, nextReady) - now, settings.signal);
  }
}
