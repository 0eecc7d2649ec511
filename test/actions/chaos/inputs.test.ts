import { describe, expect, it } from 'vitest';
import { chaosInputSpec, chaosPlan, parseChaosInputs } from '../../../actions/chaos/inputs.ts';
import { InputError } from '../../../shared/errors.ts';
import { actionYml } from '../../../sandbox/rehearsal/run-bundle.ts';
import { LISTENER } from '../../../sandbox/rehearsal/engine-fakes.ts';

const yml = actionYml('chaos');
const source = (given: Record<string, string>) => (name: string) => given[name] ?? yml.inputs?.[name]?.default ?? '';
const base = { cluster: 'staging', 'allowed-clusters': 'staging\nqa', service: 'web', 'aws-region': 'us-east-1' };
const parse = (given: Record<string, string>) => parseChaosInputs(source({ ...base, ...given }), {});

const problem = (given: Record<string, string>): string => {
  try {
    parse(given);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
};

describe('chaos inputs', () => {
  it('declares in action.yml exactly the inputs the spec reads, with the same defaults', () => {
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(chaosInputSpec).sort());
    for (const [name, schema] of Object.entries(chaosInputSpec)) {
      const fromYml = yml.inputs?.[name]?.default;
      if (fromYml === undefined) expect(schema.safeParse('').data, name).toBeUndefined();
      else expect(schema.safeParse('').data, name).toEqual(schema.safeParse(fromYml).data);
    }
    expect(yml.inputs?.cluster?.required).toBe(true);
    expect(yml.inputs?.['allowed-clusters']?.required).toBe(true);
  });

  it('builds the plan with the defaults', () => {
    const plan = chaosPlan(parse({}), 'why');
    expect(plan).toMatchObject({
      cluster: 'staging',
      allowedClusters: ['staging', 'qa'],
      experiment: 'stop-tasks',
      target: { service: 'web' },
      amount: { count: 1 },
      maxPercent: 34,
      alarms: [],
      dryRun: false,
      holdMs: 60_000,
      recoveryTimeoutMs: 600_000,
      pollMs: 10_000,
    });
  });

  it('hits the live color with two colors and a listener', () => {
    const plan = chaosPlan(parse({ service: '', 'blue-service': 'web-blue', 'green-service': 'web-green', 'listener-arn': LISTENER }), 'r');
    expect(plan.target).toEqual({ colors: { blue: 'web-blue', green: 'web-green' } });
  });

  it('names the input and the fix for each bad combination', () => {
    expect(problem({ 'allowed-clusters': '' })).toBe(
      'Input "allowed-clusters": is required: give the clusters where faults may be injected, e.g. staging',
    );
    expect(problem({ experiment: 'kill-az' })).toBe('Input "experiment": "kill-az" is not one of: stop-tasks, drain-targets');
    expect(problem({ count: '1', percent: '10' })).toBe('Input "percent": give count or percent, not both');
    expect(problem({ service: '' })).toMatch(/^Input "service": is required/);
    expect(problem({ 'blue-service': 'web-blue' })).toBe(
      'Input "service": give either service, or blue-service + green-service + listener-arn, not both',
    );
    expect(problem({ service: '', 'listener-arn': LISTENER, 'blue-service': 'web-blue' })).toBe(
      'Input "green-service": is required with a listener: give both colors',
    );
    expect(problem({ 'max-percent': '0' })).toBe('Input "max-percent": "0" is out of range: give a value from 1% to 100%');
    expect(problem({ 'poll-interval': '5m', 'recovery-timeout': '1m' })).toBe(
      'Input "poll-interval": must not be longer than recovery-timeout',
    );
  });
});
