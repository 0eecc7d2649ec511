/**
 * Hostile input, in-process (the parse functions the bundles run before any AWS call; a parse
 * function makes no AWS call, so "refused here" is "refused before AWS"). Each row: an action,
 * inputs that a careless or hostile caller could give, the input the one-line error must name,
 * and what the line must say. Every error is also checked to be one short line.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlueGreenInputs } from '../../actions/blue-green/inputs.ts';
import { parseCanaryInputs } from '../../actions/canary/inputs.ts';
import { parseChaosInputs } from '../../actions/chaos/inputs.ts';
import { parsePreflightInputs } from '../../actions/preflight/inputs.ts';
import { parseRollbackInputs } from '../../actions/rollback/inputs.ts';
import { parseRunTaskInputs } from '../../actions/run-task/inputs.ts';
import { parseScanInputs } from '../../actions/security-scan/inputs.ts';
import { parseSmokeInputs } from '../../actions/smoke/inputs.ts';
import { InputError } from '../../shared/errors.ts';
import { actionYml, ROOT } from '../../sandbox/rehearsal/run-bundle.ts';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo-alb/1111111111111111/2222222222222222';
const RULE = `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/3333333333333333`;
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const HUGE = 'x'.repeat(120_000);

/** A workspace with a task definition, a checks file, a directory, and symlinks in and out. */
const workspace = mkdtempSync(join(tmpdir(), 'hostile-ws-'));
const outside = mkdtempSync(join(tmpdir(), 'hostile-out-'));
writeFileSync(join(outside, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
writeFileSync(
  join(workspace, 'task-definition.json'),
  JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'web:1' }] }),
);
writeFileSync(join(workspace, 'secret.json'), 'root:x:0:0:root:/root:/bin/bash\n');
writeFileSync(join(workspace, 'checks.yml'), '- path: /health\n');
writeFileSync(join(workspace, 'bad-checks.yml'), 'root:x:0:0: [unclosed\n  ::notice::pwned\n');
mkdirSync(join(workspace, 'taskdef'));
symlinkSync(join(outside, 'passwd'), join(workspace, 'escape.json'));
symlinkSync(join(outside, 'passwd'), join(workspace, 'escape.yml'));

type Parse = (given: Record<string, string>, env: NodeJS.ProcessEnv) => unknown;
const withDefaults = (action: string, given: Record<string, string>) => {
  const yml = actionYml(action);
  return (name: string) => given[name] ?? yml.inputs?.[name]?.default ?? '';
};
const env = { GITHUB_WORKSPACE: workspace };
// canary, blue-green and run-task read GITHUB_WORKSPACE from the process, as on a runner.
process.env.GITHUB_WORKSPACE = workspace;

const topology = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': LISTENER,
  'aws-region': 'us-east-1',
};
const ACTIONS: Record<string, { base: Record<string, string>; parse: Parse }> = {
  canary: {
    base: { ...topology, 'task-definition': 'task-definition.json' },
    parse: (given, e) => parseCanaryInputs(withDefaults('canary', given), e),
  },
  'blue-green': {
    base: { ...topology, 'task-definition': 'task-definition.json' },
    parse: (given, e) => parseBlueGreenInputs(withDefaults('blue-green', given), e),
  },
  rollback: { base: topology, parse: (given, e) => parseRollbackInputs(withDefaults('rollback', given), e) },
  chaos: {
    base: { cluster: 'staging', 'allowed-clusters': 'staging', service: 'web', 'aws-region': 'us-east-1' },
    parse: (given, e) => parseChaosInputs(withDefaults('chaos', given), e),
  },
  preflight: {
    base: { cluster: 'demo', 'aws-region': 'us-east-1' },
    parse: (given, e) => parsePreflightInputs((name) => given[name] ?? '', e, workspace),
  },
  'run-task': {
    base: { cluster: 'demo', 'task-definition': 'migrate:3', 'aws-region': 'us-east-1' },
    parse: (given, e) => parseRunTaskInputs(withDefaults('run-task', given), e),
  },
  'security-scan': {
    base: { cluster: 'demo', services: 'web-blue', 'aws-region': 'us-east-1' },
    parse: (given, e) => parseScanInputs(withDefaults('security-scan', given), e),
  },
  smoke: { base: { url: 'https://app.example.com' }, parse: (given, e) => parseSmokeInputs((name) => given[name] ?? '', e) },
};

