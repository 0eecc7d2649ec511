import type { Operations } from './types.ts';

/** AWS STS (awsQuery, version 2011-06-15). Any credentials are accepted; they all map to one sandbox user. */
export function stsOperations(deps: { accountId: string }): Operations {
  return {
    GetCallerIdentity() {
      return {
        UserId: 'AIDASANDBOXUSER000001',
        Account: deps.accountId,
        Arn: `arn:aws:iam::${deps.accountId}:user/sandbox`,
      };
    },
  };
}
