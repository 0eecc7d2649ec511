/**
 * Every entrypoint is one line, as actions/cache's are: it loads the action's importable
 * implementation (action.ts, tested in-process) and runs it. The import is dynamic so the bundle's
 * index.js holds only the loader and action.ts's code is one chunk beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const ACTIONS = readdirSync(join(ROOT, 'actions'));

describe.each(ACTIONS)('actions/%s', (name) => {
  it('main.ts is one line that runs the exported run()', () => {
    const text = readFileSync(join(ROOT, 'actions', name, 'main.ts'), 'utf8');
    expect(text.trimEnd().split('\n')).toEqual(["await (await import('./action.ts')).run();"]);
  });

  it.runIf(existsSync(join(ROOT, 'actions', name, 'post.ts')))('post.ts is one line that runs the exported cleanup()', () => {
    const text = readFileSync(join(ROOT, 'actions', name, 'post.ts'), 'utf8');
    expect(text.trimEnd().split('\n')).toEqual(["await (await import('./action.ts')).cleanup();"]);
  });
});
