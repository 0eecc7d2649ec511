import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTaskPlan } from '../../../actions/run-task/action.ts';
import { parseRunTaskInputs, runTaskInputSpec } from '../../../actions/run-task/inputs.ts';
import { InputError } from '../../../shared/errors.ts';
import { expectRejectedInput } from '../../support/input-checks.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';
import { ROOT, actionYml, runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';

const yml = actionYml('run-task');
const valid: Record<string, string> = {
  cluster: 'demo',
  'task-definition': 'test/fixtures/task-definition.json',
  'container-name': 'app',
  command: '["alembic", "upgrade", "head"]',
  'network-from-service': 'web-blue',
};
const source = (given: Record<string, string>) => (name: string) => given[name] ?? yml.inputs?.[name]?.default ?? '';
const parse = (given: Record<string, string>) =>
  parseRunTaskInputs(source({ ...valid, ...given }), { GITHUB_WORKSPACE: ROOT, AWS_REGION: 'us-east-1' });

/** [what is wrong, inputs to change, the input the error must name, words the fix must contain] */
const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['missing cluster', { cluster: '' }, 'cluster', /is required: give the ECS cluster name/],
  ['cluster with spaces', { cluster: 'my cluster' }, 'cluster', /expected a cluster name or ARN/],
  ['missing task definition', { 'task-definition': '' }, 'task-definition', /is required: give a task definition JSON file/],
  [
    'task definition that is neither file nor revision',
    { 'task-definition': 'migrate.json' },
    'task-definition',
    /neither a file in the workspace nor a revision/,
  ],
  ['task definition file that is not JSON', { 'task-definition': 'test/fixtures/broken.json' }, 'task-definition', /is not valid JSON/],
  ['container-name not in the file', { 'container-name': 'api' }, 'container-name', /"api" is not a container of .* \(it has: app\)/],
  ['image without container-name', { 'container-name': '', image: 'web:v2' }, 'container-name', /go together/],
  [
    'image rendered into an existing revision',
    { 'task-definition': 'migrate:3', image: 'web:v2' },
    'image',
    /only be rendered into a task definition file/,
  ],
  ['command as a shell string', { command: 'alembic upgrade head' }, 'command', /must be a list, .* never split by a shell/],
  ['command that is not YAML', { command: '["alembic", ' }, 'command', /is not a YAML or JSON list/],
  ['command as an empty list', { command: '[]' }, 'command', /is an empty list/],
  ['command with a map item', { command: '- alembic\n- {upgrade: head}' }, 'command', /item 2 is not a string/],
  ['environment line without =', { 'environment-overrides': 'STAGE prod' }, 'environment-overrides', /line 1 is not NAME=value/],
  ['environment name set twice', { 'environment-overrides': 'A=1\nA=2' }, 'environment-overrides', /line 2 sets A again/],
  ['network-from-service and subnets', { subnets: 'subnet-0123456789abcdef0' }, 'network-from-service', /not both/],
  [
    'security groups without subnets',
    { 'network-from-service': '', 'security-groups': 'sg-0123456789abcdef0' },
    'subnets',
    /is required with security-groups/,
  ],
  ['a subnet that is not an ID', { 'network-from-service': '', subnets: 'private-a' }, 'subnets', /"private-a" is not a subnet ID/],
  [
    'a security group name',
    { 'network-from-service': '', subnets: 'subnet-0123456789abcdef0', 'security-groups': 'default' },
    'security-groups',
    /is not a security group ID/,
  ],
  [
    'assign-public-ip not a boolean',
    { 'network-from-service': '', subnets: 'subnet-0123456789abcdef0', 'assign-public-ip': 'ENABLED?' },
    'assign-public-ip',
    /not a boolean/,
  ],
  ['unknown launch type', { 'launch-type': 'LAMBDA' }, 'launch-type', /is not one of: FARGATE, EC2, EXTERNAL/],
  [
    'launch type and strategy',
    { 'launch-type': 'FARGATE', 'capacity-provider-strategy': 'FARGATE_SPOT:1' },
    'capacity-provider-strategy',
    /not both/,
  ],
  [
    'strategy without a weight',
    { 'capacity-provider-strategy': 'FARGATE_SPOT' },
    'capacity-provider-strategy',
    /is not provider:weight\[:base\]/,
  ],
  ['timeout in words', { timeout: 'half an hour' }, 'timeout', /is not a duration/],
  ['timeout too short', { timeout: '1s' }, 'timeout', /too short: the minimum is 10s/],
  ['started-by with spaces', { 'started-by': 'release 42' }, 'started-by', /up to 128 letters/],
  ['require-success naming no container', { 'require-success': 'seed' }, 'require-success', /"seed" is not a container of/],
  ['negative max-log-lines', { 'max-log-lines': '-5' }, 'max-log-lines', /out of range/],
  ['poll interval longer than the timeout', { 'poll-interval': '1m', timeout: '30s' }, 'poll-interval', /must not be longer than timeout/],
  ['a region that does not exist', { 'aws-region': 'Mars' }, 'aws-region', /expected a region like us-east-1/],
];

