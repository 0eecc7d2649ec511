/** The job summary of a native run: ECS's result, the production steps with their gates, the evidence, the timeline. */
import { formatDuration } from '../../duration.ts';
import { caution, cell, factsTable } from '../../markdown.ts';
import type { NativeReport } from './context.ts';

const RESULT: Record<string, string> = {
  promoted: '✅ Promoted',
  paused: '⏸️ Paused for approval',
  'rolled-back': '↩️ Rolled back',
  failed: '❌ Failed',
  'already-live': '✅ Already live',
  restored: '✅ Configuration restored',
};
const ICON: Record<string, string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⏳ inconclusive', cancelled: '🛑 cancelled' };

const short = (arn: string | undefined): string | undefined => arn?.split('/').at(-2);

export function renderNativeSummary(report: NativeReport): string {
  const result = report.result ?? 'unfinished';
  const lines = [`## ${RESULT[result] ?? result}: ${report.action} on ${report.cluster} (native)`, ''];
  const weights = report.weights && Object.entries(report.weights).map(([tg, w]) => `${short(tg) ?? tg}=${w}`);
  const facts: [string, string | undefined][] = [
    ['Service', `\`${report.service}\``],
    ['Strategy', report.strategy],
    ['Service deployment', report.serviceDeploymentArn && `\`${report.serviceDeploymentArn}\``],
    ['ECS final status', report.finalStatus],
    ['Task definition', report.taskDefinitionArn && `\`${report.taskDefinitionArn}\``],
    ['Previous task definition', report.previousTaskDefinitionArn && `\`${report.previousTaskDefinitionArn}\``],
    ['Production weights', weights?.join(', ')],
    ['Original target group', short(report.originalTargetGroup)],
    ...Object.entries(report.facts).filter(([key]) => key !== 'config-snapshot'),
  ];
  lines.push(...factsTable(facts));
  if (report.error) lines.push(...caution(report.error, { evidence: true }));
  if (report.steps.length > 0) {
    lines.push('### Production steps', '', '| # | New revision | Started | Duration | Polls | Gate | Observed | Threshold | Verdict |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    report.steps.forEach((step, index) => {
      const gates = step.gates.length > 0 ? step.gates : [{ gate: '–', observed: '–', threshold: '–', verdict: step.verdict }];
      gates.forEach((gate, g) => {
        const head =
          g === 0
            ? [`${index + 1}`, `${step.weight}%`, step.startedAt.slice(11, 19), formatDuration(step.durationMs), `${step.polls}`]
            : ['', '', '', '', ''];
        const verdict = step.verdict === 'cancelled' ? step.verdict : gate.verdict;
        lines.push(`| ${[...head, gate.gate, gate.observed, gate.threshold, ICON[verdict] ?? verdict].map(cell).join(' | ')} |`);
      });
    });
    lines.push('');
  }
  lines.push('<details><summary>Timeline</summary>', '', '| Time (UTC) | Event |', '|---|---|');
  lines.push(...report.timeline.map((entry) => `| ${entry.at.slice(11, 19)} | ${cell(entry.message)} |`), '', '</details>', '');
  return lines.join('\n');
}
