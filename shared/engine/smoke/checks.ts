import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import { parseDuration } from '../../duration.ts';
import { InputError } from '../../errors.ts';
import { quoteInput } from '../../github/untrusted.ts';
import { parseJsonExpectation, type JsonExpectation } from './json-path.ts';

/** One HTTP check as the engine runs it. */
export interface CheckSpec {
  name: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Accepted statuses, each a code (`200`) or a class (`2xx`). */
  expectStatus: string[];
  expectBodyContains: string[];
  expectJson: JsonExpectation[];
  maxLatencyMs?: number;
  critical: boolean;
}

/** Without a `checks` input: the deployment must answer GET /health with 200. */
export const DEFAULT_CHECKS: CheckSpec[] = [
  {
    name: 'GET /health',
    path: '/health',
    method: 'GET',
    headers: {},
    expectStatus: ['200'],
    expectBodyContains: [],
    expectJson: [],
    critical: true,
  },
];

export const CHECK_KEYS = [
  'name',
  'path',
  'method',
  'headers',
  'body',
  'expect-status',
  'expect-body-contains',
  'expect-json',
  'max-latency',
  'critical',
] as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const STATUS = /^([1-5]\d\d|[1-5]xx)$/i;

/** One value or a list of them; a single value is checked as the list's only item, so its own message shows. */
const oneOrMany = <T extends z.ZodMiniType>(item: T) =>
  z.pipe(
    z.transform((v: unknown) => (v === undefined || Array.isArray(v) ? v : [v])),
    z.array(item),
  );
const scalar = z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String));

/** zod/mini, as the inputs: a transform reports its problem as a custom issue. */
const problem = (payload: z.core.ParsePayload, message: string): never => {
  payload.issues.push({ code: 'custom', message, input: payload.value });
  return z.NEVER;
};

const status = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((v, payload) =>
    STATUS.test(String(v).trim())
      ? String(v).trim().toLowerCase()
      : problem(payload, `"${String(v)}" is not a status: use a code like 200 or a class like 2xx`),
  ),
);

const checkSchema = z.strictObject({
  name: z.optional(z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, { error: 'must not be empty' }))),
  path: z.string({ error: 'is required: give the path to request, starting with /, as in /health' }).check(
    z.refine((p) => p.startsWith('/') && !/\s/.test(p), {
      error: (issue) => `"${String(issue.input)}" must start with / and have no spaces, as in /health`,
    }),
  ),
  method: z._default(
    z.pipe(
      z.string({ error: `must be one of ${METHODS.join(', ')}` }),
      z.transform((m, payload) => {
        const method = m.toUpperCase();
        return METHODS.includes(method) ? method : problem(payload, `"${method}" is not one of ${METHODS.join(', ')}`);
      }),
    ),
    'GET',
  ),
  headers: z._default(
    z.record(z.string(), scalar, { error: 'must be a mapping of header names to values, as in {x-canary: "true"}' }).check(
      z.refine((h) => Object.keys(h).every((name) => HEADER_NAME.test(name)), {
        error: (issue) => `${Object.keys(issue.input as object).find((n) => !HEADER_NAME.test(n))} is not a valid header name`,
      }),
    ),
    {},
  ),
  body: z.optional(
    z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], {
      error: 'must be text, or a mapping or list sent as JSON',
    }),
  ),
  'expect-status': z._default(oneOrMany(status), ['200']),
  'expect-body-contains': z._default(oneOrMany(z.string({ error: 'must be text or a list of texts' })), []),
  'expect-json': z._default(
    z.pipe(
      oneOrMany(z.string({ error: 'must be a line like status = "ok", or a list of them' })),
      z.transform((lines, payload) =>
        lines.map((line) => {
          try {
            return parseJsonExpectation(line);
          } catch (error) {
            return problem(payload, (error as Error).message);
          }
        }),
      ),
    ),
    [],
  ),
  'max-latency': z.optional(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v, payload) => {
        const ms = typeof v === 'number' ? v : parseDuration(v);
        if (ms === undefined || !Number.isFinite(ms) || ms <= 0)
          return problem(payload, `"${v}" is not a duration: use a number with a unit, like 500ms or 2s`);
        return ms;
      }),
    ),
  ),
  critical: z._default(z.boolean({ error: 'must be true or false' }), true),
});

const checksSchema = z
  .array(z.unknown(), { error: 'must be a YAML list of checks, each with at least a path, as in - path: /health' })
  .check(z.minLength(1, { error: 'is an empty list: give at least one check, or leave the input out for GET /health' }));

/**
 * Parses the `checks` YAML (the file's content or the inline text) into checks, or throws an
 * InputError naming the check and the key at fault.
 */
export function parseChecks(text: string): CheckSpec[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The parser's message quotes the text (maybe a file's): keep only its code and position.
    const { code } = error as { code?: string };
    const at = /at line \d+, column \d+/.exec((error as Error).message)?.[0];
    throw new InputError('checks', `is not valid YAML${code ? ` (${code}${at ? ` ${at}` : ''})` : ''}`);
  }
  const list = checksSchema.safeParse(document);
  if (!list.success) throw new InputError('checks', list.error.issues[0]!.message);
  const checks = list.data.map((item, index) => toCheck(item, index));
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.name)) throw new InputError('checks', `two checks are named ${quoteInput(check.name)}: give each a distinct name`);
    seen.add(check.name);
  }
  return checks;
}

function toCheck(item: unknown, index: number): CheckSpec {
  const where = `check ${index + 1}`;
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    throw new InputError('checks', `${where} must be a mapping with at least a path, as in - path: /health`);
  const parsed = checkSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const named = typeof (item as { name?: unknown }).name === 'string' ? ` (${quoteInput((item as { name: string }).name)})` : '';
    if (issue.code === 'unrecognized_keys')
      throw new InputError('checks', `${where}${named}: unknown key ${quoteInput(issue.keys[0])}; the keys are ${CHECK_KEYS.join(', ')}`);
    const key = issue.path[0] === undefined ? '' : `${String(issue.path[0])}: `;
    throw new InputError('checks', `${where}${named}: ${key}${issue.message}`);
  }
  const c = parsed.data;
  const json = c.body !== undefined && typeof c.body !== 'string';
  return {
    name: c.name ?? `${c.method} ${c.path}`,
    path: c.path,
    method: c.method,
    // A body given as a YAML mapping or list goes as JSON, with its content type unless one is set.
    headers: json ? mergeHeaders({ 'content-type': 'application/json' }, c.headers) : mergeHeaders(c.headers),
    body: c.body === undefined ? undefined : json ? JSON.stringify(c.body) : (c.body as string),
    expectStatus: c['expect-status'],
    expectBodyContains: c['expect-body-contains'],
    expectJson: c['expect-json'],
    maxLatencyMs: c['max-latency'],
    critical: c.critical,
  };
}

/** Header names are case-insensitive: later sources win over earlier ones whatever the case. */
export function mergeHeaders(...sources: Record<string, string>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) for (const [name, value] of Object.entries(source)) merged[name.toLowerCase()] = value;
  return merged;
}
