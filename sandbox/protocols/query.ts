import type { ServerResponse } from 'node:http';
import type { AwsError } from '../errors.ts';
import { escapeXml, xmlElement } from './xml.ts';

/** awsQuery (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html). */
export interface QueryProtocol {
  /** XML namespace of the service's responses, e.g. http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/. */
  xmlns: string;
}

type Tree = { [key: string]: Tree | string };

function isTree(value: Tree | string | undefined): value is Tree {
  return typeof value === 'object';
}

/** Turns `A.member.1.B=x` keys into nested objects and arrays. Values stay strings: the protocol carries no types. */
export function parseQueryParams(params: URLSearchParams): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    let node = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (isTree(next)) {
        node = next;
      } else {
        const created: Tree = {};
        node[part] = created;
        node = created;
      }
    });
  }
  return normalize(root) as Record<string, unknown>;
}

function normalize(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'entry')) {
    const container = node[keys[0]];
    if (isTree(container)) {
      const items = Object.entries(container)
        .filter(([index]) => /^\d+$/.test(index))
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, item]) => normalize(item));
      if (keys[0] === 'member') return items;
      // Maps arrive as entry.N.key / entry.N.value.
      const map: Record<string, unknown> = {};
      for (const item of items as Array<Record<string, unknown>>) {
        if (typeof item.key === 'string') map[item.key] = item.value;
      }
      return map;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = node[key];
    if (child !== undefined) out[key] = normalize(child);
  }
  return out;
}

export function writeQueryResult(res: ServerResponse, protocol: QueryProtocol, action: string, result: unknown, requestId: string): void {
  const resultXml =
    result && typeof result === 'object' && Object.keys(result).length > 0 ? xmlElement(`${action}Result`, result) : `<${action}Result/>`;
  const body =
    `<${action}Response xmlns="${escapeXml(protocol.xmlns)}">` +
    resultXml +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  res.writeHead(200, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

export function writeQueryError(res: ServerResponse, protocol: QueryProtocol, error: AwsError, requestId: string): void {
  const body =
    `<ErrorResponse xmlns="${escapeXml(protocol.xmlns)}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.queryCode ?? error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  res.writeHead(error.status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}
