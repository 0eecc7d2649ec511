import { describe, expect, it } from 'vitest';
import { mergeHeaders, parseChecks } from '../../../shared/engine/smoke/checks.ts';
import { mismatches } from '../../../shared/engine/smoke/expect.ts';
import { InputError } from '../../../shared/errors.ts';

const one = (yaml: string) => parseChecks(yaml)[0]!;

describe('checks YAML', () => {
  it('fills defaults: GET, 200, critical, named after the request', () => {
    expect(parseChecks('- path: /health')).toEqual([
      {
        name: 'GET /health',
        path: '/health',
        method: 'GET',
        headers: {},
        body: undefined,
        expectStatus: ['200'],
        expectBodyContains: [],
        expectJson: [],
        maxLatencyMs: undefined,
        critical: true,
      },
    ]);
  });

  it('reads every key, lists or single values', () => {
    const check = one(`
- name: create order
  path: /orders?dry-run=1
  method: post
  headers: { X-Canary: always, X-Count: 3 }
  body: { sku: abc, qty: 1 }
  expect-status: [201, 2xx]
  expect-body-contains: created
  expect-json: ['id = 7', 'items[0].sku = "abc"']
  max-latency: 750ms
  critical: false
`);
    expect(check).toMatchObject({
      name: 'create order',
      path: '/orders?dry-run=1',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-canary': 'always', 'x-count': '3' },
      body: '{"sku":"abc","qty":1}',
      expectStatus: ['201', '2xx'],
      expectBodyContains: ['created'],
      maxLatencyMs: 750,
      critical: false,
    });
    expect(check.expectJson.map((e) => e.path)).toEqual([['id'], ['items', 0, 'sku']]);
  });

  it('keeps a text body as is and a content type the check sets', () => {
    expect(one('- {path: /x, method: PUT, body: "a=b", headers: {Content-Type: text/plain}}')).toMatchObject({
      body: 'a=b',
      headers: { 'content-type': 'text/plain' },
    });
    expect(one('- {path: /x, method: POST, body: [1, 2], headers: {Content-Type: application/vnd+json}}').headers).toEqual({
      'content-type': 'application/vnd+json',
    });
    expect(one('- {path: /x, max-latency: 250}').maxLatencyMs).toBe(250);
  });

  it.each([
    ['path: /x', 'must be a YAML list of checks'],
    ['[]', 'is an empty list'],
    ['- path: [unclosed', 'is not valid YAML'],
    ['- /health', 'check 1 must be a mapping with at least a path'],
    ['- name: api', 'check 1 ("api"): path: is required'],
    ['- path: health', 'check 1: path: "health" must start with /'],
    ['- {path: /x, expect_status: 200}', 'check 1: unknown key "expect_status"; the keys are name, path, method'],
    ['- {path: /x, method: FETCH}', 'check 1: method: "FETCH" is not one of GET, HEAD'],
    ['- {path: /x, expect-status: 700}', 'check 1: expect-status: "700" is not a status'],
    ['- {path: /x, expect-json: status}', 'check 1: expect-json: "status" has no "="'],
    ['- {path: /x, expect-json: status = ok}', 'is not a JSON value: quote strings'],
    ['- {path: /x, max-latency: fast}', 'check 1: max-latency: "fast" is not a duration'],
    ['- {path: /x, critical: maybe}', 'check 1: critical: must be true or false'],
    ['- {path: /x, headers: {"bad name": 1}}', 'check 1: headers: bad name is not a valid header name'],
    ['- {path: /x}\n- {path: /x}', 'two checks are named "GET /x"'],
    ['- {path: /a}\n- {path: /b, body: 3}', 'check 2: body: must be text, or a mapping or list'],
  ])('refuses %j: %s', (yaml, message) => {
    const error = (() => {
      try {
        parseChecks(yaml);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^Input "checks": /);
    expect((error as InputError).message).toContain(message);
  });

  it('merges headers case-insensitively, later sources winning', () => {
    expect(mergeHeaders({ 'X-Canary': 'a', Accept: 'x' }, { 'x-canary': 'b' })).toEqual({ 'x-canary': 'b', accept: 'x' });
  });
});

describe('mismatches', () => {
  const response = (over: object = {}) => ({
    status: 200,
    headers: {},
    body: '{"status":"ok","items":[{"id":3}]}',
    latencyMs: 20,
    ...over,
  });

  it('passes a response that meets every expectation', () => {
    const check = one(
      '- {path: /x, expect-status: 2xx, expect-body-contains: ok, expect-json: ["status = \\"ok\\"", "items[0].id = 3"], max-latency: 50ms}',
    );
    expect(mismatches(check, response())).toEqual([]);
  });

  it('lists each mismatch with what was seen', () => {
    const check = one(
      '- {path: /x, expect-body-contains: [ready], expect-json: ["status = \\"up\\"", "items[1].id = 4"], max-latency: 10ms}',
    );
    expect(mismatches(check, response({ status: 503 }))).toEqual([
      'status 503, expected 200 (body: {"status":"ok","items":[{"id":3}]})',
      'body does not contain "ready" (body: {"status":"ok","items":[{"id":3}]})',
      'status: expected "up", got "ok"',
      'items[1].id: expected 4, but items has 1 element',
      'latency 20ms > max 10ms',
    ]);
  });

  it('says when the body is not JSON, or empty', () => {
    const check = one('- {path: /x, expect-json: "a = 1"}');
    expect(mismatches(check, response({ body: '<html>oops</html>' }))).toEqual(['body is not JSON (body: <html>oops</html>)']);
    expect(mismatches(one('- {path: /x}'), response({ status: 404, body: '' }))).toEqual(['status 404, expected 200 (empty body)']);
  });

  it('truncates long bodies in messages', () => {
    const [message] = mismatches(one('- {path: /x}'), response({ status: 500, body: 'x'.repeat(500) }));
    expect(message).toBe(`status 500, expected 200 (body: ${'x'.repeat(120)}…)`);
  });
});
