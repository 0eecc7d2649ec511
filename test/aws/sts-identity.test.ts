import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { StsIdentity } from '../../shared/aws/sts-identity.ts';
import { DeployError } from '../../shared/errors.ts';

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

const identity = () => new StsIdentity(new STSClient({ region: 'us-east-1', maxAttempts: 1 }));

describe('StsIdentity', () => {
  it('asks GetCallerIdentity with no parameters and maps account, ARN and user id', async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
      UserId: 'AROAEXAMPLE:GitHubActions',
    });
    expect(await identity().whoAmI()).toEqual({
      account: '123456789012',
      arn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
      userId: 'AROAEXAMPLE:GitHubActions',
    });
    expect(sts.commandCalls(GetCallerIdentityCommand).map((c) => c.args[0].input)).toEqual([{}]);
  });

  it('answers empty strings for fields STS leaves out', async () => {
    sts.on(GetCallerIdentityCommand).resolves({});
    expect(await identity().whoAmI()).toEqual({ account: '', arn: '', userId: '' });
  });

  it('turns expired credentials into a DeployError naming the call', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }));
    const error = await identity()
      .whoAmI()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toMatch(/^sts:GetCallerIdentity failed: ExpiredTokenException/);
  });
});