function problem(action: string, given: Record<string, string>): string {
  const { base, parse } = ACTIONS[action]!;
  try {
    parse({ ...base, ...given }, env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.message;
  }
  throw new Error(`${action} accepted ${JSON.stringify(given).slice(0, 200)}`);
}

/** [class, action, inputs, the input named, what the line must say] */
const BAD: [string, string, Record<string, string>, string, RegExp][] = [
  // 1. ARNs whole, partition and region consistent with aws-region.
  ['arn', 'canary', { 'listener-arn': `${LISTENER}\n::notice::more` }, 'listener-arn', /single line/],
  ['arn', 'canary', { 'listener-arn': `${LISTENER} trailing` }, 'listener-arn', /expected an ARN like/],
  [
    'arn',
    'canary',
    { 'listener-arn': LISTENER.replace('arn:aws:', 'arn:aws-cn:') },
    'listener-arn',
    /partition aws-cn, but aws-region us-east-1 is in aws/,
  ],
  ['arn', 'canary', { 'listener-arn': LISTENER.replace('arn:aws:', 'arn:aws-us-gov:') }, 'listener-arn', /partition aws-us-gov/],
  [
    'arn',
    'canary',
    { 'listener-arn': LISTENER.replace('us-east-1', 'eu-west-1') },
    'listener-arn',
    /region eu-west-1, but the run uses aws-region us-east-1/,
  ],
  [
    'arn',
    'canary',
    { 'listener-arn': '', 'listener-rule-arn': RULE.replace('us-east-1', 'us-west-2') },
    'listener-rule-arn',
    /region us-west-2/,
  ],
  ['arn', 'canary', { 'aws-region': 'cn-north-1' }, 'listener-arn', /partition aws, but aws-region cn-north-1 is in aws-cn/],
  ['arn', 'canary', { 'role-to-assume': ROLE.replace('arn:aws:', 'arn:aws-cn:') }, 'role-to-assume', /partition aws-cn/],
  [
    'arn',
    'blue-green',
    { 'test-listener-arn': LISTENER.replace('us-east-1', 'eu-west-1').replace('2222', '4444') },
    'test-listener-arn',
    /region eu-west-1/,
  ],
  ['arn', 'rollback', { 'listener-arn': LISTENER.replace('us-east-1', 'ap-south-1') }, 'listener-arn', /region ap-south-1/],
  ['arn', 'rollback', { to: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3' }, 'to', /region eu-west-1/],
  ['arn', 'chaos', { cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/staging' }, 'cluster', /region eu-west-1/],
  [
    'arn',
    'chaos',
    { 'allowed-clusters': 'staging,arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/qa' },
    'allowed-clusters',
    /partition aws-us-gov/,
  ],
  ['arn', 'chaos', { cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/staging\nx' }, 'cluster', /single line/],
  [
    'arn',
    'run-task',
    { 'task-definition': 'arn:aws-cn:ecs:us-east-1:123456789012:task-definition/migrate:3' },
    'task-definition',
    /partition aws-cn/,
  ],
  ['arn', 'security-scan', { cluster: 'arn:aws:ecs:us-west-2:123456789012:cluster/demo' }, 'cluster', /region us-west-2/],
  // 2. Steps are integers.
  ['steps', 'canary', { steps: '10.5,100' }, 'steps', /"10.5" is not a whole percentage/],
  ['steps', 'canary', { steps: '10,50.5,100' }, 'steps', /"50.5" is not a whole percentage/],
  ['steps', 'canary', { steps: '0.5,100' }, 'steps', /whole percentage/],
  // 3. Limits known from the inputs.
  [
    'limit',
    'canary',
    { alarms: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') },
    'alarms',
    /101 items, more than 100: CloudWatch DescribeAlarms/,
  ],
  ['limit', 'rollback', { alarms: Array.from({ length: 150 }, (_, i) => `a${i}`).join('\n') }, 'alarms', /more than 100/],
  ['limit', 'chaos', { alarms: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') }, 'alarms', /more than 100/],
  ['limit', 'preflight', { alarms: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') }, 'alarms', /more than 100/],
  ['limit', 'canary', { alarms: 'y'.repeat(256) }, 'alarms', /not an alarm name: 1 to 255/],
  ['limit', 'chaos', { percent: '50', 'max-percent': '34' }, 'percent', /50% is over max-percent \(34%\)/],
  // 4. File inputs: inside the workspace, regular files, never echoed.
  ['file', 'canary', { 'task-definition': '../hostile-out/passwd' }, 'task-definition', /outside the workspace/],
  ['file', 'canary', { 'task-definition': join(outside, 'passwd') }, 'task-definition', /outside the workspace/],
  ['file', 'canary', { 'task-definition': 'escape.json' }, 'task-definition', /outside the workspace.*symlink/],
  ['file', 'canary', { 'task-definition': 'taskdef' }, 'task-definition', /is not a regular file/],
  ['file', 'run-task', { 'task-definition': 'taskdef' }, 'task-definition', /is not a regular file/],
  ['file', 'blue-green', { 'task-definition': '../../etc/passwd' }, 'task-definition', /outside the workspace/],
  ['file', 'preflight', { 'task-definition': join(outside, 'passwd') }, 'task-definition', /outside the workspace/],
  ['file', 'preflight', { 'task-definition': 'taskdef' }, 'task-definition', /is not a regular file/],
  ['file', 'canary', { 'task-definition': 'secret.json' }, 'task-definition', /is not valid JSON/],
  ['file', 'smoke', { checks: '../hostile-out/passwd.yml' }, 'checks', /outside the workspace/],
  ['file', 'smoke', { checks: 'escape.yml' }, 'checks', /symlink/],
  ['file', 'smoke', { checks: 'bad-checks.yml' }, 'checks', /is not valid YAML/],
  // 5. Short quotes; single-line inputs.
  ['quote', 'canary', { cluster: HUGE }, 'cluster', /"x{40}…" is not valid/],
  ['quote', 'canary', { 'bake-time': HUGE }, 'bake-time', /"x{40}…" is not a duration/],
  ['quote', 'chaos', { 'allowed-clusters': `staging,${HUGE}` }, 'allowed-clusters', /"x{40}…" is not a cluster name/],
  ['quote', 'run-task', { subnets: HUGE }, 'subnets', /"x{40}…" is not a subnet ID/],
  ['quote', 'smoke', { url: HUGE }, 'url', /^Input "url": "x{40}…" is not a URL/],
  ['single-line', 'security-scan', { 'issue-label': 'security\n::notice::x' }, 'issue-label', /single line/],
  ['single-line', 'canary', { 'blue-service': 'web\n::warning::x' }, 'blue-service', /single line/],
  ['single-line', 'canary', { image: 'web:v2\r::error::x', 'container-name': 'app' }, 'image', /single line/],
  ['single-line', 'canary', { 'slack-channel': '#deploys\n::notice::x' }, 'slack-channel', /single line|not valid/],
  // 6. Secrets.
  ['secret', 'smoke', { url: 'https://app.example.com/?access_token=s3cr3t-t0ken' }, 'url', /access_token=\*/],
  ['secret', 'smoke', { headers: 'Authorization Bearer s3cr3t-t0ken' }, 'headers', /line 1 is not a "Name: value" line \(not shown/],
];

describe('hostile input is refused with one short line naming the input', () => {
  it.each(BAD.map(([kind, action, given, input, says]) => [kind, action, input, given, says] as const))(
    '%s: %s refuses a bad %s',
    (_, action, input, given, says) => {
      const message = problem(action, given);
      expect(message).toMatch(new RegExp(`^Input "${input}": `));
      expect(message).toMatch(says);
      expect(message).not.toMatch(/[\r\n]/);
      expect(message.length).toBeLessThan(400);
      // Never a file's bytes, never a secret.
      expect(message).not.toContain('root:x:0:0');
      expect(message).not.toContain('s3cr3t-t0ken');
    },
  );

  it('counts at least 40 bad inputs', () => expect(BAD.length).toBeGreaterThanOrEqual(40));
});

describe('valid inputs of the same kinds still pass', () => {
  it('accepts ARNs of the run region and partition, integer steps, 100 alarms, files in the workspace', () => {
    expect(() =>
      ACTIONS.canary!.parse(
        { ...ACTIONS.canary!.base, steps: '10,50,100', alarms: Array.from({ length: 100 }, (_, i) => `a${i}`).join(',') },
        env,
      ),
    ).not.toThrow();
    expect(() => ACTIONS.canary!.parse({ ...ACTIONS.canary!.base, 'role-to-assume': ROLE }, env)).not.toThrow();
    const cn = LISTENER.replace('arn:aws:', 'arn:aws-cn:').replace('us-east-1', 'cn-north-1');
    expect(() => ACTIONS.canary!.parse({ ...ACTIONS.canary!.base, 'listener-arn': cn, 'aws-region': 'cn-north-1' }, env)).not.toThrow();
    expect(() => ACTIONS.smoke!.parse({ ...ACTIONS.smoke!.base, checks: 'checks.yml' }, env)).not.toThrow();
    expect(() => ACTIONS.chaos!.parse({ ...ACTIONS.chaos!.base, percent: '34' }, env)).not.toThrow();
  });

  it('reads the repository task definition fixture from the repository workspace', () => {
    process.env.GITHUB_WORKSPACE = ROOT;
    const parsed = parseCanaryInputs(withDefaults('canary', { ...topology, 'task-definition': 'test/fixtures/task-definition.json' }), {
      GITHUB_WORKSPACE: ROOT,
    });
    expect(parsed.taskDefinition).toHaveProperty('document');
    process.env.GITHUB_WORKSPACE = workspace;
  });
});
