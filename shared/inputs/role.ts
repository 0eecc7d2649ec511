import { formatDuration } from '../duration.ts';
import type { RoleToAssume } from '../aws/credentials.ts';
import { number, optional, text } from './fields.ts';

const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Actions that can outlive one credential session assume their role themselves (GitHub OIDC). */
export const roleInputs = {
  'role-to-assume': optional(text(ROLE_ARN, 'expected an IAM role ARN like arn:aws:iam::123456789012:role/deploy')),
  'role-duration-seconds': optional(number({ min: 900, max: 43_200, integer: true }), '3600'),
  'role-session-name': optional(text(/^[\w+=,.@-]{2,64}$/, 'expected 2 to 64 letters, digits or +=,.@-'), 'ecs-progressive-delivery'),
};

export interface RoleValues {
  'role-to-assume'?: string;
  'role-duration-seconds': number;
  'role-session-name': string;
}

export function roleToAssume(values: RoleValues): RoleToAssume | undefined {
  const roleArn = values['role-to-assume'];
  return roleArn ? { roleArn, durationSeconds: values['role-duration-seconds'], sessionName: values['role-session-name'] } : undefined;
}

/** What configure-aws-credentials hands out by default, and what most roles allow. */
const SESSION_MS = 3_600_000;

/** The longest a two-color run can take: every step baked and extended, plus the deployment wait. */
export function longestRunMs(plan: { steps: number; bakeMs: number; extensionMs: number; waitTimeoutMs: number }): number {
  return plan.steps * (plan.bakeMs + plan.extensionMs) + plan.waitTimeoutMs;
}

/** Without role-to-assume the credentials are someone else's and do not renew: say so when the run can outlive them. */
export function credentialLifetimeWarning(values: Partial<RoleValues>, longestMs: number): string | undefined {
  if (values['role-to-assume'] || longestMs <= SESSION_MS) return undefined;
  return (
    `This run can take up to ${formatDuration(longestMs)}, longer than the usual 1h credential session: ` +
    'if the credentials expire mid-run, traffic cannot be restored. Set role-to-assume (the action then renews ' +
    'its own credentials through GitHub OIDC), or raise role-duration-seconds in configure-aws-credentials.'
  );
}
