import { runAction } from '../../shared/github/action.ts';
import { run } from './action.ts';

await runAction(async (signal) => {
  await run(signal);
});
