/**
 * Text this suite did not write (ECS events, stopped-task reasons, AWS error messages and
 * bodies, task log lines, deployment payloads, smoke response bodies, input values) at every
 * place the actions print it: no line of the log may start a workflow command, and no job
 * summary may let it break a table, open HTML or escape a code block. The log sites run
 * in-process through the real runner (@actions/core writing to a captured stdout).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ECSServiceException } from '@aws-sdk/client-ecs';
import { marked, type Token, type Tokens } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { smoke } from '../../actions/smoke/action.ts';
import { canary } from '../../actions/canary/action.ts';
import { State } from '../../shared/constants.ts';
import { runCanary } from '../../shared/engine/two-color/canary.ts';
import { renderChaosSummary } from '../../shared/engine/chaos/summary.ts';
import { renderNativeSummary } from '../../shared/engine/native/summary.ts';
import { renderPreflightSummary } from '../../shared/engine/preflight/summary.ts';
import { renderRunTaskSummary } from '../../shared/engine/run-task/summary.ts';
import { TaskLogs } from '../../shared/engine/run-task/task-logs.ts';
import { renderScanSummary } from '../../shared/engine/security/summary.ts';
import { renderSmokeSummary } from '../../shared/engine/smoke/summary.ts';
import { actionsSink } from '../../shared/github/actions-log.ts';
import { deploymentRecord } from '../../shared/github/record.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { restoreTraffic } from '../../shared/github/two-color.ts';
import { renderSummary } from '../../shared/engine/two-color/summary.ts';
import { FakeClock, FakeFleet, fakePorts, taskDef } from '../../sandbox/rehearsal/engine-fakes.ts';
import { inProcessRunner, injectedCommands } from '../support/in-process-runner.ts';

/** Each line a command the runner would obey, one led by NEL (U+0085, whitespace to .NET's TrimStart), one legacy. */
const HOSTILE = 'pwned-start\n::add-mask::pwned\r::stop-commands::pwned\n\u0085::error::pwned-nel\n  ##[error]pwned-legacy';

const step = inProcessRunner();
const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve)))));

/** The log reached the hostile text (so the test is not vacuous) and obeys none of it. */
function expectNoInjectedCommand(): void {
  const log = step.stdout.join('');
  expect(log).toContain('pwned');
  expect(injectedCommands(log)).toEqual([]);
}

/** A loopback server answering every request with `status` and `body` (a GitHub API, an app). */
async function serve(status: number, body: string, type = 'application/json'): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const spec = (run: ActionSpec<object, { action: string }>['run']): ActionSpec<object, { action: string }> => ({
  inputs: () => ({}),
  run,
  outputs: () => ({}),
  summary: () => '',
});

