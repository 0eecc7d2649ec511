import type { CredentialStore } from '../credentials.ts';
import { AwsError } from '../errors.ts';
import { randomId } from '../ids.ts';
import type { Operations } from './types.ts';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

interface WebIdentityRequest {
  RoleArn?: string;
  RoleSessionName?: string;
  WebIdentityToken?: string;
  DurationSeconds?: string;
}

/** The payload of a JWT (not verified: the sandbox trusts any issuer, but checks the audience). */
function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  try {
    if (!payload) throw new Error('no payload');
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError('InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider");
  }
}

/** STS AssumeRoleWithWebIdentity (unsigned, as in AWS): a GitHub OIDC token for a role session. */
export function stsWebIdentityOperations(deps: { accountId: string; credentials: CredentialStore; tokens: string[] }): Operations {
  return {
    AssumeRoleWithWebIdentity(input: WebIdentityRequest) {
      const roleArn = String(input.RoleArn ?? '');
      const sessionName = String(input.RoleSessionName ?? '');
      const token = String(input.WebIdentityToken ?? '');
      const duration = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds);
      const role = ROLE_ARN.exec(roleArn);
      if (!role) throw new AwsError('ValidationError', `${roleArn} is invalid`);
      if (!SESSION_NAME.test(sessionName))
        throw new AwsError('ValidationError', "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
      if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${input.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
        );
      const jwt = claims(token);
      if (jwt.aud !== 'sts.amazonaws.com') throw new AwsError('InvalidIdentityToken', 'Incorrect token audience');
      if (typeof jwt.exp === 'number' && jwt.exp * 1000 < Date.now()) throw new AwsError('ExpiredTokenException', 'Token expired');
      deps.tokens.push(token);
      const session = deps.credentials.issue(roleArn, sessionName, duration);
      const roleId = `AROA${randomId(17).toUpperCase()}`;
      return {
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: session.secretAccessKey,
          SessionToken: session.sessionToken,
          Expiration: new Date(session.expiresAt),
        },
        SubjectFromWebIdentityToken: String(jwt.sub ?? ''),
        AssumedRoleUser: {
          AssumedRoleId: `${roleId}:${sessionName}`,
          Arn: `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/${sessionName}`,
        },
        Provider: String(jwt.iss ?? ''),
        Audience: 'sts.amazonaws.com',
      };
    },
  };
}
