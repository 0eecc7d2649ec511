import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Replaces (or appends) one `## title` section of bench/RESULTS.md, for a bench run on its own. */
export function writeSection(title: string, lines: string[]): void {
  const file = join(import.meta.dirname, 'RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const body = [`## ${title}`, '', ...lines, ''].join('\n');
  const start = text.indexOf(`## ${title}\n`);
  if (start < 0) {
    writeFileSync(file, `${text.trimEnd()}\n\n${body}`);
    return;
  }
  const next = text.indexOf('\n## ', start + 1);
  writeFileSync(file, text.slice(0, start) + body + (next < 0 ? '' : text.slice(next)));
}
