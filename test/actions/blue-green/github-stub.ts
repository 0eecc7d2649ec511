/**
 * A loopback stand-in for the GitHub Deployments API (GITHUB_API_URL points at it): records
 * every request and answers like GitHub, or with 403 as for a token without deployments: write.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHubRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

export interface GitHubStub {
  url: string;
  requests: GitHubRequest[];
  forbidden: boolean;
  close(): Promise<void>;
}

export async function githubStub(): Promise<GitHubStub> {
  let nextId = 100;
  const stub: GitHubStub = { url: '', requests: [], forbidden: false, close: async () => {} };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      stub.requests.push({ method: req.method ?? '', path, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (stub.forbidden) return reply(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'POST' && /\/deployments$/.test(path)) return reply(201, { id: nextId++ });
      if (req.method === 'POST') return reply(201, { id: 1 });
      return reply(200, []);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
