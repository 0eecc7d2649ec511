import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { VERSION } from '../../shared/version.ts';
import { ROOT } from '../../sandbox/rehearsal/run-bundle.ts';

it('the user agent carries the package version', () => {
  expect(VERSION).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
});
