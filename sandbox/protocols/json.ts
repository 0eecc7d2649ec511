import type { ServerResponse } from 'node:http';
import { AwsError } from '../errors.ts';

/** awsJson1_0 / awsJson1_1 (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). */
export interface JsonProtocol {
  version: '1.0' | '1.1';
  /** Smithy namespace used in `__type`, e.g. com.amazonaws.ecs. */
  namespace: string;
  /** CloudWatch speaks JSON but keeps its Query error codes in `x-amzn-query-error`. */
  queryCompatible?: boolean;
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** Timestamps travel as epoch seconds (with a fraction) in the AWS JSON protocols. */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWireJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = toWireJson(inner);
    }
    return out;
  }
  return value;
}

export function writeJsonResult(res: ServerResponse, protocol: JsonProtocol, result: unknown, requestId: string): void {
  const body = JSON.stringify(toWireJson(result ?? {}));
  res.writeHead(200, {
    'content-type': `application/x-amz-json-${protocol.version}`,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

export function writeJsonError(res: ServerResponse, protocol: JsonProtocol, error: AwsError, requestId: string): void {
  const body = JSON.stringify({ __type: `${protocol.namespace}#${error.code}`, message: error.message });
  const headers: Record<string, string | number> = {
    'content-type': `application/x-amz-json-${protocol.version}`,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  };
  if (protocol.queryCompatible) {
    headers['x-amzn-query-error'] = `${error.queryCode ?? error.code};${error.fault}`;
  }
  res.writeHead(error.status, headers);
  res.end(body);
}
