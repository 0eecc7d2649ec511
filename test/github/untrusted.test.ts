import { describe, expect, it } from 'vitest';
import { neutralizeCommands, noLegacyCommand, quoteUntrusted } from '../../shared/github/untrusted.ts';
import { neutralize } from '../../shared/engine/run-task/safe-text.ts';

/**
 * What the runner would take as a command: a line starting with `::` after .NET's TrimStart
 * (whose whitespace includes NEL, U+0085, which JavaScript's trimStart keeps), or `##[` anywhere.
 */
const startsCommand = (log: string) => log.split(/\r\n|\r|\n/).some((line) => /^[\s\u0085\u180e]*::/.test(line) || line.includes('##['));

describe('quoteUntrusted', () => {
  it.each([
    ['web:1\n::add-mask::secret'],
    ['web:1\r::set-output name=x::y'],
    ['  \n   ::error::injected'],
    ['::warning::at the start'],
    ['text ##[error]legacy form'],
    ['line\u2028::next'],
  ])('%j starts no workflow command and stays one line', (value) => {
    const quoted = quoteUntrusted(value);
    expect(startsCommand(`Ignored deployment 7: ${quoted}`)).toBe(false);
    expect(startsCommand(quoted)).toBe(false);
    expect(quoted.split(/\r\n|\r|\n|\u2028/)).toHaveLength(1);
  });

  it('keeps ordinary text readable, quotes it, and cuts long values', () => {
    expect(quoteUntrusted('web:41')).toBe('"web:41"');
    expect(quoteUntrusted('a\nb')).toBe('"a\\u000ab"');
    expect(quoteUntrusted('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteUntrusted('x'.repeat(300), 10)).toBe(`"${'x'.repeat(10)}…"`);
    expect(quoteUntrusted({ a: 1 })).toBe('"{\\"a\\":1}"');
  });
});

describe('neutralizeCommands', () => {
  it('keeps the lines but none of them starts a command', () => {
    const out = neutralizeCommands('ok line\n  ::error::x\r\n::set-output name=a::b\nand ##[warning]y');
    expect(startsCommand(out)).toBe(false);
    expect(out.split('\n')[0]).toBe('ok line');
    expect(out).toContain('›  ::error::x');
  });

  it('catches a line led by NEL (U+0085), whitespace to the runner but not to JavaScript', () => {
    const line = '\u0085::add-mask::x';
    expect(line.trimStart().startsWith('::')).toBe(false);
    expect(startsCommand(line)).toBe(true);
    expect(startsCommand(neutralizeCommands(`ok\n${line}`))).toBe(false);
    expect(startsCommand(neutralize(`ok\n${line}`))).toBe(false);
  });

  it('breaks the legacy form in an annotation text', () => {
    expect(noLegacyCommand('x ##[error]y')).not.toContain('##[');
  });

  it('leaves text without commands as it is', () => {
    expect(neutralizeCommands('Weights now blue=100,green=0\nStep 1/2')).toBe('Weights now blue=100,green=0\nStep 1/2');
  });
});
