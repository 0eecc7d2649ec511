import { formatDuration } from '../../duration.ts';
import type { CheckSpec } from './checks.ts';
import { formatPath, jsonEqual, readPath } from './json-path.ts';
import type { HttpResponse } from './ports.ts';

const QUOTE_LIMIT = 120;

export function statusMatches(status: number, accepted: string[]): boolean {
  return accepted.some((a) => (a.endsWith('xx') ? Math.floor(status / 100) === Number(a[0]) : status === Number(a)));
}

/** Every way the response differs from what the check expects; empty when it passes. */
export function mismatches(check: CheckSpec, response: HttpResponse): string[] {
  const found: string[] = [];
  if (!statusMatches(response.status, check.expectStatus))
    found.push(`status ${response.status}, expected ${check.expectStatus.join(' or ')}${bodyHint(response.body)}`);
  for (const text of check.expectBodyContains) {
    if (!response.body.includes(text)) found.push(`body does not contain ${JSON.stringify(text)}${bodyHint(response.body)}`);
  }
  if (check.expectJson.length > 0) found.push(...jsonMismatches(check, response.body));
  if (check.maxLatencyMs !== undefined && response.latencyMs > check.maxLatencyMs)
    found.push(`latency ${formatDuration(response.latencyMs)} > max ${formatDuration(check.maxLatencyMs)}`);
  return found;
}

function jsonMismatches(check: CheckSpec, body: string): string[] {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return [`body is not JSON${bodyHint(body)}`];
  }
  return check.expectJson.flatMap((expectation) => {
    const read = readPath(document, expectation.path);
    const where = formatPath(expectation.path);
    if (!read.found) return [`${where}: expected ${JSON.stringify(expectation.expected)}, but ${read.missing}`];
    if (jsonEqual(read.value, expectation.expected)) return [];
    return [`${where}: expected ${JSON.stringify(expectation.expected)}, got ${quote(JSON.stringify(read.value) ?? 'undefined')}`];
  });
}

function bodyHint(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text === '' ? ' (empty body)' : ` (body: ${quote(text)})`;
}

function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}
