import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { CallerIdentity, Identity } from '../engine/preflight/ports.ts';
import { call } from './call.ts';

/** STS GetCallerIdentity: needs no IAM permission, so it works with any valid credentials. */
export class StsIdentity implements Identity {
  private readonly sts: STSClient;

  constructor(sts: STSClient) {
    this.sts = sts;
  }

  async whoAmI(): Promise<CallerIdentity> {
    const out = await call('sts:GetCallerIdentity', () => this.sts.send(new GetCallerIdentityCommand({})));
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  }
}
