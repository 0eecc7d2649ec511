import { formatDuration } from '../../duration.ts';
import { cell, fenced } from '../../markdown.ts';
import type { GateResult } from '../ports.ts';
import type { Report } from './report.ts';
import { renderRunChart } from './run-chart.ts';

type Row = Omit<GateResult, 'verdict'> & { verdict: string };

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

const ICON: Record<string, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⏳ inconclusive',
  cancelled: '🛑 cancelled',
  error: '⚠️ error',
};
const RESULT: Record<string, string> = {
  promoted: '✅ Promoted',
  'rolled-back': '↩️ Rolled back',
  failed: '❌ Failed',
  prepared: '✅ Prepared',
  'already-live': '✅ Already live',
};

/**
 * The job summary as Markdown: the decision, the steps with their gates vs thresholds, the
 * timeline, and links. Pure, so the rehearsal can print the same text in a terminal.
 */
export function renderSummary(report: Report): string {
  const lines: string[] = [];
  const result = report.result ?? 'unfinished';
  lines.push(`## ${RESULT[result] ?? result}: ${report.action} on ${report.cluster}`, '');
  const facts: [string, string | undefined][] = [
    report.services.blue === report.services.green
      ? ['Service', `\`${report.services.blue}\``]
      : ['Services', `blue = \`${report.services.blue}\`, green = \`${report.services.green}\``],
    ['Live now', report.liveColor && `${report.liveColor} (\`${report.services[report.liveColor]}\`)`],
    ['Weights', report.weights && `blue=${report.weights.blue}, green=${report.weights.green}`],
    ['Task definition', report.taskDefinitionArn && `\`${report.taskDefinitionArn}\``],
    ...Object.entries(report.facts),
  ];
  lines.push('| | |', '|---|---|', ...facts.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${cell(v!)} |`), '');

  if (report.error) {
    lines.push(`> [!CAUTION]`, `> **${cell(report.error.what)}**`);
    if (report.error.fix) lines.push(`> ${cell(report.error.fix)}`);
    lines.push('');
    if (report.error.why.length > 0) lines.push(...fenced(report.error.why), '');
  }

  if (report.steps.length > 0) {
    lines.push(
      '### Steps',
      '',
      '| # | Weights | Started | Duration | Polls | Gate | Window (UTC) | New version | Live version | Threshold | Verdict |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    report.steps.forEach((step, index) => {
      const gates: Row[] = step.gates.length > 0 ? step.gates : [{ gate: '–', observed: '–', threshold: '–', verdict: step.verdict }];
      gates.forEach((gate, g) => {
        const head =
          g === 0
            ? [
                `${index + 1}`,
                `blue=${step.weights.blue} green=${step.weights.green}`,
                step.startedAt.slice(11, 19),
                formatDuration(step.durationMs),
                `${step.polls}`,
              ]
            : ['', '', '', '', ''];
        const window = gate.covered ? `${clock(gate.covered.from)}–${clock(gate.covered.to)}` : 'now';
        // A step that never finished shows how it ended, not its last poll.
        const ended = step.verdict === 'cancelled' || step.verdict === 'error' ? step.verdict : gate.verdict;
        const verdict = `${ICON[ended] ?? ended}${gate.advisory ? ' (dry run)' : ''}`;
        const live = gate.baseline ?? '–';
        lines.push(`| ${[...head, gate.gate, window, gate.observed, live, gate.threshold, verdict].map(cell).join(' | ')} |`);
      });
    });
    lines.push('');
    const dryRuns = report.steps.flatMap((step, index) =>
      step.wouldFail
        ? [
            `> Step ${index + 1} would have rolled back at ${step.wouldFail.at.slice(11, 19)} (gates-dry-run): ${step.wouldFail.results.map((r) => `${r.gate} ${r.observed}`).join('; ')}`,
          ]
        : [],
    );
    if (dryRuns.length) lines.push('> [!WARNING]', ...dryRuns.map(cell), '');
    lines.push(...renderRunChart(report));
  }

  lines.push('<details><summary>Timeline</summary>', '', '| Time (UTC) | Event |', '|---|---|');
  lines.push(...report.timeline.map((entry) => `| ${entry.at.slice(11, 19)} | ${cell(entry.message)} |`), '', '</details>', '');
  return lines.join('\n');
}

/** A Markdown summary made readable in a terminal (for the local rehearsal). */
export function summaryForTerminal(markdown: string): string {
  return markdown
    .replace(/<\/?details>|<summary>|<\/summary>/g, '')
    .replace(/^\|---.*$/gm, '')
    .replace(/\*\*|`/g, '')
    .replace(/\n{3,}/g, '\n\n');
}
