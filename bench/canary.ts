/**
 * Canary figures on the loopback sandbox with real traffic: AWS requests per run by operation,
 * AWS calls per poll during a bake, the engine's overhead beyond the configured bake times, and
 * detection-to-restore latency (a faulty release takes traffic at t0 → the load generator sees
 * its last answer) at the default and at a 1 s poll interval.
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../shared/engine/two-color/report.ts';
import { runCanaryRelease, startStage } from '../sandbox/rehearsal/scenario.ts';

const BAKE_MS = 5_000;
const GATES = { alarms: '', 'max-5xx-rate': '5', 'max-p95-latency': '500ms', 'min-requests': '5', 'metric-period': '1s' };

export async function benchCanary(): Promise<string[]> {
  const lines: string[] = [];
  const stage = await startStage(40);
  try {
    const good = await runCanaryRelease(stage, 'v2', {}, { ...GATES, steps: '10,50,100', 'bake-time': '5s', 'poll-interval': '1s' });
    if (good.result.outputs.result !== 'promoted')
      throw new Error(`good release: ${good.result.outputs.result} ${good.result.errors.join(' ')}`);
    const report = JSON.parse(readFileSync(good.result.outputs.report!, 'utf8')) as Report;
    const total = Object.values(good.calls).reduce((a, b) => a + b, 0);
    lines.push('### One canary run (steps 10,50,100; bake 5s; poll 1s; 5xx + p95 gates)', '');
    lines.push('| Operation | Requests |', '|---|---:|');
    for (const [op, n] of Object.entries(good.calls).sort(([, a], [, b]) => b - a)) lines.push(`| ${op} | ${n} |`);
    lines.push(`| **total** | **${total}** |`, '');

    // From the last step's first poll until the run finished (its last poll's calls included).
    const last = report.steps.at(-1)!;
    const from = Date.parse(last.startedAt);
    const during = stage.sandbox.control.callLog().filter((c) => c.at >= from && c.at <= Date.parse(report.finishedAt!));
    lines.push(
      `AWS calls per poll during the last bake: ${(during.length / last.polls).toFixed(1)} (${during.length} calls over ${last.polls} polls: ${[...new Set(during.map((c) => `${c.service}:${c.operation}`))].join(', ')})`,
    );
    const shifting = Date.parse(report.finishedAt!) - Date.parse(report.steps[0]!.startedAt);
    lines.push(
      `Engine overhead beyond the bake times: ${shifting - report.steps.length * BAKE_MS} ms over ${report.steps.length} steps (write, read back and verify each weight; evaluate; report)`,
    );
    lines.push(`Whole run: ${(good.durationMs / 1000).toFixed(1)} s wall clock (deploy to the idle color included)`, '');
  } finally {
    await stage.stop();
  }

  // Each on a fresh sandbox, gated by the 5xx rate alone: a load-balancer-wide alarm still in
  // ALARM from an earlier run would fail the step at once and flatter the figure.
  lines.push(
    '### Detection to restore (release answering 50 % 5xx; first to last answer of the bad version, seen by the load generator)',
    '',
  );
  lines.push('| Poll interval | Detection to restore | Result |', '|---|---:|---|');
  for (const poll of ['15s', '1s']) {
    const fresh = await startStage(40);
    try {
      const bad = await runCanaryRelease(
        fresh,
        'bad',
        { FAULT_RATE: '0.5' },
        { ...GATES, alarms: '', steps: '50,100', 'bake-time': '60s', 'poll-interval': poll },
      );
      lines.push(
        `| ${poll}${poll === '15s' ? ' (default)' : ''} | ${bad.exposureMs === undefined ? 'n/a' : `${(bad.exposureMs / 1000).toFixed(2)} s`} | ${bad.result.outputs.result} |`,
      );
    } finally {
      await fresh.stop();
    }
  }
  return lines;
}

if (import.meta.main) console.log((await benchCanary()).join('\n'));
