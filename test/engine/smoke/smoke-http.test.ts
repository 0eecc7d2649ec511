/** The engine with the real HTTP probe and real time against servers on loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChecks } from '../../../shared/engine/smoke/checks.ts';
import { runSmoke, type SmokePlan } from '../../../shared/engine/smoke/smoke.ts';
import { systemClock } from '../../../shared/github/action.ts';
import { createHttpProbe } from '../../../shared/net/http-probe.ts';
import { MemoryLog } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { flapping, json, makeCertificate, slow, startServer, text, type Certificate, type TestServer } from '../../support/http-servers.ts';

function smoke(url: string, checks: string, over: Partial<SmokePlan> = {}, ca?: string) {
  const plan: SmokePlan = {
    target: { url, headers: { 'x-canary': 'always' }, requestTimeoutMs: 5_000, insecure: false },
    checks: parseChecks(checks),
    timeoutMs: 0,
    retryIntervalMs: 100,
    ...over,
  };
  return runSmoke(plan, { probe: createHttpProbe({ ca: ca ? [ca] : [] }), clock: systemClock, log: new MemoryLog() }).then((o) => o.report);
}

describe('smoke checks against a real HTTP server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      '/health': json(200, { status: 'ok', items: [{ id: 3 }] }),
      '/degraded': json(200, { status: 'degraded', items: [] }),
      '/slow': slow(300),
      '/flapping': flapping(3),
      '/down': flapping(1_000_000),
      '/canary-only': (req, res) => res.writeHead(req.headers['x-canary'] === 'always' ? 200 : 404).end(),
      '/sometimes': (_req, res, hit) => res.writeHead(hit % 10 === 9 ? 502 : 200).end(),
    });
  });
  afterAll(() => server.close());

  it('waits for a flapping endpoint that turns healthy within the timeout', async () => {
    const report = await smoke(server.url, '- path: /flapping', { timeoutMs: 10_000 });
    expect(report.result).toBe('passed');
    expect(report.checks[0]).toMatchObject({ status: 'pass', attempts: 4, httpStatus: 200 });
  });

  it('fails an endpoint that stays unhealthy past the timeout', async () => {
    const report = await smoke(server.url, '- path: /down', { timeoutMs: 300 });
    expect(report.result).toBe('failed');
    expect(report.checks[0]!.attempts).toBeGreaterThan(1);
    expect(report.checks[0]!.detail).toMatch(/^status 503, expected 200 \(body: starting\) \(\d+ attempts over [\d.]+m?s\)$/);
  });

  it('fails a slow endpoint against max-latency', async () => {
    const report = await smoke(server.url, '- {path: /slow, max-latency: 100ms}');
    expect(report.checks[0]).toMatchObject({ status: 'fail', httpStatus: 200 });
    expect(report.checks[0]!.detail).toMatch(/^latency \d+ms > max 100ms$/);
    expect(report.checks[0]!.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it('reports a JSON body mismatch with what it got', async () => {
    const report = await smoke(
      server.url,
      `
- {name: healthy, path: /health, expect-json: ['status = "ok"', 'items[0].id = 3']}
- {name: degraded, path: /degraded, expect-json: ['status = "ok"', 'items[0].id = 3']}`,
    );
    expect(report.checks.map((c) => [c.name, c.status, c.detail])).toEqual([
      ['healthy', 'pass', expect.stringMatching(/^200 in \d+m?s$/)],
      ['degraded', 'fail', 'status: expected "ok", got "degraded"; items[0].id: expected 3, but items has 0 elements'],
    ]);
  });

  it('sends the common headers with every request, so a header rule reaches the canary', async () => {
    const report = await smoke(server.url, '- {path: /canary-only, headers: {X-Check: one}}');
    expect(report.result).toBe('passed');
    expect(server.seen.at(-1)!.headers).toMatchObject({ 'x-canary': 'always', 'x-check': 'one' });
  });

  it('runs a burst with error rate and percentiles', async () => {
    const report = await smoke(server.url, '- path: /sometimes', { burst: { requests: 50, concurrency: 5, maxErrorRatePercent: 5 } });
    expect(report.burst).toMatchObject({ requests: 50, concurrency: 5, errors: 5, errorRatePercent: 10 });
    expect(report.burst!.p50Ms).toBeLessThanOrEqual(report.burst!.p95Ms!);
    expect(report.burst!.p95Ms).toBeLessThanOrEqual(report.burst!.p99Ms!);
    expect(report.checks.at(-1)!.detail).toMatch(/^5\/50 errors \(10%\) > max 5%, e\.g\. GET \/sometimes: status 502/);
    expect(report.result).toBe('failed');
  });
});

describe('smoke checks against a real HTTPS server', () => {
  let expiring: Certificate;
  let server: TestServer;
  beforeAll(async () => {
    expiring = makeCertificate(2);
    server = await startServer({ '/health': text(200, 'ok') }, expiring);
  });
  afterAll(() => server.close());

  it('fails a certificate that expires sooner than tls-min-days', async () => {
    const report = await smoke(server.url, '- path: /health', { tlsMinDays: 7 }, expiring.cert);
    expect(report.checks.map((c) => [c.kind, c.status])).toEqual([
      ['http', 'pass'],
      ['tls', 'fail'],
    ]);
    expect(report.checks[1]!.detail).toMatch(
      /^CN=127\.0\.0\.1 valid until \S+ \([12]\.\d days left\) < min 7 days: renew the certificate$/,
    );
    expect(report.result).toBe('failed');
  });

  it('passes it when it is valid long enough', async () => {
    const report = await smoke(server.url, '- path: /health', { tlsMinDays: 1 }, expiring.cert);
    expect(report.result).toBe('passed');
  });

  it('fails on an untrusted certificate unless insecure', async () => {
    const strict = await smoke(server.url, '- path: /health');
    expect(strict.checks[0]!.detail).toContain('no answer: TLS handshake with 127.0.0.1');
    const insecure = await smoke(server.url, '- path: /health', {
      target: { url: server.url, headers: {}, requestTimeoutMs: 5_000, insecure: true },
      tlsMinDays: 1,
    });
    expect(insecure.result).toBe('passed');
  });
});
