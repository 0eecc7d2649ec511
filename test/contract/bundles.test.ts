/**
 * The committed dist/ is what users run: it must be a fresh build of the source, and every
 * bundle must start on this Node (a broken ESM/CJS bundle still "builds" fine).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../sandbox/rehearsal/run-bundle.ts';

function bundles(dir = join(ROOT, 'dist')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? bundles(path) : name === 'index.js' ? [path] : [];
  });
}

describe('dist/', () => {
  it('matches a fresh build of the source', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/^dist\/ matches a fresh build/);
  }, 900_000);

  it.each(bundles().map((path) => path.slice(ROOT.length + 1)))('%s starts and ends with a clear message, not a crash', (bundle) => {
    const run = spawnSync(process.execPath, [join(ROOT, bundle)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toMatch(/SyntaxError|ReferenceError|ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM|Cannot find module|is not a function/);
    expect([0, 1]).toContain(run.status);
    // A main step without inputs fails on its first required input; a post step without state does nothing.
    expect(output).toMatch(bundle.includes('/post/') ? /Nothing to|nothing to|no state/i : /::error::/);
  });
});
