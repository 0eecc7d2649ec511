/**
 * smoke never prints a secret, and no check name starts a workflow command: the action's run
 * in-process (real HTTP probe, loopback server) with a token in a check's query, a secret header
 * the server echoes back, and a check name carrying `\n::notice::`. Every printing site is
 * checked: the log lines, the warnings, the error, and the report (summary and JSON).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smoke } from '../../../actions/smoke/action.ts';
import { commandEnv, commandSuite } from '../../../actions/smoke/command.ts';
import { parseSmokeInputs } from '../../../actions/smoke/inputs.ts';
import { systemClock } from '../../../shared/github/action.ts';
import type { RunContext } from '../../../shared/github/runner.ts';
import { neutralizeCommands } from '../../../shared/github/untrusted.ts';
import { redactor } from '../../../shared/net/redact.ts';
import { renderSmokeSummary } from '../../../shared/engine/smoke/summary.ts';
import { MemoryLog } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { startServer, type TestServer } from '../../support/http-servers.ts';

const TOKEN = 's3cr3t-t0ken-value';
const BEARER = 'bearer-9f8e7d6c5b4a';

describe('redactor', () => {
  const redact = redactor([`Bearer ${BEARER}`, BEARER]);
  it.each([
    ['https://user:hunter2@app.example.com/x', 'https://***@app.example.com/x', 'hunter2'],
    [`GET /health?access_token=${TOKEN}&a=1`, 'GET /health?access_token=***&a=1', TOKEN],
    [`https://b.s3.amazonaws.com/k?X-Amz-Signature=${TOKEN}&X-Amz-Credential=AKIA`, 'X-Amz-Signature=***&X-Amz-Credential=***', TOKEN],
    [`/p?sig=${TOKEN}`, '/p?sig=***', TOKEN],
    [`/p?key=${TOKEN}`, '/p?key=***', TOKEN],
    [`/p?password=${TOKEN}`, '/p?password=***', TOKEN],
    [`body said: Bearer ${BEARER}`, 'body said: ***', BEARER],
  ])('%s', (text, shown, secret) => {
    expect(redact(text)).toContain(shown);
    expect(redact(text)).not.toContain(secret);
  });
});

describe('smoke prints no secret and starts no workflow command', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      // Echoes what it got, as a debug endpoint might: the token and the header come back in the body.
      '/fail': (req, res) => res.writeHead(500).end(`got ${req.path} with ${String(req.headers.authorization)}`),
      '/ok': (_req, res) => res.writeHead(200).end('ok'),
    });
  });
  afterAll(() => server.close());

  it('redacts the log, the warnings, the error and the report; neutralizes a hostile check name', async () => {
    const checks = [`- path: /fail?access_token=${TOKEN}`, `- name: "evil\\n::notice::pwned"`, '  path: /fail', '  critical: false'].join(
      '\n',
    );
    const inputs = parseSmokeInputs(
      (name) =>
        ({ url: server.url, checks, headers: `Authorization: Bearer ${BEARER}`, timeout: '0s', 'request-timeout': '2s' })[name] ?? '',
      {},
    );
    const log = new MemoryLog();
    const context = { signal: new AbortController().signal, clock: systemClock, log } as unknown as RunContext;
    const outcome = await smoke.run(inputs, context);

    const printed = [
      ...log.lines,
      outcome.error?.message ?? '',
      ...(outcome.error?.why ?? []),
      JSON.stringify(outcome.report),
      renderSmokeSummary(outcome.report),
    ].join('\n');
    expect(outcome.error).toBeDefined();
    expect(printed).toContain('access_token=***');
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(BEARER);
    // Log site: the runner prints info through neutralizeCommands; no line then starts a command.
    for (const line of log.lines.map(neutralizeCommands).flatMap((l) => l.split(/\r\n|\r|\n/)))
      expect(line.trimStart().startsWith('::')).toBe(false);
    // Summary site: Markdown, but a line starting with :: there must not come from a check name either.
    for (const line of renderSmokeSummary(outcome.report).split('\n')) expect(line.trimStart().startsWith('::notice::')).toBe(false);
  });
});

describe("smoke's command gets no AWS credentials unless asked", () => {
  const env = {
    PATH: '/usr/bin',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'session',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token',
  };
  it('removes the credentials and the OIDC request variables by default', () => {
    expect(commandEnv(env, false)).toEqual({ PATH: '/usr/bin', AWS_REGION: 'us-east-1' });
  });
  it('keeps them with command-aws-credentials: true', () => {
    expect(commandEnv(env, true)).toEqual(env);
    expect(
      parseSmokeInputs((name) => ({ url: 'https://a.example.com', 'command-aws-credentials': 'true' })[name] ?? '', {})
        .commandAwsCredentials,
    ).toBe(true);
  });
});

describe("smoke's command runs through bash without the job's credentials, and stops on cancel", () => {
  it('does not see AWS_SECRET_ACCESS_KEY unless asked', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'job-secret';
    try {
      const probe = 'test -z "$AWS_SECRET_ACCESS_KEY" && echo "$SMOKE_URL"';
      expect(await commandSuite(probe).run({ SMOKE_URL: 'u' })).toMatchObject({ exitCode: 0, lastLine: 'u' });
      expect((await commandSuite(probe, true).run({ SMOKE_URL: 'u' })).exitCode).toBe(1);
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it('stops the command (and its children) when the run is cancelled', async () => {
    const controller = new AbortController();
    const running = commandSuite('sleep 300 & sleep 300; wait').run({}, controller.signal);
    setTimeout(() => controller.abort(), 200);
    const outcome = await running;
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.lastLine).toBe('stopped by SIGTERM (cancelled)');
  });
});
