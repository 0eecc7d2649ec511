import { describe, expect, it } from 'vitest';
import { caution, cell, factsTable } from '../shared/markdown.ts';

describe('summary markdown', () => {
  it('keeps a cell on one line with its pipes escaped', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
  });

  it('lists only the facts that have a value, escaped by key', () => {
    const facts: [string, string | undefined][] = [
      ['Service', 'web|api'],
      ['Empty', ''],
      ['Missing', undefined],
      ['Log', '[x](http://l|y)'],
    ];
    expect(factsTable(facts)).toEqual(['| | |', '|---|---|', '| Service | web\\|api |', '| Log | [x](http://l\\|y) |', '']);
    expect(factsTable(facts, (value, key) => (key === 'Log' ? value : cell(value)))[3]).toBe('| Log | [x](http://l|y) |');
  });

  it('shows the failure and its fix, and the evidence only when asked', () => {
    const error = { what: 'Gate | failed', why: ['5xx: 3 (threshold 1)'], fix: 'Look at the logs' };
    expect(caution(error)).toEqual(['> [!CAUTION]', '> **Gate \\| failed**', '> Look at the logs', '']);
    expect(caution(error, { evidence: true }).slice(4)).toEqual(['```', '5xx: 3 (threshold 1)', '```', '']);
    expect(caution({ what: 'x', why: [] }, { evidence: true })).toEqual(['> [!CAUTION]', '> **x**', '']);
  });
});
