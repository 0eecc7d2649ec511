import { formatDuration } from '../../duration.ts';
import { caution, cell, factsTable } from '../../markdown.ts';
import type { ChaosReport } from './report.ts';

const RESULT: Record<string, string> = {
  recovered: '✅ Recovered',
  'not-recovered': '❌ Not recovered',
  aborted: '🛑 Aborted',
  refused: '🚫 Refused',
  failed: '❌ Failed',
  'dry-run': '📝 Dry run',
};

/** The chaos job summary: what was hit, the guardrails, the recovery time, and the timeline. */
export function renderChaosSummary(report: ChaosReport): string {
  const result = report.result ?? 'unfinished';
  const lines = [`## ${RESULT[result] ?? result}: chaos ${report.experiment} on ${report.cluster}`, ''];
  const plan = report.plan;
  const facts: [string, string | undefined][] = [
    ['Service', report.service && `\`${report.service}\``],
    ['Experiment', `${report.experiment}${report.dryRun ? ' (dry run: nothing touched)' : ''}`],
    ['Touched', plan && `${plan.victims.length} of ${plan.population} (${plan.percent} %, max ${plan.maxPercent} %)`],
    ['Victims', plan && plan.victims.map((v) => `\`${v}\``).join(', ')],
    ['Recovery', report.recoverySeconds === undefined ? undefined : formatDuration(report.recoverySeconds * 1000)],
    ...Object.entries(report.facts),
  ];
  lines.push(...factsTable(facts));

  if (report.error) lines.push(...caution(report.error, { evidence: true }));

  const fault = report.faultAt;
  lines.push('### Timeline', '', '| Time (UTC) | Since fault | Event |', '|---|---|---|');
  for (const entry of report.timeline) {
    const offset = fault === undefined ? '' : sinceFault(Date.parse(entry.at) - fault);
    lines.push(`| ${entry.at.slice(11, 19)} | ${offset} | ${cell(entry.message)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

const sinceFault = (ms: number): string => (ms < 0 ? `-${formatDuration(-ms)}` : `+${formatDuration(ms)}`);
