/**
 * A picture of the run for the job summary: Mermaid `xychart-beta` blocks (GitHub renders Mermaid
 * in job summaries) of the weights, each color's 5xx rate and p95 per period, and the limits, over
 * the run's time. Downsampled to at most MAX_COLUMNS columns, so a day-long run stays a few KiB.
 */
import type { Report, StepRecord } from './report.ts';

export const MAX_COLUMNS = 48;
/** Red: the new version, blue: the live one, grey: the limit. */
const PALETTE = '#d62728, #1f77b4, #7f7f7f';

interface Column {
  at: number;
  weight: number;
  new5xx?: number;
  live5xx?: number;
  newP95?: number;
  liveP95?: number;
}

const stepEnd = (step: StepRecord) => Date.parse(step.startedAt) + step.durationMs;
const round = (n: number) => Math.round(n * 100) / 100;

function columns(report: Report): Column[] {
  const steps = report.steps;
  if (steps.length === 0) return [];
  const start = Date.parse(steps[0]!.startedAt);
  const end = Math.max(stepEnd(steps.at(-1)!), start + 60_000);
  const width = Math.max(60_000, Math.ceil((end - start) / MAX_COLUMNS / 60_000) * 60_000);
  const points = steps.flatMap((s) => s.points ?? []);
  const out: Column[] = [];
  for (let at = start; at < end; at += width) {
    const step = [...steps].reverse().find((s) => Date.parse(s.startedAt) <= at);
    const inColumn = points.filter((p) => p.t >= at && p.t < at + width);
    const worst = (role: 'new' | 'live', key: 'errorRate' | 'p95Ms') => {
      const values = inColumn.filter((p) => p.role === role && p[key] !== undefined).map((p) => p[key]!);
      return values.length ? round(Math.max(...values)) : undefined;
    };
    out.push({
      at,
      weight: step?.weight ?? 0,
      new5xx: worst('new', 'errorRate'),
      live5xx: worst('live', 'errorRate'),
      newP95: worst('new', 'p95Ms'),
      liveP95: worst('live', 'p95Ms'),
    });
  }
  return out;
}

/** A series with gaps carried forward (a line needs a value per column); undefined when all empty. */
function series(values: (number | undefined)[]): number[] | undefined {
  if (values.every((v) => v === undefined)) return undefined;
  let last = values.find((v) => v !== undefined)!;
  return values.map((v) => (last = v ?? last));
}

function chart(title: string, labels: string[], axis: string, lines: { name: string; values?: number[] }[], bars?: number[]): string[] {
  const drawn = lines.filter((l) => l.values);
  const max = Math.max(1, ...drawn.flatMap((l) => l.values!), ...(bars ?? []));
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${bars ? '#2ca02c' : PALETTE}"}}}}%%`,
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${axis}" 0 --> ${Math.ceil(max * 1.1 * 100) / 100}`,
    ...(bars ? [`  bar [${bars.join(', ')}]`] : []),
    ...drawn.map((l) => `  line [${l.values!.join(', ')}]`),
    '```',
    '',
    ...(drawn.length ? [drawn.map((l, i) => `${['🟥', '🟦', '⬜'][i]} ${l.name}`).join(' · '), ''] : []),
  ];
}

export function renderRunChart(report: Report): string[] {
  const cols = columns(report);
  if (cols.length === 0 || report.steps.every((s) => !s.points?.length)) return [];
  const t0 = cols[0]!.at;
  const labels = cols.map((c) => `+${Math.round((c.at - t0) / 60_000)}m`);
  const limit = (metric: '5xx' | 'p95') => report.steps.flatMap((s) => s.gates).find((g) => g.limit?.metric === metric)?.limit?.value;
  const flat = (value: number | undefined) => (value === undefined ? undefined : cols.map(() => value));
  const lines: string[] = ['### The run', ''];
  lines.push(
    ...chart(
      'Traffic on the new version (%)',
      labels,
      '%',
      [],
      cols.map((c) => c.weight),
    ),
  );
  const metrics = [
    { title: '5xx rate (%) per period', axis: '%', metric: '5xx', gate: 'max-5xx-rate', next: 'new5xx', live: 'live5xx' },
    { title: 'p95 latency (ms) per period', axis: 'ms', metric: 'p95', gate: 'max-p95-latency', next: 'newP95', live: 'liveP95' },
  ] as const;
  for (const m of metrics) {
    const values = series(cols.map((c) => c[m.next]));
    if (!values) continue;
    lines.push(
      ...chart(m.title, labels, m.axis, [
        { name: 'new version', values },
        { name: 'live version', values: series(cols.map((c) => c[m.live])) },
        { name: m.gate, values: flat(limit(m.metric)) },
      ]),
    );
  }
  return lines;
}
