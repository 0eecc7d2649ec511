import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKS, parseChecks } from '../../../shared/engine/smoke/checks.ts';
import { percentile } from '../../../shared/engine/smoke/burst.ts';
import { runSmoke, smokeFailure, warnings, type SmokePlan } from '../../../shared/engine/smoke/smoke.ts';
import { tlsCheck } from '../../../shared/engine/smoke/tls.ts';
import { FakeClock, MemoryLog, T0 } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { ScriptedProbe, ScriptedSuite } from './fake-probe.ts';

const URL = 'https://app.example.com';

function plan(over: Partial<SmokePlan> = {}): SmokePlan {
  return {
    target: { url: URL, headers: { 'x-canary': 'always' }, requestTimeoutMs: 10_000, insecure: false },
    checks: DEFAULT_CHECKS,
    timeoutMs: 60_000,
    retryIntervalMs: 5_000,
    ...over,
  };
}

function ports(probe: ScriptedProbe, suite?: ScriptedSuite) {
  return { probe, clock: new FakeClock(), log: new MemoryLog(), suite };
}

describe('retrying checks in virtual time', () => {
  it('retries a starting deployment every interval until it answers', async () => {
    const probe = new ScriptedProbe((_r, n) => (n < 2 ? new Error('connection refused by app') : n < 4 ? { status: 503 } : {}));
    const p = ports(probe);
    const { report } = await runSmoke(plan(), p);
    expect(report.result).toBe('passed');
    expect(report.checks[0]).toMatchObject({ name: 'GET /health', status: 'pass', attempts: 5, httpStatus: 200, detail: '200 in 10ms' });
    expect(p.clock.slept).toBe(4 * 5_000);
    expect(p.log.lines.filter((l) => l.includes('GET /health'))).toEqual([
      '✗ GET /health: no answer: connection refused by app; retrying every 5s',
      '✗ GET /health: status 503, expected 200 (empty body) (attempt 3); retrying every 5s',
      '✓ GET /health: 200 in 10ms (attempt 5)',
    ]);
  });

  it('gives up when the next attempt would start after the timeout, with the last mismatch', async () => {
    const probe = new ScriptedProbe(() => ({ status: 503, body: 'starting' }));
    const p = ports(probe);
    const { report } = await runSmoke(plan({ timeoutMs: 30_000 }), p);
    expect(report.result).toBe('failed');
    expect(probe.requests).toHaveLength(7);
    expect(p.clock.time - T0).toBe(30_000);
    expect(report.checks[0]!.detail).toBe('status 503, expected 200 (body: starting) (7 attempts over 30s)');
    expect(smokeFailure(report)?.message).toBe(
      '1 critical smoke check failed against https://app.example.com: GET /health: status 503, expected 200 (body: starting) (7 attempts over 30s)',
    );
  });

  it('makes one attempt with a zero timeout', async () => {
    const probe = new ScriptedProbe(() => ({ status: 500 }));
    const { report } = await runSmoke(plan({ timeoutMs: 0 }), ports(probe));
    expect(probe.requests).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ status: 'fail', attempts: 1, detail: 'status 500, expected 200 (empty body)' });
  });

  it('shares one deadline between the checks', async () => {
    const checks = parseChecks('- path: /a\n- path: /b');
    const probe = new ScriptedProbe((r, n) =>
      r.url.endsWith('/a') && n < 4 ? { status: 503 } : r.url.endsWith('/b') ? { status: 500 } : {},
    );
    const { report } = await runSmoke(plan({ checks, timeoutMs: 30_000 }), ports(probe));
    expect(report.checks.map((c) => [c.name, c.status, c.attempts])).toEqual([
      ['GET /a', 'pass', 5],
      ['GET /b', 'fail', 3],
    ]);
  });

  it('retries a slow answer against max-latency and a JSON mismatch like any other failure', async () => {
    const checks = parseChecks('- {path: /slow, max-latency: 100ms}\n- {path: /json, expect-json: \'status = "ok"\'}');
    const probe = new ScriptedProbe((r, n) =>
      r.url.endsWith('/slow') ? { latencyMs: n === 0 ? 900 : 40 } : { body: '{"status":"degraded"}' },
    );
    const { report } = await runSmoke(plan({ checks, timeoutMs: 10_000 }), ports(probe));
    expect(report.checks[0]).toMatchObject({ status: 'pass', attempts: 2, latencyMs: 40 });
    expect(report.checks[1]).toMatchObject({
      status: 'fail',
      attempts: 2,
      detail: 'status: expected "ok", got "degraded" (2 attempts over 5s)',
    });
  });

  it('sends the common headers, the check headers and the body to the joined URL', async () => {
    const checks = parseChecks('- {path: /orders, method: POST, headers: {X-Canary: never, Authorization: Bearer t}, body: {a: 1}}');
    const probe = new ScriptedProbe();
    await runSmoke(plan({ checks, target: { ...plan().target, url: 'http://h:8080/api' } }), ports(probe));
    expect(probe.requests[0]).toEqual({
      url: 'http://h:8080/api/orders',
      method: 'POST',
      headers: { 'x-canary': 'never', authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 10_000,
      insecure: false,
      signal: undefined,
    });
  });

  it('warns on a non-critical failure without failing the run', async () => {
    const checks = parseChecks('- path: /health\n- {path: /optional, critical: false}');
    const probe = new ScriptedProbe((r) => (r.url.endsWith('/optional') ? { status: 404 } : {}));
    const { report } = await runSmoke(plan({ checks, timeoutMs: 0 }), ports(probe));
    expect(report).toMatchObject({ result: 'passed', passed: 1, failed: 1 });
    expect(warnings(report).map((c) => c.name)).toEqual(['GET /optional']);
    expect(smokeFailure(report)).toBeUndefined();
  });

  it('stops at once when cancelled, reporting what ran', async () => {
    const controller = new AbortController();
    const probe = new ScriptedProbe(() => ({ status: 503 }));
    const p = ports(probe);
    p.clock.onSleep = (now) => {
      if (now - T0 >= 10_000) controller.abort();
    };
    const { report } = await runSmoke(plan(), p, controller.signal);
    expect(report.result).toBe('cancelled');
    expect(probe.requests).toHaveLength(2);
    expect(smokeFailure(report)?.message).toBe('Smoke checks against https://app.example.com were cancelled');
  });
});

