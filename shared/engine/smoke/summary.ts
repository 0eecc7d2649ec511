import { formatDuration } from '../../duration.ts';
import { cell } from '../../markdown.ts';
import type { CheckResult, SmokeReport } from './report.ts';

const HEADLINE: Record<string, string> = {
  passed: '✅ Smoke checks passed',
  failed: '❌ Smoke checks failed',
  cancelled: '🛑 Smoke checks cancelled',
};

const ms = (value: number | undefined): string => (value === undefined ? '–' : formatDuration(value));

function icon(check: CheckResult): string {
  if (check.status === 'pass') return '✅';
  if (check.status === 'skipped') return '⏭️';
  return check.critical ? '❌' : '⚠️';
}

/** The job summary as Markdown: one row per check (status, latency, the mismatch), then the burst's numbers vs thresholds. Pure. */
export function renderSmokeSummary(report: SmokeReport): string {
  const lines: string[] = [];
  lines.push(`## ${HEADLINE[report.result ?? ''] ?? 'Smoke checks unfinished'}: ${report.url}`, '');
  lines.push(`${report.passed} passed, ${report.failed} failed${report.p95Ms === undefined ? '' : `, p95 ${ms(report.p95Ms)}`}.`, '');
  lines.push('| | Check | Critical | Latency | Attempts | Detail |', '|---|---|---|---|---|---|');
  for (const check of report.checks) {
    const name = check.request && check.request !== check.name ? `${check.name} (\`${check.request}\`)` : check.name;
    lines.push(
      `| ${[icon(check), name, check.critical ? 'yes' : 'no', ms(check.latencyMs), `${check.attempts}`, check.detail].map(cell).join(' | ')} |`,
    );
  }
  lines.push('');
  const burst = report.burst;
  if (burst) {
    const within = (ok: boolean) => (ok ? '✅' : '❌');
    const rate = `${burst.errors}/${burst.requests} (${Math.round(burst.errorRatePercent * 100) / 100}%)`;
    const p95 =
      burst.maxP95Ms === undefined
        ? ms(burst.p95Ms)
        : `${within(burst.p95Ms !== undefined && burst.p95Ms <= burst.maxP95Ms)} ${ms(burst.p95Ms)} (max ${ms(burst.maxP95Ms)})`;
    lines.push(
      '### Burst',
      '',
      '| Requests | Concurrency | Errors | p50 | p95 | p99 |',
      '|---|---|---|---|---|---|',
      `| ${burst.requests} | ${burst.concurrency} | ${within(burst.errorRatePercent <= burst.maxErrorRatePercent)} ${rate} (max ${burst.maxErrorRatePercent}%) | ${ms(burst.p50Ms)} | ${p95} | ${ms(burst.p99Ms)} |`,
      '',
    );
    if (burst.errorSamples.length > 0) lines.push(`Errors seen: ${burst.errorSamples.map(cell).join('; ')}`, '');
  }
  return lines.join('\n');
}
