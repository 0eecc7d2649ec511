import { describe, expect, it } from 'vitest';
import { neutralize } from '../../../shared/engine/run-task/safe-text.ts';

describe('neutralize', () => {
  it('keeps ordinary text as it is', () => {
    expect(neutralize('INFO ready: 3 rows :: done')).toBe('INFO ready: 3 rows :: done');
    expect(neutralize('a:b')).toBe('a:b');
  });

  it('encodes the first character of a line that would start a workflow command', () => {
    expect(neutralize('::add-mask::secret')).toBe('%3A:add-mask::secret');
    expect(neutralize('\t ::error file=x::y')).toBe('\t %3A:error file=x::y');
    expect(neutralize('##[set-output name=a;]b')).toBe('%23#[set-output name=a;]b');
  });

  it('handles every line of multi-line text, whatever the line ending', () => {
    expect(neutralize('ok\n::stop-commands::t\r\n::warning::w\r::debug::d')).toBe('ok\n%3A:stop-commands::t\n%3A:warning::w\n%3A:debug::d');
  });
});
