import { cleanup } from './action.ts';

await cleanup();
