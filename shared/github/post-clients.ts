import type { AwsClients } from '../aws/clients.ts';
import type { RoleToAssume } from '../aws/credentials.ts';
import { State } from '../constants.ts';

/**
 * The post step's AWS clients for a region: the main step's role (saved in the state) assumed
 * afresh, else the environment's credentials. The SDK loads only when a post step has work.
 */
export async function postClients(state: { get(key: string): string }): Promise<(region: string) => AwsClients> {
  const { awsClients } = await import('../aws/clients.ts');
  const saved = state.get(State.Role);
  if (!saved) return (region) => awsClients({ region, maxRetries: 6 });
  const { webIdentityCredentials } = await import('../aws/credentials.ts');
  const role = JSON.parse(saved) as RoleToAssume;
  return (region) => awsClients({ region, maxRetries: 6, credentials: webIdentityCredentials(role, { region }) });
}