describe('the log: no AWS- or user-controlled text starts a workflow command', () => {
  it('ECS service events, stopped-task reasons and the rollout reason (timeline lines, the why group, the failure line)', async () => {
    const fleet = new FakeFleet();
    fleet.rollout = { kind: 'fails', afterPolls: 1, reason: HOSTILE };
    fleet.service('web-green').events.unshift({ at: new Date(Date.now()), message: HOSTILE });
    fleet.stopped.push({
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/t1',
      taskDefinition: taskDef(2),
      stoppedAt: new Date(),
      reason: HOSTILE,
    });
    await runAction(
      spec(async (_inputs, context) => {
        const ports = { ...fakePorts({ fleet }), log: context.log, clock: new FakeClock() };
        const plan = {
          cluster: 'demo',
          services: { blue: 'web-blue', green: 'web-green' },
          taskDefinition: { reference: 'web:2' },
          steps: [50, 100],
          bakeMs: 0,
          extensionMs: 0,
          pollMs: 1_000,
          waitTimeoutMs: 60_000,
          scaleDownPrevious: false,
          takeover: false,
          gates: () => [],
        };
        return runCanary(plan, ports);
      }),
    );
    expect(process.exitCode).toBe(1);
    expect(step.stdout.join('')).toContain('::group::Why: ECS deployment of web-green failed');
    expectNoInjectedCommand();
  });

  it('an AWS error whose message and response body carry commands (the "unexpected error" line and its stack)', async () => {
    const error = new ECSServiceException({ name: 'ServerException', $fault: 'server', message: HOSTILE, $metadata: {} });
    Object.assign(error, { $response: { statusCode: 500, body: HOSTILE } });
    await runAction(
      spec(async () => {
        throw error;
      }),
    );
    expect(process.exitCode).toBe(1);
    expectNoInjectedCommand();
  });

  it('a warning (Log.warn) carrying AWS text is one escaped annotation', async () => {
    await runAction(
      spec(async (_inputs, context) => {
        context.log.warn(`live state: not captured: ${HOSTILE}`);
        return { report: { action: 'fake' } };
      }),
    );
    expectNoInjectedCommand();
  });

  it('CloudWatch Logs lines of a one-off task, through the run-task sink', async () => {
    const core = await import('@actions/core');
    // The sink on its own (the engine's own neutralising aside): a raw log line.
    actionsSink(core).line(HOSTILE);
    // And through the task's log reader, as run-task prints a container's stream.
    const container = { name: 'app', essential: true, logs: { group: '/ecs/app', streamPrefix: 'ecs', region: 'us-east-1' } };
    const logs = new TaskLogs([container] as never, 'task1', {
      reader: { read: async () => ({ events: [{ timestamp: Date.now(), message: HOSTILE }], nextToken: 'next' }) },
      sink: actionsSink(core),
      maxLines: 100,
      title: 'Task log',
      whereTheRestIs: 'CloudWatch',
    });
    await logs.poll();
    expectNoInjectedCommand();
  });

  it('the post step: a saved value it prints (the main step phase)', async () => {
    process.env[`STATE_${State.Phase}`] = HOSTILE;
    await runCleanup(async (state, context) => void (await restoreTraffic(state, context)));
    expect(process.exitCode).toBeUndefined();
    expectNoInjectedCommand();
  });

  it('a GitHub deployment payload written by someone else, and a GitHub API error message', async () => {
    const payloads = [{ id: 7, payload: { cluster: 'demo', services: ['web'], task_definition_arn: HOSTILE }, ref: 'x', sha: 'x' }];
    const env = {
      ...process.env,
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SHA: 'a1b2c3d',
      GITHUB_API_URL: await serve(200, JSON.stringify(payloads)),
    };
    const record = deploymentRecord({ environment: 'production', 'github-token': 'ghs_x' }, env)!;
    const scope = { cluster: 'demo', services: ['web'], partition: 'aws', region: 'us-east-1', account: '123456789012' };
    await record.lastSuccessful('production', scope);

    const failing = { ...env, GITHUB_API_URL: await serve(500, JSON.stringify({ message: HOSTILE })) };
    const broken = deploymentRecord({ environment: 'production', 'github-token': 'ghs_x' }, failing)!;
    await broken.start({
      environment: 'production',
      cluster: 'demo',
      services: ['web'],
      taskDefinitionArn: taskDef(2),
      strategy: 'canary',
    });
    expect(step.stdout.join('')).toContain('::warning::Not recording this run in GitHub Deployments');
    expectNoInjectedCommand();
  });

  it('an input value (a bad input is one line naming it)', async () => {
    process.env['INPUT_CLUSTER'] = `demo${HOSTILE}`;
    await runAction(canary);
    expect(process.exitCode).toBe(1);
    expectNoInjectedCommand();
  });

  it('a smoke check name and the body of a response', async () => {
    const url = await serve(503, HOSTILE.replace(/\n/g, ' '), 'text/plain');
    Object.assign(process.env, {
      INPUT_URL: url,
      INPUT_CHECKS: `- name: ${JSON.stringify(`health ${HOSTILE}`)}\n  path: /health`,
      INPUT_TIMEOUT: '1s',
      'INPUT_RETRY-INTERVAL': '200ms',
    });
    await runAction(smoke);
    expectNoInjectedCommand();
  });
});

/** Text that would end a table row (a lone CR, a pipe), open HTML that hides the rest, and close a code block. */
const MARKDOWN = 'pwned-start | x\r| y\n<!-- hidden <details><img src=x onerror=alert(1)>\n```\n# pwned heading\n</details> pwned-end';

/** Every block (paragraph, heading, code block, table cell) and every piece of HTML, block or inline, flattened. */
function blocks(tokens: Token[]): { type: string; text: string }[] {
  const html = (inline: Token[] = []): { type: string; text: string }[] =>
    inline.flatMap((t) => [...(t.type === 'html' ? [{ type: 'html', text: t.raw }] : []), ...html('tokens' in t ? t.tokens : [])]);
  return tokens.flatMap((token) => {
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      return [...table.header, ...table.rows.flat()].flatMap((c) => [{ type: 'cell', text: c.text }, ...html(c.tokens)]);
    }
    if (token.type === 'blockquote') return blocks((token as Tokens.Blockquote).tokens);
    if (token.type === 'list') return (token as Tokens.List).items.flatMap((item) => blocks(item.tokens));
    if (token.type === 'html') return [{ type: 'html', text: token.raw }];
    const text = 'text' in token && typeof token.text === 'string' ? token.text : '';
    return [{ type: token.type, text }, ...html('tokens' in token ? token.tokens : [])];
  });
}

/** As GitHub renders it: the hostile text stays whole inside the one cell or code block it was put in, and opens no HTML. */
function expectContained(markdown: string): void {
  const all = blocks(marked.lexer(markdown));
  const holding = all.filter((b) => b.text.includes('pwned-start'));
  expect(holding.length).toBeGreaterThan(0);
  for (const block of holding) expect(block.text).toContain('pwned-end');
  expect(all.filter((b) => b.type === 'heading' && b.text.startsWith('pwned heading'))).toEqual([]);
  expect(all.filter((b) => b.type === 'html' && /<!--|<img|<details>.*pwned|pwned/.test(b.text))).toEqual([]);
}

