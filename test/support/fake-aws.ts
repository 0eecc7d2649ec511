/**
 * The one fake AWS endpoint for unit and bundle tests (AWS_ENDPOINT_URL or a client's `endpoint`
 * points here). It records every request and answers each operation from a handler: JSON
 * protocols (ECS, ECR, CloudWatch) are told by `X-Amz-Target`, Query protocols (ELB, STS) by
 * `Action`. With no handler for an operation it answers an AWS error, so an empty fake proves
 * how many calls a bundle made (for bad inputs: none); `silent` never answers at all.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface AwsCall {
  /** The operation name, e.g. `DescribeServices`. */
  operation: string;
  params: Record<string, unknown>;
}

/** A whole HTTP answer, for statuses, AWS errors and non-AWS bodies. */
export class HttpReply {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;

  constructor(status: number, body: string, contentType = 'application/x-amz-json-1.1') {
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }
}

/** An AWS error as the JSON protocols send it. */
export const awsError = (status: number, type: string, message: string) => new HttpReply(status, JSON.stringify({ __type: type, message }));

/**
 * What a handler answers: a JSON protocol's response object, a Query protocol's inner `<Operation>Result` XML, or an
 * HttpReply.
 */
export type Handler = (params: Record<string, unknown>, request: IncomingMessage) => unknown;

export interface FakeAwsOptions {
  handlers?: Record<string, Handler>;
  /** Answers operations without a handler; by default an UnknownOperationException. */
  fallback?: Handler;
  /** Accept connections and read requests, but never answer. */
  silent?: boolean;
}

export interface FakeAws {
  url: string;
  calls: AwsCall[];
  /** The operation names called, in order. */
  operations(): string[];
  /** The calls as the wire names them, in order: the `X-Amz-Target` header, or the Query `Action`. */
  targets(): string[];
  /** Forget the calls so far. */
  reset(): void;
  close(): Promise<void>;
}

const noSuchOperation =
  (operation: string): Handler =>
  () =>
    awsError(400, 'UnknownOperationException', `fake AWS has no ${operation}`);

export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const calls: AwsCall[] = [];
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const header = req.headers['x-amz-target'];
      const json = typeof header === 'string';
      const params: Record<string, unknown> = json
        ? (JSON.parse(body || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      const target = json ? header : String(params.Action ?? req.url);
      const operation = target.slice(target.lastIndexOf('.') + 1);
      calls.push({ operation, params });
      targets.push(target);
      if (options.silent) return;
      const handler = options.handlers?.[operation] ?? options.fallback ?? noSuchOperation(operation);
      const answer = handler(params, req);
      if (answer instanceof HttpReply) {
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        res.end(answer.body);
      } else if (json) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer ?? {}));
      } else {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<${operation}Response><${operation}Result>${String(answer ?? '')}</${operation}Result>` +
            `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${operation}Response>`,
        );
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    operations: () => calls.map((c) => c.operation),
    targets: () => [...targets],
    reset: () => {
      calls.length = 0;
      targets.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
