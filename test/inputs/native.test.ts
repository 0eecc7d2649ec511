import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors.ts';
import { checkNativeBake, checkNativeSteps, parseServiceForm } from '../../shared/inputs/native.ts';

const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const native = { cluster: 'demo', service: 'web' };
const read = (inputs: Record<string, string>) => parseServiceForm((name) => inputs[name] ?? '');

function rejected(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** [what is wrong, the inputs, the input the error must name, words it must contain] */
const BAD_FORMS: [string, Record<string, string>, string, RegExp][] = [
  ['neither form', { cluster: 'demo' }, 'service', /give service .* or blue-service and green-service/],
  ['both forms', { ...native, 'blue-service': 'web-blue', 'green-service': 'web-green' }, 'service', /not both/],
  ['service with only blue-service', { ...native, 'blue-service': 'web-blue' }, 'service', /not both/],
  ['blue-service alone', { cluster: 'demo', 'blue-service': 'web-blue' }, 'green-service', /is required with blue-service/],
  ['green-service alone', { cluster: 'demo', 'green-service': 'web-green' }, 'blue-service', /is required with green-service/],
  ['service name with spaces', { ...native, service: 'my web' }, 'service', /expected an ECS service name/],
  ['native with listener and rule', { ...native, 'listener-arn': LISTENER, 'listener-rule-arn': RULE }, 'listener-rule-arn', /not both/],
  ['native rule that is not an ARN', { ...native, 'listener-rule-arn': 'prod-rule' }, 'listener-rule-arn', /expected an ARN/],
  ['unknown deployment-config', { ...native, 'deployment-config': 'terraform' }, 'deployment-config', /not one of: action, managed/],
  ['approval-timeout not a duration', { ...native, 'approval-timeout': 'tomorrow' }, 'approval-timeout', /is not a duration/],
  ['approval-timeout in seconds', { ...native, 'approval-timeout': '90s' }, 'approval-timeout', /is not whole minutes.*use e\.g\. 2m/],
  ['approval-timeout over 14 days', { ...native, 'approval-timeout': '337h' }, 'approval-timeout', /too long/],
  ['approval-timeout under a minute', { ...native, 'approval-timeout': '30s' }, 'approval-timeout', /too short/],
  [
    'service-deployment-arn of another kind',
    { ...native, 'service-deployment-arn': 'arn:aws:ecs:us-east-1:123456789012:service/demo/web' },
    'service-deployment-arn',
    /expected an ARN like .*service-deployment/,
  ],
  ['config-snapshot not JSON', { ...native, 'config-snapshot': '{strategy: BLUE_GREEN' }, 'config-snapshot', /is not a JSON object/],
  ['config-snapshot a JSON array', { ...native, 'config-snapshot': '[]' }, 'config-snapshot', /is not a JSON object/],
];

describe('native input forms', () => {
  it.each(BAD_FORMS)('rejects %s', (_what, inputs, input, message) => {
    const error = rejected(() => read(inputs));
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });

  it('reads the native form with its defaults', () => {
    const { form, native: options } = read(native);
    expect(form).toEqual({ kind: 'native', cluster: 'demo', service: 'web', productionRule: undefined });
    expect(options).toEqual({
      'deployment-config': 'action',
      'approval-timeout': 24 * 3_600_000,
      'service-deployment-arn': undefined,
      'config-snapshot': undefined,
    });
  });

  it('keeps a given rule to match against the service, and reads managed mode', () => {
    const { form, native: options } = read({
      ...native,
      'listener-rule-arn': RULE,
      'deployment-config': 'managed',
      'approval-timeout': '2h',
    });
    expect(form).toMatchObject({ productionRule: RULE });
    expect(options).toMatchObject({ 'deployment-config': 'managed', 'approval-timeout': 7_200_000 });
  });

  it('still reads the two-service form, with its own checks', () => {
    const { form, native: options } = read({ cluster: 'demo', 'blue-service': 'a', 'green-service': 'b', 'listener-arn': LISTENER });
    expect(form).toEqual({
      kind: 'two-color',
      cluster: 'demo',
      services: { blue: 'a', green: 'b' },
      router: { kind: 'listener', arn: LISTENER },
    });
    expect(options).toBeUndefined();
    expect(rejected(() => read({ cluster: 'demo', 'blue-service': 'a', 'green-service': 'b' })).input).toBe('listener-arn');
  });
});

describe('native steps and bake-time', () => {
  it.each([[[10, 50, 100]], [[25, 50, 100]], [[10, 90]], [[1, 2, 3, 100]], [[2, 4, 6, 8, 100]], [[100]]])(
    'rejects steps %j naming both forms',
    (steps) => {
      const error = rejected(() => checkNativeSteps(steps));
      expect(error.input).toBe('steps');
      expect(error.message).toMatch(/10,100 → CANARY.*25,50,75,100 → LINEAR.*two-service mode/);
    },
  );

  it('rejects linear steps under 3 % (ECS minimum)', () => {
    const steps = Array.from({ length: 50 }, (_, i) => (i + 1) * 2);
    expect(rejected(() => checkNativeSteps(steps)).message).toMatch(/at least 3 %/);
  });

  it('accepts the two native shapes', () => {
    expect(checkNativeSteps([10, 100])).toEqual({ strategy: 'CANARY', percent: 10 });
    expect(checkNativeSteps([25, 50, 75, 100])).toEqual({ strategy: 'LINEAR', stepPercent: 25 });
  });

  it.each([
    [90_000, /90s is not whole minutes.*2m/],
    [30_000, /30s is not whole minutes.*1m/],
    [1441 * 60_000, /too long: ECS bakes at most 1440m/],
  ])('rejects bake-time %d ms', (ms, message) => {
    const error = rejected(() => checkNativeBake(ms));
    expect(error.input).toBe('bake-time');
    expect(error.message).toMatch(message);
  });

  it('accepts whole minutes, zero included', () => {
    expect(checkNativeBake(0)).toBe(0);
    expect(checkNativeBake(5 * 60_000)).toBe(300_000);
  });
});
