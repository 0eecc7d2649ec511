/**
 * Every entrypoint is one line, as actions/cache's are: it loads the action's importable
 * implementation (action.ts, tested in-process) and runs it. The import is `eager`: ncc minifies
 * only index.js, so action.ts and its inputs stay in it, minified, not in an unminified chunk
 * (action.ts's own import()s of the SDK and the engine are the chunks).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const ACTIONS = readdirSync(join(ROOT, 'actions'));
/** Every entrypoint there is: each action's main.ts, and post.ts where the action has a post step. */
const ENTRYPOINTS = ACTIONS.flatMap((name) =>
  [
    ['main.ts', 'run'],
    ['post.ts', 'cleanup'],
  ]
    .filter(([file]) => existsSync(join(ROOT, 'actions', name, file!)))
    .map(([file, call]) => ({ path: `actions/${name}/${file}`, call })),
);

it('every action has a main.ts', () => {
  expect(ENTRYPOINTS.filter((e) => e.path.endsWith('main.ts'))).toHaveLength(ACTIONS.length);
});

describe.each(ENTRYPOINTS)('$path', ({ path, call }) => {
  it(`is one line that runs the exported ${call}()`, () => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    expect(text.trimEnd().split('\n')).toEqual([`await (await import(/* webpackMode: "eager" */ './action.ts')).${call}();`]);
  });
});
