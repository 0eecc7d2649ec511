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

describe.each(ACTIONS)('actions/%s', (name) => {
  it('main.ts is one line that runs the exported run()', () => {
    const text = readFileSync(join(ROOT, 'actions', name, 'main.ts'), 'utf8');
    expect(text.trimEnd().split('\n')).toEqual([`await (await import(/* webpackMode: "eager" */ './action.ts')).run();`]);
  });

  it.runIf(existsSync(join(ROOT, 'actions', name, 'post.ts')))('post.ts is one line that runs the exported cleanup()', () => {
    const text = readFileSync(join(ROOT, 'actions', name, 'post.ts'), 'utf8');
    expect(text.trimEnd().split('\n')).toEqual([`await (await import(/* webpackMode: "eager" */ './action.ts')).cleanup();`]);
  });
});
