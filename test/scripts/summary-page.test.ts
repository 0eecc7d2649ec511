/**
 * The demo's summary page, opened in headless Chromium (Debian's `chromium`; .ci/run installs
 * it): the charts of the run must be drawn as SVG, not left as Mermaid source.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryPage } from '../../scripts/summary-page.ts';
import type { MetricPoint } from '../../shared/engine/ports.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { renderSummary } from '../../shared/engine/two-color/summary.ts';

const chromium = ['chromium', 'chromium-browser'].find((bin) => spawnSync('which', [bin]).status === 0);
if (!chromium) console.log('summary-page test skipped: no chromium on PATH (apt-get install -y chromium; .ci/run does)');

const T = Date.parse('2026-11-22T10:00:00Z');
const points = (m: number, rate: number): MetricPoint[] => [
  { t: T + m * 60_000, role: 'new', errorRate: rate, p95Ms: 120 + m },
  { t: T + m * 60_000, role: 'live', errorRate: 0.5, p95Ms: 100 },
];
const report: Report = {
  action: 'canary',
  cluster: 'demo',
  services: { blue: 'web-blue', green: 'web-green' },
  startedAt: new Date(T).toISOString(),
  result: 'rolled-back',
  timeline: [{ at: new Date(T).toISOString(), message: 'Deploying <b>web:2</b>' }],
  facts: {},
  steps: [10, 50].map((weight, i) => ({
    weight,
    weights: { blue: 100 - weight, green: weight },
    startedAt: new Date(T + i * 4 * 60_000).toISOString(),
    durationMs: 4 * 60_000,
    verdict: i ? 'fail' : 'pass',
    polls: 4,
    gates: [{ gate: '5xx rate', verdict: i ? 'fail' : 'pass', observed: '–', threshold: '≤ 2%', limit: { metric: '5xx', value: 2 } }],
    points: [0, 1, 2, 3].flatMap((m) => points(i * 4 + m, i ? 6 : 1)),
  })),
};

describe.skipIf(!chromium)('summary page in headless Chromium', () => {
  it('draws the charts of the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-page-'));
    try {
      const page = join(dir, 'summary.html');
      writeFileSync(page, summaryPage('canary', renderSummary(report)));
      const dumped = execFileSync(
        chromium!,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--virtual-time-budget=20000',
          '--dump-dom',
          `file://${page}`,
        ],
        { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      // The inlined Mermaid library is not part of what is checked.
      const dom = dumped.replace(/<script>[\s\S]*?<\/script>/g, '');
      expect(dom).toContain('data-charts="drawn"');
      // Three xycharts: weights, 5xx, p95; each an SVG with plotted lines.
      expect(dom.match(/<svg[^>]*aria-roledescription="xychart"/g)).toHaveLength(3);
      // Weights as bars; 5xx: new, live, limit; p95: new, live, as plotted lines.
      expect(dom.match(/class="bar-plot-\d+"/g)).toHaveLength(1);
      expect(dom.match(/class="line-plot-\d+"/g)).toHaveLength(5);
      expect(dom).not.toContain('xychart-beta');
      // The table is rendered Markdown, and text from the run is escaped, not markup.
      expect(dom).toContain('<th>Window (UTC)</th>');
      expect(dom).toContain('Deploying &lt;b&gt;web:2&lt;/b&gt;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
