import { describe, expect, it } from 'vitest';
import { parseBlueGreenInputs } from '../../actions/blue-green/inputs.ts';
import { parseCanaryInputs, type CanaryInputs } from '../../actions/canary/inputs.ts';
import { InputError } from '../../shared/errors.ts';
import { trafficGates, twoColorPlan } from '../../shared/wiring.ts';
import { awsClients } from '../../shared/aws/clients.ts';
import { LISTENER, TG } from '../../sandbox/rehearsal/engine-fakes.ts';

const valid: Record<string, string> = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': LISTENER,
  'task-definition': 'web:2',
  'aws-region': 'us-east-1',
};
// `valid` is the two-color form.
const parse = (inputs: Record<string, string>) => parseCanaryInputs((name) => ({ ...valid, ...inputs })[name] ?? '', {}) as CanaryInputs;

/** [what is wrong, inputs, the input the error names, the fix] */
const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['metric-delay not a duration', { 'metric-delay': 'late' }, 'metric-delay', /is not a duration/],
  ['metric-delay above 15 minutes', { 'metric-delay': '1h' }, 'metric-delay', /too long: the maximum is 15m/],
  ['compare-with-baseline not a boolean', { 'compare-with-baseline': 'maybe' }, 'compare-with-baseline', /not a boolean/],
  ['compare-with-baseline without a margin', { 'compare-with-baseline': 'true' }, 'compare-with-baseline', /needs max-5xx-rate-increase/],
  [
    'max-5xx-rate-increase without compare-with-baseline',
    { 'max-5xx-rate-increase': '1' },
    'max-5xx-rate-increase',
    /set compare-with-baseline: true/,
  ],
  [
    'max-p95-latency-increase without compare-with-baseline',
    { 'max-p95-latency-increase': '20%' },
    'max-p95-latency-increase',
    /set compare-with-baseline: true/,
  ],
  [
    'max-5xx-rate-increase negative',
    { 'compare-with-baseline': 'true', 'max-5xx-rate-increase': '-1' },
    'max-5xx-rate-increase',
    /out of range: give a value from 0 pp to 100 pp/,
  ],
  [
    'max-5xx-rate-increase not a number',
    { 'compare-with-baseline': 'true', 'max-5xx-rate-increase': 'one' },
    'max-5xx-rate-increase',
    /not a number/,
  ],
  [
    'max-p95-latency-increase as a duration',
    { 'compare-with-baseline': 'true', 'max-p95-latency-increase': '50ms' },
    'max-p95-latency-increase',
    /not a number: give a value from 0% to 1000%/,
  ],
  [
    'max-p95-latency-increase too large',
    { 'compare-with-baseline': 'true', 'max-p95-latency-increase': '5000%' },
    'max-p95-latency-increase',
    /out of range/,
  ],
  ['confidence of 100 %', { confidence: '100%' }, 'confidence', /out of range: give a value from 50% to 99.9%/],
  ['confidence below 50 %', { confidence: '20' }, 'confidence', /out of range/],
  ['confidence as a fraction word', { confidence: 'high' }, 'confidence', /not a number/],
  ['gates-dry-run not a boolean', { 'gates-dry-run': 'sometimes' }, 'gates-dry-run', /not a boolean/],
  [
    'inconclusive-timeout shorter than the publishing delay',
    { 'max-5xx-rate': '1', 'inconclusive-timeout': '1m' },
    'inconclusive-timeout',
    /at least metric-delay \+ metric-period \(240s\)/,
  ],
  ['metric-period not whole minutes', { 'metric-period': '90s' }, 'metric-period', /whole number of minutes/],
];

describe('judgement inputs', () => {
  it.each(BAD)('%s is refused, naming the input', (_, inputs, input, fix) => {
    let error: unknown;
    try {
      parse(inputs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(input);
    expect((error as InputError).message).toMatch(fix);
  });

  it('blue-green takes the same inputs', () => {
    expect(() => parseBlueGreenInputs((name) => ({ ...valid, 'compare-with-baseline': 'true' })[name] ?? '', {})).toThrow(
      /compare-with-baseline/,
    );
  });

  it('defaults: 3m metric delay, 95 % confidence, acting gates, and an extension long enough to publish the last minute', () => {
    const inputs = parse({ 'max-5xx-rate': '1', 'bake-time': '1m' });
    expect(inputs).toMatchObject({ confidence: 95, 'gates-dry-run': false, 'compare-with-baseline': false });
    const clients = awsClients({ region: 'us-east-1', maxRetries: 0 });
    expect(twoColorPlan(inputs, clients).extensionMs).toBe(240_000);
    const gate = trafficGates(clients, LISTENER, inputs)({ candidate: TG.green })[0]!;
    expect(gate.publishing).toEqual({ periodMs: 60_000, delayMs: 180_000 });
  });

  it('wires a baseline comparison with the live target group and dry-run gates as advisory', () => {
    const inputs = parse({
      'compare-with-baseline': 'true',
      'max-5xx-rate-increase': '0.5',
      'max-p95-latency-increase': '20%',
      confidence: '99%',
      'gates-dry-run': 'true',
      alarms: 'a',
    });
    const gates = trafficGates(
      awsClients({ region: 'us-east-1', maxRetries: 0 }),
      LISTENER,
      inputs,
    )({ candidate: TG.green, baseline: TG.blue });
    expect(gates.map((g) => g.name)).toEqual(['CloudWatch alarms', 'ALB metrics']);
    const metrics = gates[1] as unknown as { settings: unknown; targetGroups: unknown };
    expect(metrics.settings).toMatchObject({
      advisory: true,
      baseline: { max5xxIncreasePp: 0.5, maxP95IncreasePercent: 20, confidence: 0.99 },
    });
    expect(metrics.targetGroups).toEqual({ new: TG.green, live: TG.blue });
  });
});
