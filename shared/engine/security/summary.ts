import type { IssueChange } from './issues.ts';
import { caution, cell } from '../../markdown.ts';
import { SEVERITIES } from './ports.ts';
import type { ScanReport } from './scan.ts';

const VERDICT: Record<string, string> = { pass: '✅', fail: '❌', unscanned: '⚠️ unscanned' };

/** The job summary: one row per live image with its counts per severity, then the blocking findings. */
export function renderScanSummary(report: ScanReport, issues: IssueChange[] = []): string {
  const icon = report.result === 'passed' ? '✅ Passed' : '❌ Failed';
  const lines = [`## ${icon}: security scan of ${report.services.join(', ')} on ${report.cluster} (fail-on ${report.failOn})`, ''];
  if (report.error) lines.push(...caution(report.error));
  const severities = SEVERITIES.filter((s) => s !== 'UNDEFINED');
  lines.push(
    `| Image | Runs in | ${severities.join(' | ')} | Scan | Verdict |`,
    `|---|---|${severities.map(() => '---|').join('')}---|---|`,
  );
  for (const row of report.images) {
    const counts = severities.map((s) => String(row.scan.counts[s] ?? 0));
    const scan =
      row.scan.status === 'COMPLETE' ? (row.scan.completedAt?.toISOString().slice(0, 16).replace('T', ' ') ?? 'complete') : row.reason;
    lines.push(
      `| ${[`\`${row.image}\``, row.usedBy.join(', '), ...counts, scan, VERDICT[row.verdict] ?? row.verdict].map(cell).join(' | ')} |`,
    );
  }
  lines.push('');
  const blocking = report.images.filter((r) => r.blocking.length > 0);
  if (blocking.length > 0) {
    lines.push('<details><summary>Blocking findings</summary>', '', '| Image | Severity | Finding | Package |', '|---|---|---|---|');
    for (const row of blocking) {
      for (const f of row.blocking.slice(0, 100)) {
        lines.push(`| ${[`\`${row.image}\``, f.severity, f.uri ? `[${f.id}](${f.uri})` : f.id, f.package ?? ''].map(cell).join(' | ')} |`);
      }
    }
    lines.push('', '</details>', '');
  }
  if (issues.length > 0) {
    lines.push('### Issues', '', ...issues.map((i) => `- [#${i.number}](${i.url}) ${i.action}: \`${i.image}\``), '');
  }
  return lines.join('\n');
}
