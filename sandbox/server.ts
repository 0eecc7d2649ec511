import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { HANG, type CallLog } from './call-log.ts';
import { AwsError, isAwsError } from './errors.ts';
import { uuid } from './ids.ts';
import { parseJsonBody, writeJsonError, writeJsonResult, type JsonProtocol } from './protocols/json.ts';
import { parseQueryParams, writeQueryError, writeQueryResult, type QueryProtocol } from './protocols/query.ts';
import type { CallContext, Operations } from './services/types.ts';

export interface JsonBinding extends JsonProtocol {
  kind: 'json';
  /** X-Amz-Target prefix, e.g. AmazonEC2ContainerServiceV20141113. */
  targetPrefix: string;
}

export interface QueryBinding extends QueryProtocol {
  kind: 'query';
  /** SigV4 credential-scope service name, e.g. elasticloadbalancing. */
  signingName: string;
  apiVersion: string;
}

export interface ServiceBinding {
  /** Short name used in the call log: ecs, ecr, elbv2, cloudwatch, sts. */
  id: string;
  protocol: JsonBinding | QueryBinding;
  operations: Operations;
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const UNKNOWN_JSON: JsonProtocol = { version: '1.1', namespace: 'com.amazon.coral.service' };
const UNKNOWN_QUERY: QueryProtocol = { xmlns: 'http://webservices.amazon.com/AWSFault/2005-15-09' };

interface Credential {
  accessKeyId: string | undefined;
  signingName: string | undefined;
}

/** Signatures are not checked; the scope only tells which Query service is being called. */
function readCredential(req: IncomingMessage): Credential {
  const auth = req.headers.authorization ?? '';
  const match = /Credential=([^/,\s]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth);
  return { accessKeyId: match?.[1], signingName: match?.[2] };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLarge', 'Request body too large.', { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // CloudWatch PutMetricData bodies above 10 KB arrive gzip-compressed.
      if (req.headers['content-encoding'] === 'gzip') {
        try {
          resolve(gunzipSync(body));
        } catch {
          reject(new AwsError('SerializationException', 'Malformed gzip body.'));
        }
        return;
      }
      resolve(body);
    });
    req.on('error', reject);
  });
}

export async function startApiServer(options: {
  host: string;
  port: number;
  services: ServiceBinding[];
  callLog: CallLog;
  log: (line: string) => void;
  /** Refuses a request its credentials no longer allow (an expired session), with the protocol's error. */
  authorize?: (accessKeyId: string | undefined, protocol: 'json' | 'query') => void;
  /** Refuses a request over the account's API rate limits, with the service's throttling error. */
  admit?: (service: string, operation: string) => void;
}): Promise<ApiServer> {
  const { services, callLog, log } = options;
  const byTarget = new Map<string, ServiceBinding>();
  const bySigningName = new Map<string, ServiceBinding>();
  const byVersion = new Map<string, ServiceBinding>();
  for (const s of services) {
    if (s.protocol.kind === 'json') byTarget.set(s.protocol.targetPrefix, s);
    else {
      bySigningName.set(s.protocol.signingName, s);
      byVersion.set(s.protocol.apiVersion, s);
    }
  }

  async function dispatch(
    binding: ServiceBinding,
    operation: string,
    input: Record<string, unknown>,
    credential: Credential,
    requestId: string,
  ): Promise<unknown> {
    const record = callLog.record({
      service: binding.id,
      operation,
      params: input,
      at: Date.now(),
      requestId,
      ...(credential.accessKeyId ? { accessKeyId: credential.accessKeyId } : {}),
    });
    try {
      options.authorize?.(credential.accessKeyId, binding.protocol.kind);
      options.admit?.(binding.id, operation);
      const injected = callLog.takeFailure(binding.id, operation);
      if (injected === HANG) return await new Promise<never>(() => {});
      if (injected) throw injected;
      const handler = binding.operations[operation];
      if (!handler) throw unknownOperation(binding, operation);
      const ctx: CallContext = { service: binding.id, operation, requestId, accessKeyId: credential.accessKeyId };
      return await handler(input as never, ctx);
    } catch (error) {
      record.error = isAwsError(error) ? error.code : 'InternalFailure';
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = uuid();
    const target = req.headers['x-amz-target'];
    const credential = readCredential(req);

    if (typeof target === 'string') {
      const dot = target.lastIndexOf('.');
      const binding = byTarget.get(target.slice(0, dot));
      const operation = target.slice(dot + 1);
      const protocol = binding?.protocol.kind === 'json' ? binding.protocol : UNKNOWN_JSON;
      try {
        if (!binding) throw new AwsError('UnknownOperationException', `Unknown target ${target}.`);
        const input = parseJsonBody(await readBody(req));
        const result = await dispatch(binding, operation, input, credential, requestId);
        writeJsonResult(res, protocol, result, requestId);
      } catch (error) {
        writeJsonError(res, protocol, asAwsError(error, log), requestId);
      }
      return;
    }

    let protocol: QueryProtocol = UNKNOWN_QUERY;
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const body = await readBody(req);
      const params = new URLSearchParams(url.search);
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
      const action = params.get('Action');
      if (!action) {
        // A plain GET / is a liveness probe, not an AWS call.
        const text = 'aws-sandbox ok\n';
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': text.length });
        res.end(text);
        return;
      }
      const binding = (credential.signingName && bySigningName.get(credential.signingName)) || byVersion.get(params.get('Version') ?? '');
      if (!binding || binding.protocol.kind !== 'query') {
        throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
      }
      protocol = binding.protocol;
      const result = await dispatch(binding, action, parseQueryParams(params), credential, requestId);
      writeQueryResult(res, protocol, action, result, requestId);
    } catch (error) {
      writeQueryError(res, protocol, asAwsError(error, log), requestId);
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`api: failed to answer: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function unknownOperation(binding: ServiceBinding, operation: string): AwsError {
  if (binding.protocol.kind === 'query') {
    return new AwsError('InvalidAction', `The action ${operation} is not valid for this web service.`);
  }
  return new AwsError('UnknownOperationException', `Unknown operation ${operation}.`, {
    queryCode: 'InvalidAction',
  });
}

function asAwsError(error: unknown, log: (line: string) => void): AwsError {
  if (isAwsError(error)) return error;
  log(`api: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', {
    status: 500,
  });
}
