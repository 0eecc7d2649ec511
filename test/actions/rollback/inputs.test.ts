import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectReadsFirstAndMutatesNothing, expectRejectedInput } from '../../support/input-checks.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const colors: Record<string, string> = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': LISTENER,
};
const single: Record<string, string> = { cluster: 'demo', service: 'api' };

/** [what is wrong, all inputs, the input the error must name, words the fix must contain] */
const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['missing cluster', { ...colors, cluster: '' }, 'cluster', /is required: give the ECS cluster name/],
  [
    'neither a service nor two colors',
    { cluster: 'demo' },
    'service',
    /is required: give service .* or blue-service, green-service and a listener/,
  ],
  ['blue without green', { ...colors, 'green-service': '' }, 'green-service', /is required with blue-service/],
  ['green without blue', { ...colors, 'blue-service': '' }, 'blue-service', /is required with green-service/],
  ['same service twice', { ...colors, 'green-service': 'web-blue' }, 'green-service', /must differ from blue-service/],
  ['two colors without a listener', { ...colors, 'listener-arn': '' }, 'listener-arn', /give listener-arn/],
  ['both listener and rule', { ...colors, 'listener-rule-arn': RULE }, 'listener-rule-arn', /not both/],
  ['a service together with the colors', { ...colors, service: 'api' }, 'blue-service', /does not go with service/],
  ['a service together with a listener', { ...single, 'listener-arn': LISTENER }, 'listener-arn', /does not go with service/],
  ['a service name with spaces', { ...single, service: 'my api' }, 'service', /expected an ECS service name/],
  ['to: something unknown', { ...colors, to: 'yesterday' }, 'to', /use previous, last-successful, or a task definition/],
  ['to: a revision without a number', { ...colors, to: 'web:latest' }, 'to', /use previous, last-successful/],
  ['to: last-successful without environment', { ...colors, to: 'last-successful' }, 'environment', /is required with to: last-successful/],
  [
    'a reason longer than 500 characters',
    { ...colors, reason: 'slow '.repeat(120) },
    'reason',
    /is 599 characters long: keep it under 500/,
  ],
  ['gates with a single service', { ...single, alarms: 'web-5xx' }, 'alarms', /gates need the two-color mode/],
  ['a bake with a single service', { ...single, 'bake-time': '1m' }, 'bake-time', /gates need the two-color mode/],
  ['bake time in words', { ...colors, 'bake-time': 'soon' }, 'bake-time', /is not a duration/],
  [
    'poll interval longer than the bake time',
    { ...colors, 'bake-time': '30s', 'poll-interval': '1m' },
    'poll-interval',
    /must not be longer than bake-time/,
  ],
  ['wait timeout too short', { ...colors, 'wait-timeout': '1s' }, 'wait-timeout', /too short/],
  ['an environment name with a slash', { ...colors, environment: 'a/b' }, 'environment', /expected a GitHub environment name/],
  ['5xx rate above 100 %', { ...colors, 'max-5xx-rate': '200' }, 'max-5xx-rate', /out of range/],
  ['a region that does not exist', { ...colors, 'aws-region': 'EU' }, 'aws-region', /expected a region like us-east-1/],
  ['too many retries', { ...colors, 'max-retries': '-1' }, 'max-retries', /out of range/],
];

let endpoint: FakeAws;
beforeAll(async () => (endpoint = await startFakeAws()));
afterAll(() => endpoint.close());

describe('rollback bundle rejects bad inputs before any AWS call', () => {
  it.each(BAD)('%s', async (_, inputs, input, fix) => {
    const result = await runBundle('rollback', { inputs, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectRejectedInput(result, input, fix, endpoint);
  });

  it.each([
    ['two colors', colors],
    ['one service', single],
  ])('with valid inputs (%s), reads first and mutates nothing when AWS fails', async (_, inputs) => {
    const result = await runBundle('rollback', { inputs: { ...inputs, 'max-retries': '0' }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectReadsFirstAndMutatesNothing(result, endpoint, 'rollback');
  });
});
