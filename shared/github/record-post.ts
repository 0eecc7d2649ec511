/**
 * A main step killed outright (SIGKILL, or the runner giving up on it) never closes the GitHub
 * deployment entry it opened, and the Environments page would show it in progress for good.
 * The main step saves the entry as soon as it exists and empties the key once it is closed;
 * the post step closes what is left, saying the main step did not finish and what it did itself.
 */
import { State } from '../constants.ts';
import { messageOf } from '../errors.ts';
import type { Clock, Log } from '../engine/ports.ts';
import type { SavedRecord } from './record.ts';
import { readInput } from './runner.ts';

type SavedState = { get(key: string): string };
type Cleanup = (state: SavedState, context: { clock: Clock; log: Log }) => Promise<string>;

/** The post step `cleanup`, then the deployment entry the main step left open (if any) closed as `failure`. */
export function closingLeftRecord(cleanup: Cleanup): (state: SavedState, context: { clock: Clock; log: Log }) => Promise<void> {
  return async (state, context) => {
    const saved = state.get(State.Record);
    if (!saved) {
      await cleanup(state, context);
      return;
    }
    let did: string;
    try {
      did = await cleanup(state, context);
    } catch (error) {
      await close(JSON.parse(saved) as SavedRecord, `could NOT restore traffic: ${messageOf(error)}`, context.log);
      throw error;
    }
    await close(JSON.parse(saved) as SavedRecord, did, context.log);
  };
}

async function close(saved: SavedRecord, did: string, log: Log): Promise<void> {
  const description = `The main step did not finish; the post step ${did}`;
  log.info(`Closing GitHub deployment ${saved.id} (${saved.environment}) as failure: ${description}`);
  // Octokit is loaded only by a post step that has an entry to close.
  const { closeLeftRecord } = await import('./record.ts');
  await closeLeftRecord(saved, readInput('github-token'), description);
}
