import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { quoteInput } from '../github/untrusted.ts';

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * A file input (`task-definition`, smoke `checks`): it must stay inside the workspace (no `../`,
 * no absolute path elsewhere, no symlink out of it) and be a regular file. Returns its text, or
 * undefined when nothing exists at that path (the caller may read the value another way).
 * Callers never echo the text: an error about the file names the file, not its bytes.
 */
export function readWorkspaceFile(input: string, value: string, workspace: string): string | undefined {
  const root = resolve(workspace);
  const path = resolve(root, value);
  const outside = `${quoteInput(value)} is outside the workspace: give a path inside GITHUB_WORKSPACE, like taskdef/web.json`;
  if (!inside(root, path)) throw new InputError(input, outside);
  if (!existsSync(path)) return undefined;
  if (!inside(realpathSync(root), realpathSync(path))) throw new InputError(input, `${outside} (a symlink leads out of it)`);
  if (!statSync(path).isFile())
    throw new InputError(input, `${quoteInput(value)} is not a regular file (a directory?): give the file's path`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(input, `${quoteInput(value)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Why JSON.parse refused a text, without the text: V8's message quotes the first bytes, so only the position is kept. */
export function jsonProblem(error: unknown): string {
  const at = /at position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
  return at ? `is not valid JSON (${at})` : 'is not valid JSON';
}
