/**
 * docs/iam-policy.json is the least-privilege policy users attach to the deploy role. It must
 * list exactly the AWS actions the code calls: every adapter call goes through
 * `call('<service>:<Action>', …)`, so the source says which.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../sandbox/rehearsal/run-bundle.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

it('docs/iam-policy.json allows exactly the AWS actions the code calls', () => {
  const called = new Set<string>();
  for (const file of sources(join(ROOT, 'shared'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bcall\(\s*'([a-z0-9-]+:[A-Za-z0-9]+)'/g)) called.add(match[1]!);
  }
  const policy = JSON.parse(readFileSync(join(ROOT, 'docs', 'iam-policy.json'), 'utf8')) as { Statement: { Action: string[] }[] };
  const allowed = policy.Statement.flatMap((statement) => statement.Action);
  expect(new Set(allowed).size, 'no action listed twice').toBe(allowed.length);
  expect([...allowed].sort()).toEqual([...called].sort());
});
