import { describe, expect, it } from 'vitest';
import type { SmokeReport } from '../../../shared/engine/smoke/report.ts';
import { renderSmokeSummary } from '../../../shared/engine/smoke/summary.ts';

const report: SmokeReport = {
  action: 'smoke',
  url: 'https://app.example.com',
  startedAt: '2026-11-22T10:00:00.000Z',
  finishedAt: '2026-11-22T10:00:09.000Z',
  result: 'failed',
  passed: 2,
  failed: 3,
  p95Ms: 420,
  checks: [
    {
      name: 'GET /health',
      kind: 'http',
      critical: true,
      status: 'pass',
      request: 'GET /health',
      httpStatus: 200,
      latencyMs: 12,
      attempts: 3,
      detail: '200 in 12ms',
    },
    {
      name: 'orders',
      kind: 'http',
      critical: true,
      status: 'fail',
      request: 'GET /orders',
      httpStatus: 200,
      latencyMs: 30,
      attempts: 1,
      detail: 'status: expected "ok", got "a|b"',
    },
    {
      name: 'GET /extra',
      kind: 'http',
      critical: false,
      status: 'fail',
      request: 'GET /extra',
      httpStatus: 404,
      latencyMs: 5,
      attempts: 1,
      detail: 'status 404, expected 200 (empty body)',
    },
    {
      name: 'burst: 100 requests, 10 at a time',
      kind: 'burst',
      critical: true,
      status: 'fail',
      latencyMs: 420,
      attempts: 1,
      detail: 'p95 420ms > max 300ms',
    },
    {
      name: 'command: npm test',
      kind: 'command',
      critical: true,
      status: 'skipped',
      attempts: 0,
      detail: 'skipped: a critical check failed',
    },
  ],
  burst: {
    requests: 100,
    concurrency: 10,
    errors: 2,
    errorRatePercent: 2,
    p50Ms: 40,
    p95Ms: 420,
    p99Ms: 1_500,
    maxErrorRatePercent: 5,
    maxP95Ms: 300,
    errorSamples: ['GET /health: status 502'],
  },
};

describe('smoke job summary', () => {
  it('has a row per check with status, latency and the mismatch, then the burst against its thresholds', () => {
    expect(renderSmokeSummary(report)).toBe(
      [
        '## ❌ Smoke checks failed: https://app.example.com',
        '',
        '2 passed, 3 failed, p95 420ms.',
        '',
        '| | Check | Critical | Latency | Attempts | Detail |',
        '|---|---|---|---|---|---|',
        '| ✅ | GET /health | yes | 12ms | 3 | 200 in 12ms |',
        '| ❌ | orders (`GET /orders`) | yes | 30ms | 1 | status: expected "ok", got "a\\|b" |',
        '| ⚠️ | GET /extra | no | 5ms | 1 | status 404, expected 200 (empty body) |',
        '| ❌ | burst: 100 requests, 10 at a time | yes | 420ms | 1 | p95 420ms > max 300ms |',
        '| ⏭️ | command: npm test | yes | – | 0 | skipped: a critical check failed |',
        '',
        '### Burst',
        '',
        '| Requests | Concurrency | Errors | p50 | p95 | p99 |',
        '|---|---|---|---|---|---|',
        '| 100 | 10 | ✅ 2/100 (2%) (max 5%) | 40ms | ❌ 420ms (max 300ms) | 1.5s |',
        '',
        'Errors seen: GET /health: status 502',
        '',
      ].join('\n'),
    );
  });

  it('heads a passing run and leaves out the burst when there was none', () => {
    const markdown = renderSmokeSummary({
      ...report,
      result: 'passed',
      passed: 1,
      failed: 0,
      p95Ms: undefined,
      checks: report.checks.slice(0, 1),
      burst: undefined,
    });
    expect(markdown.split('\n').slice(0, 3)).toEqual(['## ✅ Smoke checks passed: https://app.example.com', '', '1 passed, 0 failed.']);
    expect(markdown).not.toContain('### Burst');
  });
});
