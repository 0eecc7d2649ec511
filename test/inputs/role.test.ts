import { describe, expect, it } from 'vitest';
import { parseCanaryInputs } from '../../actions/canary/inputs.ts';
import { InputError } from '../../shared/errors.ts';
import { State } from '../../shared/constants.ts';
import { credentialLifetimeWarning, longestRunMs, roleToAssume } from '../../shared/inputs/role.ts';
import { roleSession } from '../../shared/wiring.ts';

const base = {
  cluster: 'demo',
  'blue-service': 'web-blue',
  'green-service': 'web-green',
  'listener-arn': 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2',
  'task-definition': 'web:2',
  'aws-region': 'us-east-1',
};
const parse = (inputs: Record<string, string>) => parseCanaryInputs((name) => ({ ...base, ...inputs })[name as keyof typeof base] ?? '');

/** The canary's longest run, as its entrypoint computes it. */
function warningFor(inputs: Record<string, string>) {
  const values = parse(inputs);
  const extensionMs = values['inconclusive-timeout'] ?? values['bake-time'];
  return credentialLifetimeWarning(
    values,
    longestRunMs({ steps: values.steps.length, bakeMs: values['bake-time'], extensionMs, waitTimeoutMs: values['wait-timeout'] }),
  );
}

describe('role-to-assume and the credential lifetime', () => {
  it('a production canary (5,25,50,100 baking 15m) without a role is warned, naming the fix', () => {
    const warning = warningFor({ steps: '5,25,50,100', 'bake-time': '15m' });
    // 4 × (15m + 15m) + 30m
    expect(warning).toMatch(/^This run can take up to 2h30m, longer than the usual 1h credential session/);
    expect(warning).toContain('role-to-assume');
    expect(warning).toContain('role-duration-seconds');
  });

  it('is quiet when the run fits in an hour, or when the action renews its own credentials', () => {
    expect(warningFor({ steps: '10,100', 'bake-time': '5m' })).toBeUndefined();
    expect(
      warningFor({ steps: '5,25,50,100', 'bake-time': '15m', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }),
    ).toBeUndefined();
  });

  it('takes a role ARN whole, with a session length STS accepts', () => {
    const values = parse({ 'role-to-assume': 'arn:aws:iam::123456789012:role/ci/deploy', 'role-duration-seconds': '7200' });
    expect(roleToAssume(values)).toEqual({
      roleArn: 'arn:aws:iam::123456789012:role/ci/deploy',
      durationSeconds: 7200,
      sessionName: 'ecs-progressive-delivery',
    });
    for (const [name, value] of [
      ['role-to-assume', 'arn:aws:iam::123456789012:user/deploy'],
      ['role-to-assume', 'arn:aws:iam::123456789012:role/deploy\nmore'],
      ['role-duration-seconds', '600'],
      ['role-session-name', 'a b'],
    ] as const) {
      expect(() => parse({ [name]: value }), `${name}=${value}`).toThrow(InputError);
    }
  });

  it('a role session tells the post step the role, and only when there is one', () => {
    const saved = new Map<string, string>();
    const checkpoint = { save: (key: string, value: string) => void saved.set(key, value) };
    roleSession(parse({}), checkpoint);
    expect(saved.size).toBe(0);
    const { clients, uncancellable } = roleSession(parse({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }), checkpoint);
    expect(JSON.parse(saved.get(State.Role)!)).toEqual({
      roleArn: 'arn:aws:iam::123456789012:role/deploy',
      durationSeconds: 3600,
      sessionName: 'ecs-progressive-delivery',
    });
    expect(clients.ecs).not.toBe(uncancellable.ecs);
  });
});
