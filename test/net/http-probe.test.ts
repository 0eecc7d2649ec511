import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../shared/errors.ts';
import { createHttpProbe } from '../../shared/net/http-probe.ts';
import { json, makeCertificate, slow, startServer, text, type Certificate, type TestServer } from '../support/http-servers.ts';

const request = (url: string, over: object = {}) => ({ url, method: 'GET', headers: {}, timeoutMs: 5_000, insecure: false, ...over });

describe('HTTP probe on loopback', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      '/health': json(200, { status: 'ok' }),
      '/echo': (req, res) => res.writeHead(201, { 'x-seen': req.headers['x-canary'] ?? '' }).end(req.body),
      '/slow': slow(2_000),
      '/big': text(200, 'x'.repeat(5_000)),
    });
  });
  afterAll(() => server.close());

  it('answers with status, headers, body and latency, and sends its user agent', async () => {
    const response = await createHttpProbe().request(request(`${server.url}/health`));
    expect(response).toMatchObject({ status: 200, body: '{"status":"ok"}', certificate: undefined });
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.seen.at(-1)!.headers['user-agent']).toBe('ecs-progressive-delivery-smoke/0.1.0');
  });

  it('sends the method, headers and body', async () => {
    const response = await createHttpProbe().request(
      request(`${server.url}/echo`, { method: 'POST', headers: { 'x-canary': 'always' }, body: '{"a":1}' }),
    );
    expect(response).toMatchObject({ status: 201, body: '{"a":1}', headers: { 'x-seen': 'always' } });
    expect(server.seen.at(-1)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-length': '7', 'x-canary': 'always' } });
  });

  it('keeps only the first bytes of a large body', async () => {
    const response = await createHttpProbe({ maxBodyBytes: 10 }).request(request(`${server.url}/big`));
    expect(response.body).toBe('xxxxxxxxxx');
  });

  it('gives up on an answer that takes longer than the request timeout', async () => {
    await expect(createHttpProbe().request(request(`${server.url}/slow`, { timeoutMs: 200 }))).rejects.toThrow('no answer within 200ms');
  });

  it('says when the connection is refused', async () => {
    const closed = await startServer({});
    await closed.close();
    const host = new URL(closed.url).host;
    await expect(createHttpProbe().request(request(`${closed.url}/health`))).rejects.toThrow(`connection refused by ${host}`);
  });

  it('stops with CancelledError when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = createHttpProbe().request(request(`${server.url}/slow`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    controller.abort();
    await expect(createHttpProbe().request(request(`${server.url}/health`, { signal: controller.signal }))).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});

describe('HTTPS probe on loopback', () => {
  let certificate: Certificate;
  let server: TestServer;
  beforeAll(async () => {
    certificate = makeCertificate(2);
    server = await startServer({ '/health': text(200, 'ok') }, certificate);
  });
  afterAll(() => server.close());

  it('returns the peer certificate of a trusted server', async () => {
    const response = await createHttpProbe({ ca: [certificate.cert] }).request(request(`${server.url}/health`));
    expect(response.status).toBe(200);
    expect(response.certificate).toMatchObject({ subject: 'CN=127.0.0.1', issuer: 'CN=127.0.0.1' });
    const daysLeft = (response.certificate!.validTo.getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(1);
    expect(daysLeft).toBeLessThanOrEqual(2);
  });

  it('refuses a certificate it cannot verify, saying why', async () => {
    await expect(createHttpProbe().request(request(`${server.url}/health`))).rejects.toThrow(
      /^TLS handshake with 127\.0\.0\.1:\d+ failed: self[- ]signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\); trust its CA with NODE_EXTRA_CA_CERTS, or for a test endpoint set insecure$/,
    );
  });

  it('accepts it when insecure, still showing the certificate', async () => {
    const response = await createHttpProbe().request(request(`${server.url}/health`, { insecure: true }));
    expect(response).toMatchObject({ status: 200, body: 'ok', certificate: { subject: 'CN=127.0.0.1' } });
  });
});
