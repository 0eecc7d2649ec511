import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectReadsFirstAndMutatesNothing, expectRejectedInput } from '../../support/input-checks.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const valid: Record<string, string> = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': LISTENER,
  'task-definition': 'test/fixtures/task-definition.json',
};

/** [what is wrong, inputs to change, the input the error must name, words the fix must contain] */
const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['missing cluster', { cluster: '' }, 'cluster', /is required: give the ECS cluster name/],
  ['missing blue-service', { 'blue-service': '' }, 'blue-service', /is required/],
  ['missing green-service', { 'green-service': '' }, 'green-service', /is required/],
  ['same service twice', { 'green-service': 'web-blue' }, 'green-service', /must differ from blue-service/],
  ['service name with spaces', { 'blue-service': 'web blue' }, 'blue-service', /expected an ECS service name/],
  ['no listener at all', { 'listener-arn': '' }, 'listener-arn', /give listener-arn .* or listener-rule-arn/],
  ['both listener and rule', { 'listener-rule-arn': RULE }, 'listener-rule-arn', /not both/],
  ['listener that is not an ARN', { 'listener-arn': 'my-listener' }, 'listener-arn', /expected an ARN like arn:aws:elasticloadbalancing/],
  [
    'a listener ARN given as the rule',
    { 'listener-arn': '', 'listener-rule-arn': LISTENER },
    'listener-rule-arn',
    /expected an ARN like .*listener-rule/,
  ],
  ['missing task definition', { 'task-definition': '' }, 'task-definition', /is required: give a task definition JSON file/],
  [
    'task definition that is neither file nor revision',
    { 'task-definition': 'taskdef/missing.json' },
    'task-definition',
    /neither a file in the workspace nor a revision like my-app:42/,
  ],
  ['task definition file that is not JSON', { 'task-definition': 'test/fixtures/broken.json' }, 'task-definition', /is not valid JSON/],
  [
    'task definition without containers',
    { 'task-definition': 'test/fixtures/no-containers.json' },
    'task-definition',
    /needs at least one container/,
  ],
  ['image without container-name', { image: 'web:v2' }, 'container-name', /go together/],
  ['container-name without image', { 'container-name': 'app' }, 'image', /go together/],
  [
    'container-name not in the file',
    { image: 'web:v2', 'container-name': 'api' },
    'container-name',
    /is not a container of .* \(it has: app\)/,
  ],
  [
    'image rendered into an existing revision',
    { 'task-definition': 'web:3', image: 'web:v2', 'container-name': 'app' },
    'image',
    /only be rendered into a task definition file/,
  ],
  ['steps that go down', { steps: '50,10,100' }, 'steps', /must rise step by step/],
  ['steps that stop short of 100', { steps: '10,50' }, 'steps', /must end at 100/],
  ['a step that is not a number', { steps: '10,half,100' }, 'steps', /"half" is not a whole percentage from 1 to 100/],
  ['a step above 100', { steps: '10,150' }, 'steps', /"150" is not a whole percentage/],
  ['bake time in words', { 'bake-time': '5 minutes' }, 'bake-time', /is not a duration: use a number with a unit, like 30s, 5m or 1h/],
  ['poll interval below a second', { 'poll-interval': '100ms' }, 'poll-interval', /too short: the minimum is 1s/],
  [
    'poll interval longer than the bake time',
    { 'poll-interval': '2m', 'bake-time': '1m' },
    'poll-interval',
    /must not be longer than bake-time/,
  ],
  ['5xx rate above 100 %', { 'max-5xx-rate': '150' }, 'max-5xx-rate', /out of range: give a value from 0% to 100%/],
  ['latency that is not a duration', { 'max-p95-latency': 'fast' }, 'max-p95-latency', /is not a duration/],
  ['fractional minimum requests', { 'min-requests': '1.5' }, 'min-requests', /is not an integer/],
  ['negative minimum requests', { 'min-requests': '-1' }, 'min-requests', /out of range/],
  ['wait timeout too short', { 'wait-timeout': '5s' }, 'wait-timeout', /too short: the minimum is 10s/],
  ['scale-down-previous not a boolean', { 'scale-down-previous': 'maybe' }, 'scale-down-previous', /not a boolean: use true or false/],
  ['takeover not a boolean', { takeover: 'sure' }, 'takeover', /not a boolean/],
  ['a region that does not exist', { 'aws-region': 'Mars' }, 'aws-region', /expected a region like us-east-1/],
  ['too many retries', { 'max-retries': '99' }, 'max-retries', /out of range: give a value from 0 to 20/],
  ['metric period below a second', { 'metric-period': '500ms' }, 'metric-period', /too short/],
  // Hostile input (issue 11): refused by the bundle before any AWS request.
  ['a fractional step', { steps: '10.5,100' }, 'steps', /"10.5" is not a whole percentage/],
  ['a listener ARN followed by a command', { 'listener-arn': `${LISTENER}\n::notice::x` }, 'listener-arn', /must be a single line/],
  [
    'an aws-cn listener in a us-east-1 run',
    { 'listener-arn': LISTENER.replace('arn:aws:', 'arn:aws-cn:') },
    'listener-arn',
    /partition aws-cn/,
  ],
  ['a listener of another region', { 'listener-arn': LISTENER.replace('us-east-1', 'eu-west-1') }, 'listener-arn', /region eu-west-1/],
  ['101 alarms', { alarms: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') }, 'alarms', /more than 100/],
  ['a task definition outside the workspace', { 'task-definition': '../../etc/passwd' }, 'task-definition', /outside the workspace/],
  ['a directory as task definition', { 'task-definition': 'test/fixtures' }, 'task-definition', /is not a regular file/],
  ['a 120 kB cluster name', { cluster: 'c'.repeat(120_000) }, 'cluster', /^Input "cluster": "c{40}…" is not valid/],
];

let endpoint: FakeAws;
beforeAll(async () => (endpoint = await startFakeAws()));
afterAll(() => endpoint.close());

describe('canary bundle rejects bad inputs before any AWS call', () => {
  it.each(BAD)('%s', async (_, change, input, fix) => {
    const result = await runBundle('canary', { inputs: { ...valid, ...change }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectRejectedInput(result, input, fix, endpoint);
  });

  it('needs a region from the input or the environment', async () => {
    const result = await runBundle('canary', { inputs: valid, env: { AWS_REGION: '', AWS_ENDPOINT_URL: endpoint.url } });
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'Input "aws-region": is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)',
    ]);
    expect(endpoint.targets()).toEqual([]);
  });

  it('with valid inputs, the first AWS calls are reads (DescribeServices), and AWS errors end the run cleanly', async () => {
    const result = await runBundle('canary', { inputs: { ...valid, 'max-retries': '0' }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectReadsFirstAndMutatesNothing(result, endpoint, 'canary');
  });
});
