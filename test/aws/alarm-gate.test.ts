import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlarmGate } from '../../shared/aws/alarm-gate.ts';

const cloudwatch = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'us-east-1' });

beforeEach(() => cloudwatch.reset());

describe('AlarmGate', () => {
  it('asks for all alarms in one DescribeAlarms call and fails when any is in ALARM', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'web-5xx', StateValue: 'ALARM', StateReason: 'Threshold Crossed: 1 datapoint [12.0] was greater than 5.0' },
        { AlarmName: 'web-latency', StateValue: 'OK' },
      ],
    });
    const [result] = await new AlarmGate(client, ['web-5xx', 'web-latency']).evaluate();
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)).toEqual([
      { AlarmNames: ['web-5xx', 'web-latency'], MaxRecords: 100 },
    ]);
    expect(result).toEqual({
      gate: 'CloudWatch alarms',
      verdict: 'fail',
      observed: 'web-5xx in ALARM: Threshold Crossed: 1 datapoint [12.0] was greater than 5.0',
      threshold: 'none in ALARM',
    });
  });

  it('passes when none is in ALARM (INSUFFICIENT_DATA included)', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'a', StateValue: 'OK' }],
      CompositeAlarms: [{ AlarmName: 'b', StateValue: 'INSUFFICIENT_DATA' }],
    });
    const [result] = await new AlarmGate(client, ['a', 'b']).evaluate();
    expect(result?.verdict).toBe('pass');
  });

  it('a metric alarm covers data until period × evaluation periods ago, or its last state update if later', async () => {
    const now = Date.parse('2026-11-22T10:10:00Z');
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'slow', StateValue: 'OK', Period: 60, EvaluationPeriods: 3, StateUpdatedTimestamp: new Date(now - 3_600_000) },
        { AlarmName: 'fresh', StateValue: 'OK', Period: 60, EvaluationPeriods: 5, StateUpdatedTimestamp: new Date(now - 30_000) },
      ],
    });
    const [result] = await new AlarmGate(client, ['slow', 'fresh']).evaluate({ from: now - 600_000, to: now });
    // slow: 10:07:00; fresh: updated 10:09:30 (later than 10:05:00). The gate reaches as far as the least.
    expect(result!.covered).toEqual({ from: now - 600_000, to: Date.parse('2026-11-22T10:07:00Z') });
    expect(result!.observed).toBe('2 alarm(s) not in ALARM, evaluated through 10:07:00');
  });

  it('an alarm name that does not exist is an error, not a silent pass', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a', StateValue: 'OK' }] });
    await expect(new AlarmGate(client, ['a', 'typo']).evaluate()).rejects.toThrow('CloudWatch alarm(s) not found: typo');
  });
});
