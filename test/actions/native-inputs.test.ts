/**
 * The native form (`service`) at the action level: each bundle refuses a bad native input with
 * exit 1, one `Input "<name>": …` line, a job summary, and no AWS request.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectRejectedInput } from '../support/input-checks.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { runBundle } from '../../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333';
const DEPLOYMENT = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/AbCdEf123';
const TASK_DEFINITION = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';

const canary = {
  cluster: 'demo',
  service: 'web',
  'task-definition': 'test/fixtures/task-definition.json',
  steps: '10,100',
  'bake-time': '1m',
};
const prepare = { cluster: 'demo', service: 'web', phase: 'prepare', 'task-definition': 'web:2', 'bake-time': '1m' };
const switchPhase = { cluster: 'demo', service: 'web', phase: 'switch', 'task-definition-arn': TASK_DEFINITION, 'bake-time': '1m' };

/** [action, what is wrong, the inputs, the input the error must name, words the fix must contain] */
const BAD: [string, string, Record<string, string>, string, RegExp][] = [
  ['canary', 'service and blue-service', { ...canary, 'blue-service': 'web-blue' }, 'service', /either service .* not both/],
  ['canary', 'service and both colors', { ...canary, 'blue-service': 'web-blue', 'green-service': 'web-green' }, 'service', /not both/],
  ['canary', 'neither form', { ...canary, service: '' }, 'service', /is required: give service .* or blue-service and green-service/],
  ['canary', 'service name with a slash', { ...canary, service: 'web/api' }, 'service', /expected an ECS service name/],
  [
    'canary',
    'listener and rule with service',
    { ...canary, 'listener-arn': LISTENER, 'listener-rule-arn': RULE },
    'listener-rule-arn',
    /not both/,
  ],
  ['canary', 'production rule that is not an ARN', { ...canary, 'listener-rule-arn': 'prod' }, 'listener-rule-arn', /expected an ARN/],
  ['canary', 'arbitrary steps', { ...canary, steps: '10,50,100' }, 'steps', /arbitrary steps need the two-service mode/],
  ['canary', 'unequal linear steps', { ...canary, steps: '20,30,100' }, 'steps', /not a shape ECS can run/],
  ['canary', 'linear steps below 3 %', { ...canary, steps: '2,4,6,8,10,100' }, 'steps', /not a shape ECS can run|at least 3 %/],
  ['canary', 'a canary step in hundredths', { ...canary, steps: '2.55,100' }, 'steps', /is not a whole percentage from 1 to 100/],
  ['canary', 'bake time in seconds', { ...canary, 'bake-time': '90s' }, 'bake-time', /not whole minutes: ECS bakes in minutes/],
  [
    'canary',
    'unknown deployment-config',
    { ...canary, 'deployment-config': 'terraform' },
    'deployment-config',
    /is not one of: action, managed/,
  ],
  ['blue-green', 'service and green-service', { ...prepare, 'green-service': 'web-green' }, 'service', /not both/],
  ['blue-green', 'approval timeout in seconds', { ...prepare, 'approval-timeout': '90s' }, 'approval-timeout', /not whole minutes/],
  ['blue-green', 'approval timeout past 14 days', { ...prepare, 'approval-timeout': '337h' }, 'approval-timeout', /is too long/],
  ['blue-green', 'bake time in seconds', { ...prepare, 'bake-time': '30s' }, 'bake-time', /not whole minutes/],
  [
    'blue-green',
    'test listener with service',
    { ...prepare, 'test-listener-arn': LISTENER },
    'test-listener-arn',
    /does not go with service/,
  ],
  [
    'blue-green',
    'deployment ARN given to prepare',
    { ...prepare, 'service-deployment-arn': DEPLOYMENT },
    'service-deployment-arn',
    /only for phase switch/,
  ],
  ['blue-green', 'snapshot given to prepare', { ...prepare, 'config-snapshot': '{}' }, 'config-snapshot', /only for phase switch/],
  [
    'blue-green',
    'snapshot that is not JSON',
    { ...switchPhase, 'config-snapshot': 'strategy=BLUE_GREEN' },
    'config-snapshot',
    /not a JSON object/,
  ],
  [
    'blue-green',
    'deployment ARN that is not one',
    { ...switchPhase, 'service-deployment-arn': 'web-deploy-1' },
    'service-deployment-arn',
    /expected an ARN/,
  ],
  [
    'blue-green',
    'deployment ARN with two colors',
    {
      ...switchPhase,
      service: '',
      'blue-service': 'web-blue',
      'green-service': 'web-green',
      'listener-arn': LISTENER,
      'service-deployment-arn': DEPLOYMENT,
    },
    'service-deployment-arn',
    /only for one service deployed natively/,
  ],
  [
    'blue-green',
    'switch without the prepared revision',
    { ...switchPhase, 'task-definition-arn': '' },
    'task-definition-arn',
    /is required for phase switch/,
  ],
  [
    'rollback',
    'service and blue-service',
    { cluster: 'demo', service: 'web', 'blue-service': 'web-blue' },
    'blue-service',
    /does not go with service/,
  ],
  ['preflight', 'service and blue-service', { cluster: 'demo', service: 'web', 'blue-service': 'web-blue' }, 'service', /not both/],
  [
    'preflight',
    'native checks without service',
    { cluster: 'demo', 'blue-service': 'web-blue', 'green-service': 'web-green', checks: 'native-wiring' },
    'service',
    /is required by the native-wiring check/,
  ],
];

let endpoint: FakeAws;
beforeAll(async () => (endpoint = await startFakeAws()));
afterAll(() => endpoint.close());

describe('native form: bundles reject bad inputs before any AWS call', () => {
  it.each(BAD)('%s: %s', async (action, _, inputs, input, fix) => {
    const result = await runBundle(action, { inputs, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectRejectedInput(result, input, fix, endpoint);
  });
});