describe('TLS expiry', () => {
  const cert = (days: number) => ({ validTo: new Date(T0 + days * 86_400_000), subject: 'CN=app', issuer: 'CN=ca' });

  it('passes a certificate valid long enough and fails one close to expiry', () => {
    expect(tlsCheck(cert(30), 14, T0)).toMatchObject({
      status: 'pass',
      detail: 'CN=app valid until 2026-12-22T10:00:00.000Z (30.0 days left)',
    });
    expect(tlsCheck(cert(2), 14, T0)).toMatchObject({
      status: 'fail',
      critical: true,
      detail: 'CN=app valid until 2026-11-24T10:00:00.000Z (2.0 days left) < min 14 days: renew the certificate',
    });
    expect(tlsCheck(cert(-1), 0, T0).detail).toContain('(expired 1.0 days ago) < min 0 days');
    expect(tlsCheck(undefined, 1, T0)).toMatchObject({ status: 'fail', detail: 'no TLS certificate seen: no https check got an answer' });
  });

  it('uses the certificate of the first https answer', async () => {
    const probe = new ScriptedProbe(() => ({ certificate: cert(2) }));
    const { report } = await runSmoke(plan({ tlsMinDays: 7 }), ports(probe));
    expect(report.checks.map((c) => [c.kind, c.status])).toEqual([
      ['http', 'pass'],
      ['tls', 'fail'],
    ]);
    expect(report.result).toBe('failed');
  });
});

