import { fail, pass, warn, type CheckOutcome } from './check.ts';
import type { Identity } from './ports.ts';

/**
 * Who the credentials are. Another account than `expected-account`, or the account root,
 * fails; an IAM user (long-lived access keys rather than a role assumed through OIDC) warns.
 */
export async function checkCredentials(identity: Identity, expectedAccount: string | undefined): Promise<CheckOutcome> {
  const who = await identity.whoAmI();
  const evidence = [`account: ${who.account}`, `arn: ${who.arn}`, ...(expectedAccount ? [`expected account: ${expectedAccount}`] : [])];
  if (expectedAccount && who.account !== expectedAccount)
    return fail(`credentials are for account ${who.account}, not the expected ${expectedAccount}`, evidence);
  if (/:root$/.test(who.arn)) return fail(`credentials are the root user of ${who.account}: deploy with a role instead`, evidence);
  if (/:user\//.test(who.arn))
    return warn(`${who.arn} is an IAM user with long-lived keys: prefer a role assumed through GitHub OIDC`, evidence);
  return pass(`${who.arn.split(':').pop()} in account ${who.account}`, evidence);
}
