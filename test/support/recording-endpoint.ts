/**
 * A loopback HTTP endpoint that records every request and answers each with an AWS error.
 * Pointing AWS_ENDPOINT_URL at it proves how many AWS calls a bundle made (for bad inputs: none).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingEndpoint {
  url: string;
  /** `X-Amz-Target` or the Query `Action` of each request, in order. */
  operations: string[];
  close(): Promise<void>;
}

export async function recordingEndpoint(): Promise<RecordingEndpoint> {
  const operations: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      operations.push(String(req.headers['x-amz-target'] ?? new URLSearchParams(body).get('Action') ?? req.url));
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'RecordingEndpointException', message: 'recording endpoint: no AWS behind it' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    operations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