describe('burst', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeUndefined();
  });

  it('measures error rate and percentiles, cycling through the checks', async () => {
    const checks = parseChecks('- path: /a\n- path: /b');
    // n counts each path's requests: 0 is the check, 1…100 the burst; every tenth /b answers 500.
    const probe = new ScriptedProbe((r, n) => ({ status: r.url.endsWith('/b') && n > 0 && n % 10 === 0 ? 500 : 200, latencyMs: n || 10 }));
    const { report } = await runSmoke(
      plan({ checks, burst: { requests: 200, concurrency: 8, maxErrorRatePercent: 10, maxP95Ms: 1_000 } }),
      ports(probe),
    );
    expect(probe.requests).toHaveLength(202);
    expect(probe.requests.filter((r) => r.url.endsWith('/a'))).toHaveLength(101);
    expect(report.burst).toMatchObject({ requests: 200, concurrency: 8, errors: 10, errorRatePercent: 5, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(report.burst!.errorSamples).toEqual(['GET /b: status 500']);
    expect(report.checks.at(-1)).toMatchObject({ kind: 'burst', status: 'pass', critical: true });
    expect(report.p95Ms).toBe(report.burst!.p95Ms);
    expect(report.result).toBe('passed');
  });

  it('fails on too many errors and on p95 above the maximum, with the numbers', async () => {
    const probe = new ScriptedProbe((_r, n) =>
      n === 0 ? {} : n % 4 === 0 ? new Error('connection reset by app') : { latencyMs: n % 3 === 0 ? 900 : 100 },
    );
    const { report } = await runSmoke(
      plan({ burst: { requests: 40, concurrency: 4, maxErrorRatePercent: 5, maxP95Ms: 500 } }),
      ports(probe),
    );
    const burst = report.checks.at(-1)!;
    expect(burst.status).toBe('fail');
    expect(burst.detail).toBe(
      '10/40 errors (25%) > max 5%, e.g. GET /health: connection reset by app; p95 900ms > max 500ms (p50 100ms, p95 900ms, p99 900ms)',
    );
    expect(report.result).toBe('failed');
  });

  it('is skipped, like the command, when a critical check failed', async () => {
    const probe = new ScriptedProbe(() => ({ status: 500 }));
    const suite = new ScriptedSuite('npm test');
    const { report } = await runSmoke(
      plan({ timeoutMs: 0, burst: { requests: 50, concurrency: 5, maxErrorRatePercent: 0 } }),
      ports(probe, suite),
    );
    expect(probe.requests).toHaveLength(1);
    expect(suite.runs).toEqual([]);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['GET /health', 'fail'],
      ['burst: 50 requests', 'skipped'],
      ['command: npm test', 'skipped'],
    ]);
    expect(report).toMatchObject({ passed: 0, failed: 1 });
  });

  it('repeats only the checks that passed, so a failing non-critical check does not fail the burst', async () => {
    const checks = parseChecks('- path: /health\n- {path: /optional, critical: false}');
    const probe = new ScriptedProbe((r) => (r.url.endsWith('/optional') ? { status: 404 } : {}));
    const { report } = await runSmoke(
      plan({ checks, timeoutMs: 0, burst: { requests: 10, concurrency: 2, maxErrorRatePercent: 0 } }),
      ports(probe),
    );
    expect(probe.requests.filter((r) => r.url.endsWith('/optional'))).toHaveLength(1);
    expect(report.burst).toMatchObject({ requests: 10, errors: 0 });
    expect(report.result).toBe('passed');
  });

  it('is skipped when no check passed', async () => {
    const checks = parseChecks('- {path: /optional, critical: false}');
    const probe = new ScriptedProbe(() => ({ status: 404 }));
    const { report } = await runSmoke(
      plan({ checks, timeoutMs: 0, burst: { requests: 10, concurrency: 2, maxErrorRatePercent: 0 } }),
      ports(probe),
    );
    expect(probe.requests).toHaveLength(1);
    expect(report.checks.at(-1)).toMatchObject({
      kind: 'burst',
      status: 'skipped',
      detail: 'skipped: no check passed, so there is no request to repeat',
    });
    expect(report.result).toBe('passed');
  });

  it('caps the concurrency at the number of requests', async () => {
    const { report } = await runSmoke(
      plan({ burst: { requests: 3, concurrency: 50, maxErrorRatePercent: 0 } }),
      ports(new ScriptedProbe()),
    );
    expect(report.burst).toMatchObject({ requests: 3, concurrency: 3 });
  });
});

describe('the test suite command', () => {
  it('gets the target in its environment and counts as one critical check', async () => {
    const suite = new ScriptedSuite('npm run e2e', { exitCode: 0, durationMs: 4_200 });
    const { report } = await runSmoke(plan(), ports(new ScriptedProbe(), suite));
    expect(suite.runs).toEqual([{ SMOKE_URL: URL, SMOKE_HEADERS: '{"x-canary":"always"}' }]);
    expect(report.checks.at(-1)).toEqual({
      name: 'command: npm run e2e',
      kind: 'command',
      critical: true,
      status: 'pass',
      latencyMs: 4_200,
      attempts: 1,
      detail: 'exit code 0 in 4.2s',
    });
  });

  it('fails the run on a non-zero exit code, quoting its last line', async () => {
    const suite = new ScriptedSuite('npm run e2e', { exitCode: 2, durationMs: 900, lastLine: '3 tests failed' });
    const { report } = await runSmoke(plan(), ports(new ScriptedProbe(), suite));
    expect(report.result).toBe('failed');
    expect(smokeFailure(report)?.why).toEqual(['command: npm run e2e: exit code 2 in 900ms: 3 tests failed']);
    expect(smokeFailure(report)?.fix).toBe('See the job summary for each check.');
  });
});
