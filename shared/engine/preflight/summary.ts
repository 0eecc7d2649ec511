import type { CheckStatus } from './check.ts';
import { cell } from '../../markdown.ts';
import type { PreflightReport } from './runner.ts';

const ICON: Record<CheckStatus, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' };

/** The job summary: the verdict, then one table row per check with its evidence. Pure. */
export function renderPreflightSummary(report: PreflightReport): string {
  const verdict = report.result === 'passed' ? '✅ Preflight passed' : '❌ Preflight failed';
  const counts = (['pass', 'warn', 'fail'] as const).map((s) => `${report.checks.filter((c) => c.status === s).length} ${s}`).join(', ');
  const lines = [
    `## ${verdict}${report.cluster ? ` for ${report.cluster}` : ''}`,
    '',
    `${counts}${report.strict ? ' (strict: warnings fail)' : ''}. Checked ${report.startedAt}.`,
    '',
    ...(report.live
      ? [
          `Live before the release: ${cell(report.live.service)} runs \`${cell(report.live.taskDefinitionArn)}\`${report.live.weights ? ` (${report.live.weights})` : ''}; a failed or cancelled release returns to exactly this.`,
          '',
        ]
      : []),
    '| Status | Check | Summary | Evidence |',
    '|---|---|---|---|',
    ...report.checks.map((c) => {
      const status = c.strictFromWarn ? `${ICON.fail} (strict warn)` : ICON[c.status];
      const evidence = c.evidence.map(cell).join('<br>') || '–';
      return `| ${status} | ${cell(c.title)} (\`${c.id}\`) | ${cell(c.summary)} | ${evidence} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
