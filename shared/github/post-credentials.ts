import { State } from '../constants.ts';

/** The post step's credentials: the main step's role, assumed afresh (by region), else the environment's. */
export async function postCredentials(state: { get(key: string): string }) {
  const saved = state.get(State.Role);
  if (!saved) return undefined;
  const { webIdentityCredentials } = await import('../aws/credentials.ts');
  const role = JSON.parse(saved) as import('../aws/credentials.ts').RoleToAssume;
  return (region: string) => webIdentityCredentials(role, { region });
}
