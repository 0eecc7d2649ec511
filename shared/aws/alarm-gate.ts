import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DeployError } from '../errors.ts';
import type { Gate, GateResult } from '../ports.ts';
import { call } from './call.ts';

/** DescribeAlarms accepts at most 100 names per call. */
const MAX_NAMES = 100;

/** CloudWatch alarms: one DescribeAlarms per poll for all names; any in ALARM fails. */
export class AlarmGate implements Gate {
  readonly name = 'CloudWatch alarms';

  private readonly cloudwatch: CloudWatchClient;
  private readonly alarmNames: string[];

  constructor(cloudwatch: CloudWatchClient, alarmNames: string[]) {
    this.cloudwatch = cloudwatch;
    this.alarmNames = alarmNames;
    if (alarmNames.length > MAX_NAMES) throw new DeployError(`At most ${MAX_NAMES} alarms can be watched (got ${alarmNames.length})`);
  }

  async evaluate(): Promise<GateResult[]> {
    const states = await this.states();
    const missing = this.alarmNames.filter((name) => !states.has(name));
    if (missing.length > 0) {
      throw new DeployError(`CloudWatch alarm(s) not found: ${missing.join(', ')}`, {
        fix: 'Check the `alarms` input: names are case-sensitive and must be in the same region.',
      });
    }
    const firing = [...states].filter(([, alarm]) => alarm.state === 'ALARM');
    return [
      {
        gate: this.name,
        verdict: firing.length > 0 ? 'fail' : 'pass',
        observed:
          firing.length > 0
            ? firing.map(([name, alarm]) => `${name} in ALARM: ${alarm.reason}`).join('; ')
            : `${states.size} alarm(s) not in ALARM`,
        threshold: 'none in ALARM',
      },
    ];
  }

  /** Also used by preflight: the alarm states by name. */
  async states(): Promise<Map<string, { state: string; reason: string }>> {
    const out = await call('cloudwatch:DescribeAlarms', () =>
      this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: this.alarmNames, MaxRecords: MAX_NAMES })),
    );
    const alarms = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
    return new Map(alarms.map((a) => [a.AlarmName ?? '', { state: a.StateValue ?? 'INSUFFICIENT_DATA', reason: a.StateReason ?? '' }]));
  }
}
