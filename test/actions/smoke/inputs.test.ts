import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmokeInputs, secretHeaderValues, smokeInputSpec } from '../../../actions/smoke/inputs.ts';
import { DEFAULT_CHECKS } from '../../../shared/engine/smoke/checks.ts';
import { InputError } from '../../../shared/errors.ts';
import { actionYml } from '../../../sandbox/rehearsal/run-bundle.ts';

const source = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
const parse = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseSmokeInputs(source({ url: 'https://app.example.com', ...inputs }), env);

function inputError(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): InputError {
  try {
    parse(inputs, env);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('smoke inputs', () => {
  it('declares in action.yml exactly the inputs it reads, with the same defaults', () => {
    const yml = actionYml('smoke');
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(smokeInputSpec).sort());
    const defaults = Object.fromEntries(Object.entries(yml.inputs!).map(([name, spec]) => [name, spec.default]));
    const fromYml = parseSmokeInputs(source({ ...(defaults as Record<string, string>), url: 'https://a.example.com' }), {});
    const fromBlank = parseSmokeInputs(source({ url: 'https://a.example.com' }), {});
    expect(fromYml).toEqual(fromBlank);
    expect(yml.inputs!.url!.required).toBe(true);
  });

  it('defaults to GET /health expecting 200, retrying for 2 minutes every 5 seconds, no burst', () => {
    expect(parse({})).toEqual({
      plan: {
        target: { url: 'https://app.example.com', headers: {}, requestTimeoutMs: 10_000, insecure: false },
        checks: DEFAULT_CHECKS,
        timeoutMs: 120_000,
        retryIntervalMs: 5_000,
        burst: undefined,
        tlsMinDays: undefined,
      },
      command: undefined,
      commandAwsCredentials: false,
      secrets: [],
    });
  });

  it('reads every input', () => {
    const { plan, command } = parse({
      url: 'https://app.example.com/api/',
      checks: '- path: /ready',
      headers: 'X-Canary: always\nAccept: application/json, text/plain\n',
      timeout: '30s',
      'retry-interval': '500ms',
      'request-timeout': '2s',
      requests: '100',
      concurrency: '4',
      'max-error-rate': '1.5%',
      'max-p95-latency': '300ms',
      'tls-min-days': '14',
      insecure: 'true',
      command: 'npm run e2e',
    });
    expect(plan).toMatchObject({
      target: {
        url: 'https://app.example.com/api',
        headers: { 'x-canary': 'always', accept: 'application/json, text/plain' },
        requestTimeoutMs: 2_000,
        insecure: true,
      },
      timeoutMs: 30_000,
      retryIntervalMs: 500,
      burst: { requests: 100, concurrency: 4, maxErrorRatePercent: 1.5, maxP95Ms: 300 },
      tlsMinDays: 14,
    });
    expect(plan.checks.map((c) => c.name)).toEqual(['GET /ready']);
    expect(command).toBe('npm run e2e');
  });

  it('reads checks from a file in the workspace', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'smoke-ws-'));
    writeFileSync(join(workspace, 'smoke.yml'), '- path: /a\n- {path: /b, critical: false}\n');
    expect(parse({ checks: 'smoke.yml' }, { GITHUB_WORKSPACE: workspace }).plan.checks.map((c) => c.name)).toEqual(['GET /a', 'GET /b']);
    writeFileSync(join(workspace, 'checks'), '- path: /c\n');
    expect(parse({ checks: 'checks' }, { GITHUB_WORKSPACE: workspace }).plan.checks.map((c) => c.name)).toEqual(['GET /c']);
    expect(inputError({ checks: 'missing.yaml' }, { GITHUB_WORKSPACE: workspace }).message).toBe(
      'Input "checks": file "missing.yaml" does not exist in the workspace: check the path, or give the checks inline as YAML',
    );
  });

  it('collects credential header values (and the token after a scheme) for masking', () => {
    const { checks } = parse({ checks: '- {path: /a, headers: {X-Api-Key: k1, Cookie: "s=1"}}' }).plan;
    expect(secretHeaderValues({ authorization: 'Bearer abc.def', 'x-canary': 'always' }, checks)).toEqual([
      'Bearer abc.def',
      'abc.def',
      'k1',
      's=1',
    ]);
  });

  it('names the input at fault', () => {
    expect(inputError({ url: '' }).message).toBe('Input "url": is required: give the deployment\'s base URL, like https://app.example.com');
    expect(inputError({ headers: 'X-Canary always' }).message).toBe(
      'Input "headers": line 1 is not a "Name: value" line (not shown: it may hold a secret); give one header per line, as in X-Canary: always',
    );
  });
});
