import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../shared/engine/preflight/check.ts';
import { runPreflight } from '../../../shared/engine/preflight/runner.ts';
import { renderPreflightSummary } from '../../../shared/engine/preflight/summary.ts';
import { parseWindows } from '../../../shared/engine/preflight/schedule.ts';
import { AwsWorld } from './aws-world.ts';
import { plan } from './plan.ts';

let world: AwsWorld;
beforeEach(() => {
  world = new AwsWorld();
});

const windows = parseWindows('Mon-Fri 09:00-16:00 Europe/Berlin');
const schedule = { windows: 'value' in windows ? windows.value : [], freezes: [], zone: 'Europe/Berlin' };
const taskDefinition = {
  source: { reference: 'web:41' },
  containerName: undefined,
  image: undefined,
  launchType: undefined,
};

describe('runPreflight', () => {
  it('runs every check and passes on a healthy account inside the window', async () => {
    world.clock.time = Date.parse('2026-11-23T09:00:00Z');
    // This world is two colors: the native checks (one service) are tested in native.test.ts.
    const checks = CHECK_IDS.filter((id) => !id.startsWith('native-'));
    const { report } = await runPreflight(plan({ checks, schedule, taskDefinition }), world.ports());
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(checks.map((id) => [id, 'pass']));
    expect(report).toMatchObject({ result: 'passed', failedChecks: [], warnings: [] });
  });

  it('reports warnings without failing, and fails on them with strict', async () => {
    world.alarms[0]!.StateValue = 'INSUFFICIENT_DATA';
    const { report: lenient } = await runPreflight(plan({ checks: ['credentials', 'no-active-incident'] }), world.ports());
    expect(lenient).toMatchObject({ result: 'passed', warnings: ['no-active-incident'], failedChecks: [] });
    const { report: strict } = await runPreflight(plan({ checks: ['credentials', 'no-active-incident'], strict: true }), world.ports());
    expect(strict).toMatchObject({ result: 'failed', warnings: [], failedChecks: ['no-active-incident'] });
    expect(strict.checks[1]).toMatchObject({ status: 'fail', strictFromWarn: true });
  });

  it("one check's crash is that check's failure with the reason; the others still run", async () => {
    world.mocks.ecs
      .on(DescribeServicesCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform ecs:DescribeServices'), { name: 'AccessDeniedException' }));
    const { report } = await runPreflight(plan({ checks: ['credentials', 'service-health', 'no-active-incident'] }), world.ports());
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'fail', 'pass']);
    expect(report.checks[1]!.summary).toBe(
      'ecs:DescribeServices failed: AccessDeniedException: User is not authorized to perform ecs:DescribeServices',
    );
    expect(report.checks[1]!.evidence).toContain(
      "fix: Allow the action ecs:DescribeServices in the role's IAM policy (see docs/iam-policy.json).",
    );
    expect(report.failedChecks).toEqual(['service-health']);
  });

  it('retries throttled calls through the Clock', async () => {
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    world.mocks.sts.on(GetCallerIdentityCommand).rejectsOnce(throttle).resolves(world.identity);
    const { report } = await runPreflight(plan({ checks: ['credentials'] }), world.ports());
    expect(report.result).toBe('passed');
    expect(world.mocks.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(2);
    expect(world.log.lines.some((l) => l.includes('sts.whoAmI failed (ThrottlingException); retry 1/2'))).toBe(true);
  });

  it('a cancelled run fails the checks it had not finished', async () => {
    const controller = new AbortController();
    controller.abort();
    const { report } = await runPreflight(plan({ checks: ['credentials'] }), world.ports(), controller.signal);
    expect(report.checks[0]).toMatchObject({ status: 'fail', summary: 'The run was cancelled' });
    expect(world.mocks.sts.calls()).toHaveLength(0);
  });
});

describe('AWS reads the checks add', () => {
  it('reads the Fargate vCPU use and its quota in one GetMetricData call', async () => {
    await runPreflight(plan({ checks: ['capacity'] }), world.ports());
    const input = world.mocks.cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.MetricDataQueries).toEqual([
      expect.objectContaining({
        Id: 'usage',
        MetricStat: expect.objectContaining({
          Metric: {
            Namespace: 'AWS/Usage',
            MetricName: 'ResourceCount',
            Dimensions: [
              { Name: 'Service', Value: 'Fargate' },
              { Name: 'Type', Value: 'Resource' },
              { Name: 'Resource', Value: 'vCPU' },
              { Name: 'Class', Value: 'Standard/OnDemand' },
            ],
          },
        }),
      }),
      { Id: 'quota', ReturnData: true, Expression: 'SERVICE_QUOTA(usage)' },
    ]);
  });

  it('uses the cluster default capacity provider strategy when the service names none', async () => {
    world.services.get('web-green')!.launchType = undefined;
    world.clusterDefaultProviders = ['FARGATE_SPOT'];
    const { report } = await runPreflight(plan({ checks: ['capacity'] }), world.ports());
    expect(world.mocks.ecs.commandCalls(DescribeClustersCommand)[0]!.args[0].input).toEqual({ clusters: ['demo'] });
    expect(report.checks[0]!.evidence).toContain('placement: capacity providers FARGATE_SPOT');
  });
});

describe('summary', () => {
  it('has one table row per check with its status, summary and evidence', async () => {
    world.alarms[0]!.StateValue = 'ALARM';
    world.alarms[0]!.StateReason = 'p99 | latency > 1s';
    const { report } = await runPreflight(plan({ checks: ['credentials', 'no-active-incident'] }), world.ports());
    const markdown = renderPreflightSummary(report);
    expect(markdown).toContain('## ❌ Preflight failed for demo');
    const rows = markdown.split('\n').filter((l) => /^\| (✅|⚠️|❌)/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^\| ✅ pass \| Credentials \(`credentials`\) \| assumed-role\/deploy\/GitHubActions in account 123456789012 \| account: 123456789012<br>arn: /,
    );
    expect(rows[1]).toBe(
      '| ❌ fail | No active incident (`no-active-incident`) | 1 alarm(s) in ALARM: web-5xx | web-5xx: ALARM (p99 \\| latency &gt; 1s) |'.replace(
        '&gt;',
        '>',
      ),
    );
  });
});
