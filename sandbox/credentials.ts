import { AwsError } from './errors.ts';
import { randomHex, randomId } from './ids.ts';

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  roleArn: string;
  sessionName: string;
}

export interface CredentialOptions {
  /**
   * Length of the sessions AssumeRoleWithWebIdentity hands out, overriding DurationSeconds
   * (so a test can watch credentials expire in seconds). Default: DurationSeconds, as AWS.
   */
  sessionLengthMs?: number;
}

/**
 * The role sessions STS issued. A request signed with an issued session after it expired is
 * refused as AWS refuses it; credentials the sandbox never issued (static keys) are accepted.
 */
export class CredentialStore {
  readonly sessions = new Map<string, Session>();
  private readonly options: CredentialOptions;

  constructor(options: CredentialOptions = {}) {
    this.options = options;
  }

  issue(roleArn: string, sessionName: string, durationSeconds: number, now = Date.now()): Session {
    const session: Session = {
      accessKeyId: `ASIA${randomId(16).toUpperCase()}`,
      secretAccessKey: randomId(40),
      sessionToken: `FwoGZXIvYXdzE${randomHex(64)}`,
      expiresAt: now + (this.options.sessionLengthMs ?? durationSeconds * 1000),
      roleArn,
      sessionName,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** Throws the protocol's ExpiredToken error when the request is signed with an expired session. */
  check(accessKeyId: string | undefined, protocol: 'json' | 'query', now = Date.now()): void {
    const session = accessKeyId ? this.sessions.get(accessKeyId) : undefined;
    if (!session || now < session.expiresAt) return;
    const message = 'The security token included in the request is expired';
    // JSON services answer ExpiredTokenException; Query services (ELBv2, STS) ExpiredToken.
    throw protocol === 'json'
      ? new AwsError('ExpiredTokenException', message, { queryCode: 'ExpiredToken' })
      : new AwsError('ExpiredToken', message);
  }
}
