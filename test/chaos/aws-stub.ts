/**
 * A loopback stand-in for the few ECS (JSON protocol) and ELB (Query protocol) operations the
 * chaos bundle calls, so the committed bundle can run exactly as the runner runs it, with
 * AWS_ENDPOINT_URL pointing here. Every call is recorded with its parameters.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  operation: string;
  params: Record<string, unknown>;
}

/** JSON operations return an object; Query operations return the inner XML of `<Op>Result>`. */
export type Handlers = Record<string, (params: Record<string, unknown>) => unknown>;

export async function startAwsStub(handlers: Handlers) {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const json = typeof target === 'string';
      const params: Record<string, unknown> = json
        ? (JSON.parse(body || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      const operation = json ? target.slice(target.lastIndexOf('.') + 1) : String(params.Action);
      calls.push({ operation, params });
      const handler = handlers[operation];
      if (!handler) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `stub has no ${operation}` }));
        return;
      }
      const result = handler(params);
      if (json) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(result ?? {}));
      } else {
        const ns = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<${operation}Response xmlns="${ns}"><${operation}Result>${String(result ?? '')}</${operation}Result>` +
            `<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></${operation}Response>`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    operations: () => calls.map((c) => c.operation),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