const at = '2026-11-22T10:00:00.000Z';
const error = { what: `ECS deployment failed: ${MARKDOWN}`, why: [`event: ${MARKDOWN}`, `stopped task t1: ${MARKDOWN}`], fix: MARKDOWN };

describe('the job summary: AWS text stays in its cell or code block', () => {
  it('two colors (canary, blue-green, rollback): facts, the error and its evidence, gates, the timeline', () => {
    const report = {
      action: 'canary',
      cluster: 'demo',
      services: { blue: 'web-blue', green: 'web-green' },
      startedAt: at,
      result: 'rolled-back',
      timeline: [{ at, message: `service event: ${MARKDOWN}` }],
      steps: [
        {
          weight: 50,
          weights: { blue: 50, green: 50 },
          startedAt: at,
          durationMs: 1_000,
          polls: 1,
          verdict: 'fail' as const,
          gates: [{ gate: 'alarms', observed: MARKDOWN, threshold: 'OK', verdict: 'fail' as const }],
        },
      ],
      error,
      facts: { 'Rollback reason': MARKDOWN },
    };
    const markdown = renderSummary(report as never);
    expectContained(markdown);
    // Each hostile value is one block: the fact, the error (and fix), the why block, the gate, the timeline.
    expect(blocks(marked.lexer(markdown)).filter((b) => b.type === 'cell' && b.text.includes('pwned-start')).length).toBe(3);
  });

  it('native (one service): facts, the error and its evidence, the timeline', () => {
    const report = {
      action: 'canary',
      cluster: 'demo',
      service: 'web',
      startedAt: at,
      result: 'rolled-back',
      finalStatus: MARKDOWN,
      timeline: [{ at, message: MARKDOWN }],
      steps: [],
      error,
      facts: {},
    };
    expectContained(renderNativeSummary(report as never));
  });

  it('run-task: stopped reason, container reasons, the timeline and the last log lines', () => {
    const report = {
      action: 'run-task',
      cluster: 'demo',
      startedAt: at,
      result: 'failed',
      stoppedReason: MARKDOWN,
      containers: [{ name: 'app', essential: true, required: true, exitCode: 1, reason: MARKDOWN }],
      logLinesPrinted: 1,
      lastLogLines: [MARKDOWN],
      timeline: [{ at, message: MARKDOWN }],
      error,
      facts: {},
    };
    expectContained(renderRunTaskSummary(report as never));
  });

  it('preflight: a check summary and its evidence', () => {
    const report = {
      action: 'preflight',
      cluster: 'demo',
      startedAt: at,
      finishedAt: at,
      result: 'failed',
      strict: false,
      checks: [{ id: 'service', title: 'Service', status: 'fail', summary: MARKDOWN, evidence: [MARKDOWN] }],
      failedChecks: ['service'],
      warnings: [],
      live: undefined,
    };
    expectContained(renderPreflightSummary(report as never));
  });

  it('smoke: a check name, the response it got, the burst error samples', () => {
    const report = {
      action: 'smoke',
      url: 'https://app.example.com',
      startedAt: at,
      result: 'failed',
      passed: 0,
      failed: 1,
      checks: [{ name: MARKDOWN, kind: 'http', critical: true, status: 'fail', attempts: 1, detail: MARKDOWN }],
      burst: {
        requests: 1,
        concurrency: 1,
        errors: 1,
        errorRatePercent: 100,
        maxErrorRatePercent: 0,
        p50Ms: 1,
        p95Ms: 1,
        p99Ms: 1,
        errorSamples: [MARKDOWN],
      },
    };
    expectContained(renderSmokeSummary(report as never));
  });

  it('chaos: the timeline, the error and its evidence', () => {
    const report = {
      action: 'chaos',
      cluster: 'demo',
      experiment: 'stop-tasks',
      dryRun: false,
      startedAt: at,
      result: 'failed',
      timeline: [{ at, message: MARKDOWN }],
      error,
      facts: {},
    };
    expectContained(renderChaosSummary(report as never));
  });

  it('security scan: why an image is unscanned, a finding', () => {
    const report = {
      action: 'security-scan',
      cluster: 'demo',
      services: ['web'],
      failOn: 'HIGH',
      startedAt: at,
      result: 'failed',
      images: [
        {
          image: 'web:v2',
          usedBy: ['web/app'],
          taskDefinitions: [],
          scan: { status: 'FAILED', counts: {} },
          blocking: [{ id: MARKDOWN, severity: 'HIGH', package: MARKDOWN }],
          verdict: 'unscanned',
          reason: MARKDOWN,
        },
      ],
    };
    expectContained(renderScanSummary(report as never));
  });

  it('a step that failed before its summary (the runner writes one): the failure and its evidence', async () => {
    await runAction(
      spec(async () => {
        throw new ECSServiceException({ name: 'ServerException', $fault: 'server', message: MARKDOWN, $metadata: {} });
      }),
    );
    expectContained(readFileSync(join(step.dir, 'summary'), 'utf8'));
  });
});
