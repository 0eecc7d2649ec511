/** dist/smoke/index.js run as the runner runs it, against servers on loopback. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { flapping, json, makeCertificate, startServer, text, type Certificate, type TestServer } from '../../support/http-servers.ts';

const SECRET = 's3cr3t-token-value';

describe('smoke bundle', () => {
  let server: TestServer;
  let secure: TestServer;
  let certificate: Certificate;
  beforeAll(async () => {
    server = await startServer({
      '/health': json(200, { status: 'ok' }),
      '/flapping': flapping(2),
      '/degraded': json(200, { status: 'degraded' }),
      '/canary': (req, res) => res.writeHead(req.headers['x-canary'] === 'always' ? 200 : 404).end(),
    });
    certificate = makeCertificate(2);
    secure = await startServer({ '/health': text(200, 'ok') }, certificate);
  });
  afterAll(async () => {
    await server.close();
    await secure.close();
  });

  it('passes, with outputs, a job summary and a JSON report', async () => {
    const run = await runBundle('smoke', {
      inputs: {
        url: server.url,
        checks: `
- {path: /flapping}
- {name: canary, path: /canary, expect-json: []}
- {name: optional, path: /degraded, critical: false, expect-json: 'status = "ok"'}`,
        headers: `X-Canary: always\nAuthorization: Bearer ${SECRET}`,
        'retry-interval': '100ms',
        timeout: '2s',
        requests: '20',
        concurrency: '4',
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'passed', passed: '3', failed: '1' });
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8'));
    expect(report.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['GET /flapping', 'pass'],
      ['canary', 'pass'],
      ['optional', 'fail'],
      ['burst: 20 requests, 4 at a time', 'pass'],
    ]);
    expect(report.burst).toMatchObject({ requests: 20, errors: 0 });
    expect(run.summary).toContain('## ✅ Smoke checks passed');
    expect(run.summary).toContain('| ⚠️ | optional (`GET /degraded`) | no |');
    expect(run.stdout).toContain('::warning::Non-critical smoke check failed: optional: status: expected "ok", got "degraded"');
    expect(run.stdout).toContain(`::add-mask::${SECRET}`);
    expect(server.seen.filter((r) => r.path === '/canary').every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('fails the step on a critical mismatch, with the reason in the annotation', async () => {
    const run = await runBundle('smoke', {
      inputs: { url: server.url, checks: '- {path: /degraded, expect-json: \'status = "ok"\'}', timeout: '0s' },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `1 critical smoke check failed against ${server.url}: GET /degraded: status: expected "ok", got "degraded". See the job summary for each check. If the deployment only needs longer to start answering, raise \`timeout\`.`,
    ]);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '0', failed: '1' });
    expect(run.summary).toContain('| ❌ | GET /degraded | yes |');
  });

  it('checks the certificate of an https deployment against tls-min-days', async () => {
    const env = { NODE_EXTRA_CA_CERTS: certificate.certPath };
    const ok = await runBundle('smoke', { inputs: { url: secure.url, 'tls-min-days': '1' }, env });
    expect(ok.outputs.result).toBe('passed');
    const expiring = await runBundle('smoke', { inputs: { url: secure.url, 'tls-min-days': '30' }, env });
    expect(expiring.code).toBe(1);
    expect(expiring.errors[0]).toMatch(
      /TLS certificate valid ≥ 30 days: CN=127\.0\.0\.1 valid until .* < min 30 days: renew the certificate/,
    );
  });

  it('runs the command with the target in its environment, its exit code as a critical check', async () => {
    const passing = await runBundle('smoke', {
      inputs: {
        url: server.url,
        headers: 'X-Canary: always',
        command: 'echo "url=$SMOKE_URL headers=$SMOKE_HEADERS"; test "$SMOKE_URL" = "' + server.url + '"',
      },
    });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain(`::group::Test suite: echo`);
    expect(passing.stdout).toContain(`url=${server.url} headers={"x-canary":"always"}`);
    expect(passing.summary).toMatch(/\| ✅ \| command: echo .* \| exit code 0 in /);

    const failing = await runBundle('smoke', { inputs: { url: server.url, command: 'echo "2 tests failed" >&2; exit 3' } });
    expect(failing.code).toBe(1);
    expect(failing.errors[0]).toContain('command: echo "2 tests failed" >&2; exit 3: exit code 3 in');
    expect(failing.errors[0]).toContain(': 2 tests failed');
  });

  const url = 'https://app.example.com';
  it.each([
    ['url', { url: '' }],
    ['url', { url: 'app.example.com' }],
    ['url', { url: 'ftp://app.example.com' }],
    ['url', { url: 'https://app.example.com/?x=1' }],
    ['checks', { checks: '- path: [' }],
    ['checks', { checks: 'path: /health' }],
    ['checks', { checks: '- {path: /health, expect_status: 200}' }],
    ['checks', { checks: '- {path: /health, expect-json: status = ok}' }],
    ['checks', { checks: 'missing/smoke.yml' }],
    ['headers', { headers: 'X-Canary always' }],
    ['timeout', { timeout: '2 minutes' }],
    ['retry-interval', { 'retry-interval': '10ms' }],
    ['request-timeout', { 'request-timeout': 'soon' }],
    ['requests', { requests: '-5' }],
    ['concurrency', { concurrency: '0', requests: '10' }],
    ['max-error-rate', { 'max-error-rate': '150' }],
    ['max-p95-latency', { 'max-p95-latency': '300ms' }],
    ['tls-min-days', { url: 'http://app.example.com', 'tls-min-days': '7' }],
    ['tls-min-days', { 'tls-min-days': 'a week' }],
    ['insecure', { insecure: 'maybe' }],
  ])('refuses a bad %s with one line naming it: %j', async (input, inputs) => {
    const run = await runBundle('smoke', { inputs: { url, ...inputs } });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(new RegExp(`^Input "${input}": `));
    expect(run.errors[0]).not.toContain('\n');
    // No check ran: the summary says only why.
    expect(run.summary.trim()).toBe(`## ❌ Failed: ${run.errors[0]}`);
  });
});
