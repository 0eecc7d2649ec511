import { runAction } from '../../shared/github/action.ts';
import { cleanup } from './action.ts';

await runAction(cleanup);
