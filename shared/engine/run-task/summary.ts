import { formatDuration } from '../../duration.ts';
import { caution, cell, factsTable, fenced } from '../../markdown.ts';
import type { RunTaskReport } from './report.ts';

const RESULT: Record<string, string> = {
  succeeded: '✅ Succeeded',
  failed: '❌ Failed',
  'timed-out': '⏱️ Timed out',
  cancelled: '🛑 Cancelled',
};

/** The run-task job summary: the outcome, every container's exit code, the timeline and the last log lines. */
export function renderRunTaskSummary(report: RunTaskReport): string {
  const result = report.result ?? 'unfinished';
  const name = report.taskDefinitionArn?.split('/').pop() ?? 'task';
  const lines = [`## ${RESULT[result] ?? result}: run-task ${cell(name)} on ${cell(report.cluster)}`, ''];
  const facts: [string, string | undefined][] = [
    ['Task', report.taskArn && `\`${report.taskArn}\``],
    ['Task definition', report.taskDefinitionArn && `\`${report.taskDefinitionArn}\``],
    ['Exit code', report.exitCode === undefined ? undefined : String(report.exitCode)],
    ['Stopped reason', report.stoppedReason],
    ['Stop code', report.stopCode],
    ['Ran for', report.runSeconds === undefined ? undefined : formatDuration(report.runSeconds * 1000)],
    ['Log', report.logUrl && `[${report.logLocation ? cell(report.logLocation) : 'ECS console'}](${report.logUrl})`],
    ...Object.entries(report.facts),
  ];
  lines.push(...factsTable(facts, (value, key) => (key === 'Log' ? value : cell(value))));

  if (report.error) lines.push(...caution(report.error, { escape: cell }));

  if (report.containers.length > 0) {
    lines.push('### Containers', '', '| Container | Essential | Exit code | Reason |', '|---|---|---|---|');
    for (const c of report.containers) {
      const verdict = c.required ? (c.exitCode === 0 ? ' ✅' : ' ❌') : '';
      lines.push(`| ${cell(c.name)} | ${c.essential ? 'yes' : 'no'} | ${c.exitCode ?? '–'}${verdict} | ${cell(c.reason ?? '')} |`);
    }
    lines.push('');
  }

  lines.push('### Timeline', '', '| Time (UTC) | Event |', '|---|---|');
  for (const entry of report.timeline) lines.push(`| ${entry.at.slice(11, 19)} | ${cell(entry.message)} |`);
  lines.push('');

  if (report.lastLogLines.length > 0) {
    lines.push(`### Last ${report.lastLogLines.length} log lines`, '', ...fenced(report.lastLogLines, 'text'), '');
  }
  return lines.join('\n');
}
