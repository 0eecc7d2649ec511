/**
 * `expect-json` lines: a path into the response body, `=`, and the JSON value expected there,
 * e.g. `status = "ok"`, `items[0].id = 3`, `["content-type"] = null`. A tiny reader on purpose:
 * dotted names and brackets cover what a smoke check needs without a query language.
 */

export type PathSegment = string | number;

export interface JsonExpectation {
  /** As written, for messages. */
  text: string;
  path: PathSegment[];
  expected: unknown;
}

const NAME = /^[A-Za-z_$][\w$-]*/;

/** Parses `path = value`; throws an Error whose message says how to write it. */
export function parseJsonExpectation(text: string): JsonExpectation {
  const at = assignmentIndex(text);
  if (at < 0) throw new Error(`"${text}" has no "=": write path = JSON value, as in status = "ok"`);
  const pathText = text.slice(0, at).trim();
  const valueText = text.slice(at + 1).trim();
  const path = parsePath(pathText);
  let expected: unknown;
  try {
    expected = JSON.parse(valueText);
  } catch {
    throw new Error(`"${valueText}" in "${text}" is not a JSON value: quote strings, as in status = "ok"`);
  }
  return { text: text.trim(), path, expected };
}

/** The first `=` outside brackets and quotes (a bracketed key may contain one). */
function assignmentIndex(text: string): number {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '=' && depth === 0) return i;
  }
  return -1;
}

export function parsePath(text: string): PathSegment[] {
  const fail = (why: string): never => {
    throw new Error(`"${text}" is not a path: ${why}; use names and indexes, as in items[0].id`);
  };
  let rest = text.startsWith('$') ? text.slice(1) : text;
  const segments: PathSegment[] = [];
  if (rest === '') return text === '$' ? segments : fail('it is empty');
  let first = !text.startsWith('$');
  while (rest !== '') {
    if (rest.startsWith('[')) {
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\]/.exec(rest);
      if (index) segments.push(Number(index[1]));
      else if (quoted) segments.push(quoted[1] !== undefined ? (JSON.parse(`"${quoted[1]}"`) as string) : quoted[2]!);
      else fail(`"${rest}" has an unclosed or invalid [...]`);
      rest = rest.slice((index ?? quoted)![0].length);
    } else {
      if (!first) {
        if (!rest.startsWith('.')) fail(`unexpected "${rest[0]}"`);
        rest = rest.slice(1);
      }
      const name = NAME.exec(rest) ?? fail(`a name is missing ${rest === '' ? 'at the end' : `before "${rest}"`}`);
      segments.push(name[0]);
      rest = rest.slice(name[0].length);
    }
    first = false;
  }
  return segments;
}

export function formatPath(path: PathSegment[]): string {
  if (path.length === 0) return '$';
  return path
    .map((s, i) =>
      typeof s === 'number' ? `[${s}]` : NAME.test(s) && NAME.exec(s)![0] === s ? `${i === 0 ? '' : '.'}${s}` : `[${JSON.stringify(s)}]`,
    )
    .join('');
}

export type PathRead = { found: true; value: unknown } | { found: false; missing: string };

/** Follows the path; when it stops early, `missing` says where and why. */
export function readPath(root: unknown, path: PathSegment[]): PathRead {
  let value = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const here = formatPath(path.slice(0, i));
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return { found: false, missing: `${here} is ${kind(value)}, not an array` };
      if (segment >= value.length) return { found: false, missing: `${here} has ${value.length} element${value.length === 1 ? '' : 's'}` };
      value = value[segment];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { found: false, missing: `${here} is ${kind(value)}, not an object` };
      if (!Object.hasOwn(value, segment)) return { found: false, missing: `${formatPath(path.slice(0, i + 1))} is missing` };
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value };
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  return (
    ak.length === bk.length &&
    ak.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
