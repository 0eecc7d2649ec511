/**
 * Loopback receivers for notification tests: each records what it was sent and answers as
 * told — 200, 500, never, or as Slack's Web API does for chat.postMessage / chat.update.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Behaviour = 'ok' | 'fail' | 'hang' | 'slack';

export interface Receiver {
  url: string;
  received: Received[];
  json(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function receiver(behaviour: Behaviour, onRequest?: (received: Received) => void): Promise<Receiver> {
  const received: Received[] = [];
  const hung: ServerResponse[] = [];
  let messages = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      onRequest?.(received.at(-1)!);
      if (behaviour === 'hang') return void hung.push(res);
      if (behaviour === 'fail') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<html>oops</html>');
      if (behaviour === 'slack') {
        // Slack's Web API: form or JSON in, {ok, channel, ts} out; the channel comes back as its ID.
        const ts = req.url?.includes('chat.postMessage') ? `1700000000.00${++messages}` : undefined;
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, channel: 'C0DEPLOYS', ts }));
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    json: () => received.map((r) => JSON.parse(r.body) as Record<string, unknown>),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