describe('run-task inputs', () => {
  it('declares in action.yml exactly the inputs the spec reads, with the same defaults', () => {
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual(Object.keys(runTaskInputSpec).sort());
    for (const [name, schema] of Object.entries(runTaskInputSpec)) {
      const fromYml = yml.inputs?.[name]?.default;
      if (fromYml === undefined) expect(schema.safeParse('').data, name).toBeUndefined();
      else expect(schema.safeParse('').data, name).toEqual(schema.safeParse(fromYml).data);
    }
  });

  it('builds the plan: the command as a list, the environment, the network and the defaults', () => {
    const inputs = parse({
      command: '- sh\n- -c\n- "alembic upgrade head && echo done"',
      'environment-overrides': 'STAGE=prod\n# a comment\nURL=postgres://db/x?a=b',
      'network-from-service': '',
      subnets: 'subnet-0123456789abcdef0, subnet-0123456789abcdef1',
      'security-groups': 'sg-0123456789abcdef0',
      'assign-public-ip': 'false',
      'capacity-provider-strategy': 'FARGATE_SPOT:3\nFARGATE:1:1',
      'require-success': 'app',
    });
    const plan = runTaskPlan(inputs, { GITHUB_RUN_ID: '42' }, 'token');
    expect(plan).toMatchObject({
      cluster: 'demo',
      region: 'us-east-1',
      container: 'app',
      command: ['sh', '-c', 'alembic upgrade head && echo done'],
      environment: { STAGE: 'prod', URL: 'postgres://db/x?a=b' },
      networkFromService: undefined,
      placement: {
        awsvpc: {
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: ['sg-0123456789abcdef0'],
          assignPublicIp: 'DISABLED',
        },
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
          { capacityProvider: 'FARGATE', weight: 1, base: 1 },
        ],
      },
      requireSuccess: ['app'],
      startedBy: 'github/42',
      clientToken: 'token',
      timeoutMs: 30 * 60_000,
      pollMs: 5_000,
      maxLogLines: 1_000,
    });
    expect('document' in plan.taskDefinition).toBe(true);
  });

  it('takes JSON lists, and numbers in them as text', () => {
    expect(parse({ command: '["node", "migrate.js", "--step", 3]' }).command).toEqual(['node', 'migrate.js', '--step', '3']);
  });

  it('never echoes a command or an environment value in its errors', () => {
    const bad: Record<string, string>[] = [{ command: 'psql postgres://user:hunter2@db' }, { 'environment-overrides': 'PASSWORD hunter2' }];
    for (const given of bad) {
      try {
        parse(given);
        throw new Error('expected an InputError');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });
});

let endpoint: FakeAws;
beforeAll(async () => (endpoint = await startFakeAws()));
afterAll(() => endpoint.close());

describe('run-task bundle rejects bad inputs before any AWS call', () => {
  it.each(BAD)('%s', async (_, change, input, fix) => {
    const result = await runBundle('run-task', { inputs: { ...valid, ...change }, env: { AWS_ENDPOINT_URL: endpoint.url } });
    expectRejectedInput(result, input, fix, endpoint);
  });

  it('needs a region from the input or the environment', async () => {
    const result = await runBundle('run-task', { inputs: valid, env: { AWS_REGION: '', AWS_ENDPOINT_URL: endpoint.url } });
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'Input "aws-region": is required: set it, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION)',
    ]);
    expect(endpoint.targets()).toEqual([]);
  });

  it('with valid inputs, reads first, starts nothing when AWS fails, and still reports', async () => {
    const result = await runBundle('run-task', {
      inputs: { ...valid, 'task-definition': 'migrate:3', 'max-retries': '0' },
      env: { AWS_ENDPOINT_URL: endpoint.url },
    });
    expect(result.code).toBe(1);
    expect(endpoint.targets()[0]).toBe('AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition');
    expect(endpoint.targets().filter((op) => /RunTask|Register/.test(op))).toEqual([]);
    expect(result.outputs.result).toBe('failed');
    expect(result.summary).toContain('## ❌ Failed: run-task');
    endpoint.reset();
  });
});
