import { describe, expect, it } from 'vitest';
import { formatPath, jsonEqual, parseJsonExpectation, parsePath, readPath } from '../../../shared/engine/smoke/json-path.ts';

describe('expect-json paths', () => {
  it('parses dotted names, indexes and quoted keys', () => {
    expect(parsePath('status')).toEqual(['status']);
    expect(parsePath('items[0].id')).toEqual(['items', 0, 'id']);
    expect(parsePath('$.data["content-type"][2]')).toEqual(['data', 'content-type', 2]);
    expect(parsePath("['a.b'].c")).toEqual(['a.b', 'c']);
    expect(parsePath('[1]')).toEqual([1]);
    expect(parsePath('$')).toEqual([]);
  });

  it('refuses malformed paths with a hint', () => {
    expect(() => parsePath('items[x]')).toThrow('"items[x]" is not a path: "[x]" has an unclosed or invalid [...]; use names and indexes');
    expect(() => parsePath('a..b')).toThrow('a name is missing before ".b"');
    expect(() => parsePath('a.')).toThrow('a name is missing at the end');
    expect(() => parsePath('')).toThrow('it is empty');
    expect(() => parsePath('a b')).toThrow('unexpected " "');
  });

  it('splits `path = value` at the first = outside brackets and parses the value as JSON', () => {
    expect(parseJsonExpectation('status = "ok"')).toEqual({ text: 'status = "ok"', path: ['status'], expected: 'ok' });
    expect(parseJsonExpectation('items[0].id=3').expected).toBe(3);
    expect(parseJsonExpectation('["a=b"] = {"x": [1, null]}')).toEqual({
      text: '["a=b"] = {"x": [1, null]}',
      path: ['a=b'],
      expected: { x: [1, null] },
    });
    expect(parseJsonExpectation('ready = true').expected).toBe(true);
  });

  it('says how to write an expectation that is wrong', () => {
    expect(() => parseJsonExpectation('status')).toThrow('"status" has no "=": write path = JSON value');
    expect(() => parseJsonExpectation('status = ok')).toThrow('"ok" in "status = ok" is not a JSON value: quote strings');
  });

  it('reads a value or says where the path stops', () => {
    const doc = { items: [{ id: 3 }], status: 'ok', n: null };
    expect(readPath(doc, ['items', 0, 'id'])).toEqual({ found: true, value: 3 });
    expect(readPath(doc, ['n'])).toEqual({ found: true, value: null });
    expect(readPath(doc, ['items', 1, 'id'])).toEqual({ found: false, missing: 'items has 1 element' });
    expect(readPath(doc, ['status', 0])).toEqual({ found: false, missing: 'status is string "ok", not an array' });
    expect(readPath(doc, ['items', 'id'])).toEqual({ found: false, missing: 'items is an array, not an object' });
    expect(readPath(doc, ['missing', 'x'])).toEqual({ found: false, missing: 'missing is missing' });
  });

  it('formats paths the way they are written', () => {
    expect(formatPath(['items', 0, 'id'])).toBe('items[0].id');
    expect(formatPath(['a.b', 'c'])).toBe('["a.b"].c');
    expect(formatPath([])).toBe('$');
  });

  it('compares JSON structurally', () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});
