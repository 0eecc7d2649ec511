import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../shared/errors.ts';
import { quoteInput } from '../../shared/github/untrusted.ts';
import { readWorkspaceFile } from '../../shared/inputs/workspace-file.ts';
import { redactor } from '../../shared/net/redact.ts';
import { block, boolean, duration, field, invalid, number, optional, percent, required } from '../../shared/inputs/fields.ts';
import { readInputs, type InputSource } from '../../shared/inputs/read.ts';
import { DEFAULT_CHECKS, parseChecks, type CheckSpec } from '../../shared/engine/smoke/checks.ts';
import type { SmokePlan } from '../../shared/engine/smoke/smoke.ts';

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;
const CHECKS_FILE = /\.(ya?ml|json)$/i;
/** Header names whose values are credentials: masked in the log by the entrypoint. */
const SECRET_HEADER = /authorization|cookie|token|secret|password|api-?key/i;

const baseUrl = () =>
  field((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return invalid(ctx, `${quoteInput(redactor()(value))} is not a URL: give the deployment's base URL, like https://app.example.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      ctx.addIssue({ code: 'custom', message: `${quoteInput(redactor()(value))} must start with http:// or https://` });
    else if (url.search || url.hash)
      ctx.addIssue({
        code: 'custom',
        message: `${quoteInput(redactor()(value))} must be a base URL without ?query or #fragment: put those in each check's path`,
      });
    else if (url.username || url.password)
      ctx.addIssue({
        code: 'custom',
        message: 'must not hold credentials: send them in `headers` (e.g. Authorization: Bearer …) from a secret',
      });
    return value.replace(/\/+$/, '');
  });

/** `Name: value` lines (a YAML block scalar); values may hold commas, so only new lines separate. */
const headerLines = () =>
  field((value, ctx) => {
    const headers: Record<string, string> = {};
    for (const [index, line] of value
      .split('\n')
      .map((l) => l.trim())
      .entries()) {
      if (line === '') continue;
      const match = HEADER_LINE.exec(line);
      if (!match) {
        // The line is not shown: a malformed `Authorization Bearer <token>` would print its token.
        return invalid(
          ctx,
          `line ${index + 1} is not a "Name: value" line (not shown: it may hold a secret); give one header per line, as in X-Canary: always`,
        );
      }
      headers[match[1]!.toLowerCase()] = match[2]!;
    }
    return headers;
  });

export const smokeInputSpec = {
  url: required(baseUrl(), "the deployment's base URL, like https://app.example.com"),
  checks: optional(block()),
  headers: optional(headerLines(), ''),
  timeout: optional(duration({ max: 3_600_000 }), '2m'),
  'retry-interval': optional(duration({ min: 100, max: 600_000 }), '5s'),
  'request-timeout': optional(duration({ min: 100, max: 300_000 }), '10s'),
  concurrency: optional(number({ min: 1, max: 100, integer: true }), '10'),
  requests: optional(number({ min: 0, max: 10_000, integer: true }), '0'),
  'max-error-rate': optional(percent(), '0'),
  'max-p95-latency': optional(duration({ min: 1 })),
  'tls-min-days': optional(number({ min: 0, max: 3650 })),
  insecure: optional(boolean(), 'false'),
  command: optional(block()),
  'command-aws-credentials': optional(boolean(), 'false'),
};

/** Reads and cross-checks the inputs into the engine's plan; a bad one is an InputError naming it. */
export function parseSmokeInputs(source: InputSource, env: NodeJS.ProcessEnv = process.env) {
  const values = readInputs(smokeInputSpec, source);
  const https = values.url.startsWith('https:');
  if (values['tls-min-days'] !== undefined && !https)
    throw new InputError('tls-min-days', `needs an https:// url (${values.url} has no certificate): remove it or use https`);
  if (values['max-p95-latency'] !== undefined && values.requests === 0)
    throw new InputError('max-p95-latency', 'needs a burst to measure: set `requests` (e.g. 100) as well');
  if (values.insecure && !https) throw new InputError('insecure', `only applies to https:// urls (${values.url} is http): remove it`);
  const checks =
    values.checks === undefined ? DEFAULT_CHECKS : parseChecks(checksText(values.checks, env.GITHUB_WORKSPACE ?? process.cwd()));

  const plan: SmokePlan = {
    target: { url: values.url, headers: values.headers, requestTimeoutMs: values['request-timeout'], insecure: values.insecure },
    checks,
    timeoutMs: values.timeout,
    retryIntervalMs: values['retry-interval'],
    burst:
      values.requests > 0
        ? {
            requests: values.requests,
            concurrency: values.concurrency,
            maxErrorRatePercent: values['max-error-rate'],
            maxP95Ms: values['max-p95-latency'],
          }
        : undefined,
    tlsMinDays: values['tls-min-days'],
  };
  return {
    plan,
    command: values.command,
    commandAwsCredentials: values['command-aws-credentials'],
    secrets: secretHeaderValues(values.headers, checks),
  };
}

/** A single line naming a .yml/.yaml/.json file, or an existing file, is read from the workspace; anything else is YAML. */
function checksText(value: string, workspace: string): string {
  if (value.includes('\n') || !(CHECKS_FILE.test(value) || existsSync(resolve(workspace, value)))) return value;
  const text = readWorkspaceFile('checks', value, workspace);
  if (text === undefined)
    throw new InputError(
      'checks',
      `file ${quoteInput(value)} does not exist in the workspace: check the path, or give the checks inline as YAML`,
    );
  return text;
}

export function secretHeaderValues(headers: Record<string, string>, checks: CheckSpec[]): string[] {
  return (
    [headers, ...checks.map((c) => c.headers)]
      .flatMap((h) => Object.entries(h))
      .filter(([name, value]) => SECRET_HEADER.test(name) && value.trim() !== '')
      // `Bearer <token>`: the credential alone may show up in a log too.
      .flatMap(([, value]) => [value, ...(/^\S+\s+(\S.*)$/.exec(value)?.slice(1) ?? [])])
  );
}

export type SmokeInputs = ReturnType<typeof parseSmokeInputs>;
