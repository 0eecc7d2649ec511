/**
 * Real servers on loopback for the smoke tests: plain HTTP, and HTTPS with a certificate made
 * by the machine's openssl for 127.0.0.1 with a chosen lifetime (e.g. 2 days, to trip tls-min-days).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
  /** The PEM file, for NODE_EXTRA_CA_CERTS. */
  certPath: string;
}

export function makeCertificate(days: number): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', String(days)].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (request: SeenRequest, response: http.ServerResponse, hit: number) => void;

/** Serves `routes[path]`, where `hit` counts that path's requests from 0; other paths get 404. */
export async function startServer(routes: Record<string, Route>, tls?: Certificate): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const hits = new Map<string, number>();
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '/';
      const entry: SeenRequest = { method: request.method ?? '', path, headers: request.headers, body };
      seen.push(entry);
      const route = routes[path.split('?')[0]!];
      const hit = hits.get(path) ?? 0;
      hits.set(path, hit + 1);
      if (route) route(entry, response, hit);
      else response.writeHead(404).end('not found');
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, value: unknown): Route =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

export const text =
  (status: number, body = ''): Route =>
  (_req, res) =>
    res.writeHead(status).end(body);

/** Answers after `ms`. */
export const slow =
  (ms: number, status = 200): Route =>
  (_req, res) =>
    setTimeout(() => res.writeHead(status).end('slow ok'), ms);

/** 503 for the first `failures` requests, then 200: a deployment still starting. */
export const flapping =
  (failures: number): Route =>
  (_req, res, hit) =>
    hit < failures ? res.writeHead(503).end('starting') : res.writeHead(200).end('{"status":"ok"}');
