/**
 * A loopback AWS endpoint for the bundle test, answering the few operations a preflight run makes
 * (JSON protocols by X-Amz-Target, Query protocols by Action) and recording every call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (params: Record<string, unknown>) => { json?: unknown; xml?: string; status?: number };

export interface StubAws {
  url: string;
  calls: string[];
  close(): Promise<void>;
}

export async function startStubAws(handlers: Record<string, Handler>): Promise<StubAws> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const params: Record<string, unknown> = target
        ? (JSON.parse(body || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      const operation = typeof target === 'string' ? target.split('.').pop()! : String(params.Action);
      calls.push(operation);
      const handler = handlers[operation];
      const answer = handler ? handler(params) : { status: 400, json: { __type: 'UnknownOperationException', message: operation } };
      res.statusCode = answer.status ?? 200;
      if (answer.xml !== undefined) {
        res.setHeader('content-type', 'text/xml');
        res.end(answer.xml);
      } else {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify(answer.json ?? {}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
