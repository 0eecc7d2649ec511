import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectReadsFirstAndMutatesNothing, expectRejectedInput } from '../../support/input-checks.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const TEST_LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/3333333333333333';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const valid: Record<string, string> = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': LISTENER,
  'task-definition': 'test/fixtures/task-definition.json',
};
const switching = { phase: 'switch', 'task-definition': '', 'task-definition-arn': 'web:2' };

/** [what is wrong, inputs to change, the input the error must name, words the fix must contain] */
const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['an unknown phase', { phase: 'deploy' }, 'phase', /"deploy" is not one of: prepare, switch, all/],
  ['missing cluster', { cluster: '' }, 'cluster', /is required: give the ECS cluster name/],
  ['missing blue-service', { 'blue-service': '' }, 'blue-service', /is required/],
  ['same service twice', { 'green-service': 'web-blue' }, 'green-service', /must differ from blue-service/],
  ['no listener at all', { 'listener-arn': '' }, 'listener-arn', /give listener-arn .* or listener-rule-arn/],
  ['both listener and rule', { 'listener-rule-arn': RULE }, 'listener-rule-arn', /not both/],
  ['missing task definition for all', { 'task-definition': '' }, 'task-definition', /is required for phase all/],
  ['missing task definition for prepare', { phase: 'prepare', 'task-definition': '' }, 'task-definition', /is required for phase prepare/],
  ['a task definition that is neither file nor revision', { 'task-definition': 'nope.json' }, 'task-definition', /neither a file/],
  [
    'switch without the prepared ARN',
    { ...switching, 'task-definition-arn': '' },
    'task-definition-arn',
    /is required for phase switch: pass the task-definition-arn output/,
  ],
  [
    'switch given a task definition to deploy',
    { ...switching, 'task-definition': 'web:3' },
    'task-definition',
    /belongs to the prepare phase/,
  ],
  [
    'switch given a test listener',
    { ...switching, 'test-listener-arn': TEST_LISTENER },
    'test-listener-arn',
    /belongs to the prepare phase/,
  ],
  [
    'a prepared ARN that is not a revision',
    { ...switching, 'task-definition-arn': 'latest' },
    'task-definition-arn',
    /expected the task-definition-arn output/,
  ],
  [
    'a prepared ARN given to prepare',
    { phase: 'prepare', 'task-definition-arn': 'web:2' },
    'task-definition-arn',
    /is only for phase switch/,
  ],
  ['a test listener that is not a listener ARN', { 'test-listener-arn': 'my-test-listener' }, 'test-listener-arn', /expected an ARN like/],
  ['the production listener as test listener', { 'test-listener-arn': LISTENER }, 'test-listener-arn', /must differ from listener-arn/],
  ['image without container-name', { image: 'web:v2' }, 'container-name', /go together/],
  ['bake time in words', { 'bake-time': 'a while' }, 'bake-time', /is not a duration/],
  [
    'poll interval longer than the bake time',
    { 'poll-interval': '2m', 'bake-time': '1m' },
    'poll-interval',
    /must not be longer than bake-time/,
  ],
  ['5xx rate above 100 %', { 'max-5xx-rate': '101' }, 'max-5xx-rate', /out of range/],
  ['latency that is not a duration', { 'max-p95-latency': 'quick' }, 'max-p95-latency', /is not a duration/],
  ['takeover not a boolean', { takeover: 'please' }, 'takeover', /not a boolean/],
  ['scale-down-previous not a boolean', { 'scale-down-previous': 'maybe' }, 'scale-down-previous', /not a boolean/],
  ['an environment name with a slash', { environment: 'prod/eu' }, 'environment', /expected a GitHub environment name/],
  ['a region that does not exist', { 'aws-region': 'moon-1' }, 'aws-region', /expected a region like us-east-1/],
  ['too many retries', { 'max-retries': '50' }, 'max-retries', /out of range/],
];

let endpoint: FakeAws;
beforeAll(async () => (endpoint = await startFakeAws()));
afterAll(() => endpoint.close());

describe('blue-green bundle rejects bad inputs before any AWS call', () => {
  it.each(BAD)('%s', async (_, change, input, fix) => {
    const result = await runBundle('blue-green', { inputs: { ...valid, ...change }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectRejectedInput(result, input, fix, endpoint);
  });

  it('with valid inputs, reads first (DescribeServices), mutates nothing when AWS fails, and still reports', async () => {
    const result = await runBundle('blue-green', { inputs: { ...valid, 'max-retries': '0' }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectReadsFirstAndMutatesNothing(result, endpoint, 'blue-green');
  });
});
