import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { clients, FAST, get } from './clients.ts';

const sum = (r: MetricDataResult | undefined): number => (r?.Values ?? []).reduce((a, b) => a + b, 0);

describe('sandbox CloudWatch metrics and alarms from real traffic', () => {
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;
  let trafficStart: Date;

  const albQuery = (id: string, metric: string, stat: string, targetGroup?: string): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ApplicationELB',
        MetricName: metric,
        Dimensions: [
          ...(targetGroup ? [{ Name: 'TargetGroup', Value: targetGroup }] : []),
          { Name: 'LoadBalancer', Value: sandbox.loadBalancerDimension },
        ],
      },
      Period: 60,
      Stat: stat,
    },
  });

  beforeAll(async () => {
    sandbox = await startSandbox(FAST);
    aws = clients(sandbox);
    // Green gets a faulty, slow release: a quarter of its answers are 500s, each takes 20 ms more.
    const td = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [
          {
            name: 'app',
            image: `${sandbox.ecrRepositoryUri}:v2`,
            environment: [
              { name: 'VERSION', value: 'v2' },
              { name: 'FAULT_RATE', value: '0.25' },
              { name: 'LATENCY_MS', value: '20' },
            ],
          },
        ],
      }),
    );
    await aws.ecs.send(
      new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', taskDefinition: td.taskDefinition?.taskDefinitionArn }),
    );
    for (let i = 0; i < 200; i++) {
      const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web-green'] }));
      const d = out.services?.[0]?.deployments;
      if (d?.length === 1 && d[0]?.rolloutState === 'COMPLETED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    trafficStart = new Date();
    for (let i = 0; i < 40; i++) await get(`${sandbox.testListenerUrl}/`);
    for (let i = 0; i < 20; i++) await get(`${sandbox.listenerUrl}/`);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('GetMetricData returns 5xx counts, request counts and p95 latency per target group', async () => {
    const out = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(trafficStart.getTime() - 1000),
        EndTime: new Date(Date.now() + 1000),
        MetricDataQueries: [
          albQuery('green5xx', 'HTTPCode_Target_5XX_Count', 'Sum', sandbox.targetGroups.green.dimension),
          albQuery('greenRequests', 'RequestCount', 'Sum', sandbox.targetGroups.green.dimension),
          albQuery('greenP95', 'TargetResponseTime', 'p95', sandbox.targetGroups.green.dimension),
          albQuery('blue5xx', 'HTTPCode_Target_5XX_Count', 'Sum', sandbox.targetGroups.blue.dimension),
          albQuery('blueRequests', 'RequestCount', 'Sum', sandbox.targetGroups.blue.dimension),
          albQuery('allRequests', 'RequestCount', 'SampleCount'),
          { Id: 'errorRate', Expression: '100 * FILL(green5xx, 0) / greenRequests', Label: 'green 5xx %' },
        ],
      }),
    );
    const byId: Record<string, MetricDataResult> = Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id ?? '', r]));
    expect(sum(byId.green5xx)).toBe(10);
    expect(sum(byId.greenRequests)).toBe(40);
    expect(sum(byId.blueRequests)).toBe(20);
    expect(sum(byId.allRequests)).toBe(60);
    expect(byId.blue5xx?.Values).toEqual([]);
    expect(byId.green5xx?.Label).toBe('HTTPCode_Target_5XX_Count');
    expect(byId.green5xx?.StatusCode).toBe('Complete');
    expect(byId.green5xx?.Timestamps?.[0]).toBeInstanceOf(Date);
    expect(Math.max(...(byId.greenP95?.Values ?? [0]))).toBeGreaterThanOrEqual(0.02);
    expect(Math.max(...(byId.greenP95?.Values ?? [1]))).toBeLessThan(1);
    const rate = byId.errorRate;
    expect(rate?.Label).toBe('green 5xx %');
    rate?.Timestamps?.forEach((t, i) => {
      const at = byId.greenRequests?.Timestamps?.findIndex((x) => x.getTime() === t.getTime()) ?? -1;
      const errors = byId.green5xx?.Timestamps?.findIndex((x) => x.getTime() === t.getTime()) ?? -1;
      const expected = (100 * (errors >= 0 ? (byId.green5xx?.Values?.[errors] ?? 0) : 0)) / (byId.greenRequests?.Values?.[at] ?? NaN);
      expect(rate.Values?.[i]).toBeCloseTo(expected);
    });
  });

  it('the seeded demo-5xx alarm goes to ALARM from the real 5xx traffic', async () => {
    await sandbox.control.waitFor(() => sandbox.control.snapshot().alarms['demo-5xx'] === 'ALARM', { timeoutMs: 5000 });
    const out = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['demo-5xx'] }));
    const alarm = out.MetricAlarms?.[0];
    expect(alarm).toMatchObject({
      AlarmName: 'demo-5xx',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:demo-5xx',
      StateValue: 'ALARM',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // The reason is written when the state changes: at the first evaluation with 5 or more errors.
    expect(alarm?.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoint \[\d+\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than or equal to the threshold \(5\.0\)/,
    );
    expect(alarm?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    const data = JSON.parse(alarm?.StateReasonData ?? '{}') as { recentDatapoints: number[]; threshold: number };
    expect(data.threshold).toBe(5);
    expect(data.recentDatapoints[0]).toBeGreaterThanOrEqual(5);
  });

  it('SetAlarmState holds until the next evaluation disagrees; pinAlarm holds for good', async () => {
    await aws.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'demo-5xx', StateValue: 'OK', StateReason: 'testing' }));
    // The next evaluation (every 200 ms here) still sees the 5xx and puts it back in ALARM; the history keeps both.
    await sandbox.control.waitFor(() => sandbox.control.snapshot().alarms['demo-5xx'] === 'ALARM', { timeoutMs: 5000 });
    const updates = await aws.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'demo-5xx', HistoryItemType: 'StateUpdate' }));
    const summaries = (updates.AlarmHistoryItems ?? []).map((h) => h.HistorySummary);
    expect(summaries.slice(0, 2)).toEqual(['Alarm updated from OK to ALARM', 'Alarm updated from ALARM to OK']);
    expect(JSON.parse(updates.AlarmHistoryItems?.[1]?.HistoryData ?? '{}')).toMatchObject({
      newState: { stateValue: 'OK', stateReason: 'testing' },
    });

    sandbox.control.pinAlarm('demo-5xx', 'OK');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sandbox.control.snapshot().alarms['demo-5xx']).toBe('OK');
    sandbox.control.pinAlarm('demo-5xx', undefined);

    const missing = await aws.cloudwatch
      .send(new SetAlarmStateCommand({ AlarmName: 'ghost', StateValue: 'OK', StateReason: 'x' }))
      .catch((e: unknown) => e);
    expect((missing as Error).name).toBe('ResourceNotFound');
    expect((missing as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(404);
  });

  it('PutMetricAlarm stores and evaluates a new alarm', async () => {
    await aws.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'green-p95',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'TargetResponseTime',
        Dimensions: [
          { Name: 'TargetGroup', Value: sandbox.targetGroups.green.dimension },
          { Name: 'LoadBalancer', Value: sandbox.loadBalancerDimension },
        ],
        ExtendedStatistic: 'p95',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0.015,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await sandbox.control.waitFor(() => sandbox.control.snapshot().alarms['green-p95'] === 'ALARM', { timeoutMs: 5000 });
    const listed = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'green-' }));
    expect(listed.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue, a.ExtendedStatistic])).toEqual([['green-p95', 'ALARM', 'p95']]);
  });

  it('PutMetricData and GetMetricStatistics round-trip custom metrics', async () => {
    const at = new Date();
    await aws.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Sandbox/Test',
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: [{ Name: 'Service', Value: 'web' }],
            Values: [10, 20, 30, 40],
            Counts: [1, 1, 1, 1],
            Timestamp: at,
            Unit: 'Milliseconds',
          },
          { MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'web' }], Value: 100, Timestamp: at, Unit: 'Milliseconds' },
        ],
      }),
    );
    const stats = await aws.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Sandbox/Test',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Service', Value: 'web' }],
        StartTime: new Date(at.getTime() - 60_000),
        EndTime: new Date(at.getTime() + 60_000),
        Period: 3600,
        Statistics: ['Sum', 'SampleCount', 'Maximum', 'Average'],
        ExtendedStatistics: ['p50'],
      }),
    );
    const total = (stats.Datapoints ?? []).reduce((a, d) => a + (d.SampleCount ?? 0), 0);
    expect(total).toBe(5);
    expect(Math.max(...(stats.Datapoints ?? []).map((d) => d.Maximum ?? 0))).toBe(100);
    if (stats.Datapoints?.length === 1) {
      expect(stats.Datapoints[0]).toMatchObject({ Sum: 200, Average: 40, Unit: 'Milliseconds', ExtendedStatistics: { p50: 30 } });
    }
  });

  it('rejects malformed queries with CloudWatch errors', async () => {
    const err = await aws.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 60_000),
          EndTime: new Date(),
          MetricDataQueries: [{ Id: 'Bad-Id', Expression: '1' }],
        }),
      )
      .catch((e: unknown) => e);
    // awsQueryCompatible: the SDK maps the Query code (ValidationError) to the modeled ValidationException.
    expect((err as Error).name).toBe('ValidationException');
    expect((err as { Code?: string }).Code).toBe('ValidationError');
  });
});
