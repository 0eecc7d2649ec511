/**
 * Credentials that last the run: a GitHub OIDC ID token exchanged for a role session with STS
 * AssumeRoleWithWebIdentity, renewed (with a fresh ID token) before the session expires, so a
 * canary that bakes for hours keeps working. One provider is shared by every client of a run.
 */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import * as core from '@actions/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { DeployError } from '../errors.ts';
import { translate } from './call.ts';
import { requestHandler, type AwsTimeouts } from './http.ts';
import { SUITE, VERSION } from '../version.ts';

export interface RoleToAssume {
  roleArn: string;
  /** Asked of STS per session (900 to the role's maximum, 43200 at most). */
  durationSeconds: number;
  sessionName: string;
}

/** Audience the AWS IAM OIDC provider for GitHub expects. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** The ID token from the Actions runtime (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, `id-token: write`). */
export const githubIdToken = (): Promise<string> => core.getIDToken(STS_AUDIENCE);

/** Renew this long before expiry, or at half the session's life when sessions are short. */
const RENEW_BEFORE_MS = 5 * 60_000;

export function webIdentityCredentials(
  role: RoleToAssume,
  options: { region: string; fetchToken?: () => Promise<string>; timeouts?: AwsTimeouts; now?: () => number },
): AwsCredentialIdentityProvider {
  const fetchToken = options.fetchToken ?? githubIdToken;
  const now = options.now ?? Date.now;
  // Not tied to the run's abort signal: a restore after a cancel may need a fresh session.
  const sts = new STSClient({
    region: options.region,
    maxAttempts: 4,
    customUserAgent: [[SUITE, VERSION]],
    requestHandler: requestHandler(options.timeouts),
  });
  let current: { identity: AwsCredentialIdentity; renewAt: number } | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const assume = async (): Promise<AwsCredentialIdentity> => {
    let token: string;
    try {
      token = await fetchToken();
    } catch (error) {
      throw new DeployError('Could not get a GitHub OIDC ID token to assume role-to-assume', {
        why: error instanceof Error ? error.message : String(error),
        fix: 'Give the job `permissions: id-token: write` (and contents: read), or drop role-to-assume and run aws-actions/configure-aws-credentials first.',
      });
    }
    const started = now();
    const out = await sts
      .send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: role.roleArn,
          RoleSessionName: role.sessionName,
          WebIdentityToken: token,
          DurationSeconds: role.durationSeconds,
        }),
      )
      .catch((error: unknown) => {
        // Allowed by the role's trust policy, not by docs/iam-policy.json: so not call().
        throw translate('sts:AssumeRoleWithWebIdentity', error);
      });
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
      throw new DeployError('sts:AssumeRoleWithWebIdentity returned no credentials', { fix: 'Check role-to-assume and its trust policy.' });
    const expiresAt = c.Expiration.getTime();
    const life = Math.max(0, expiresAt - started);
    const identity = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    current = { identity, renewAt: expiresAt - Math.min(RENEW_BEFORE_MS, life / 2) };
    return identity;
  };

  return async () => {
    if (current && now() < current.renewAt) return current.identity;
    // Concurrent calls share one renewal.
    pending ??= assume().finally(() => (pending = undefined));
    return pending;
  };
}
