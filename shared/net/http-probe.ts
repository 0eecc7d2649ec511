import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { formatDuration } from '../duration.ts';
import { CancelledError } from '../errors.ts';
import type { HttpProbe, HttpRequest, HttpResponse, PeerCertificate } from '../engine/smoke/ports.ts';
import { SUITE, VERSION } from '../version.ts';

export interface ProbeOptions {
  /** Extra trusted CA certificates (PEM); the system's are trusted too via NODE_EXTRA_CA_CERTS. */
  ca?: string[];
  /** Bodies are read to the end (for the latency) but only this much is kept for comparisons. */
  maxBodyBytes?: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The smoke engine's HTTP client on node:http/node:https: one fresh connection per request (a
 * first visitor's latency, handshake included), the peer certificate of https answers, and a
 * deadline for the whole exchange rather than an idle-socket timeout.
 */
export function createHttpProbe(options: ProbeOptions = {}): HttpProbe {
  return { request: (request) => send(request, options) };
}

function send(request: HttpRequest, options: ProbeOptions): Promise<HttpResponse> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  const headers: Record<string, string> = { 'user-agent': `${SUITE}-smoke/${VERSION}`, ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  return new Promise<HttpResponse>((resolve, reject) => {
    if (request.signal?.aborted) return reject(new CancelledError());
    const started = performance.now();
    const settle = () => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => outgoing.destroy(new CancelledError());
    const client = secure ? https : http;
    const outgoing = client.request(url, {
      method: request.method,
      headers,
      agent: false,
      ...(secure ? { rejectUnauthorized: !request.insecure, ca: options.ca?.length ? options.ca : undefined } : {}),
    });
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${formatDuration(request.timeoutMs)}`)), request.timeoutMs);
    request.signal?.addEventListener('abort', onAbort, { once: true });

    outgoing.on('response', (response) => {
      const certificate = secure ? peerCertificate(response.socket as TLSSocket) : undefined;
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= limit) return;
        chunks.push(chunk.subarray(0, limit - kept));
        kept += chunk.length;
      });
      response.on('error', (error) => {
        settle();
        reject(readable(error, url));
      });
      response.on('end', () => {
        settle();
        resolve({
          status: response.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
          body: Buffer.concat(chunks).toString('utf8'),
          latencyMs: Math.round(performance.now() - started),
          certificate,
        });
      });
    });
    outgoing.on('error', (error) => {
      settle();
      reject(readable(error, url));
    });
    outgoing.end(request.body);
  });
}

function peerCertificate(socket: TLSSocket): PeerCertificate | undefined {
  const cert = socket.getPeerCertificate?.();
  if (!cert || !cert.valid_to) return undefined;
  const name = (part: unknown) => {
    const value = (part as Record<string, string | string[]> | undefined)?.CN;
    return value ? `CN=${[value].flat().join(',')}` : 'unknown';
  };
  return { validTo: new Date(cert.valid_to), subject: name(cert.subject), issuer: name(cert.issuer) };
}

const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ALTNAME/;

/** Node's network errors in words a workflow log reader can act on. */
function readable(error: Error, url: URL): Error {
  if (error instanceof CancelledError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const host = url.host;
  if (code === 'ECONNREFUSED') return new Error(`connection refused by ${host}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new Error(`host ${url.hostname} not found (DNS)`);
  if (code === 'ECONNRESET') return new Error(`connection reset by ${host}`);
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new Error(`${host} unreachable (${code})`);
  if (TLS_CODES.test(code)) {
    // Node's own hint (a command-line flag) is no use in an action; ours says what the workflow can change.
    const reason = error.message.split('; if the root CA')[0];
    return new Error(
      `TLS handshake with ${host} failed: ${reason} (${code}); trust its CA with NODE_EXTRA_CA_CERTS, or for a test endpoint set insecure`,
    );
  }
  return new Error(code ? `${error.message} (${code})` : error.message);
}
