/**
 * Markdown for the job summaries. They carry text this suite did not write (ECS events, AWS
 * error messages, log lines, check names), and GitHub renders them as GFM with some HTML: a
 * stray `|` or line break breaks a table row, and `<!--` or `<details>` can hide the rest.
 * Pure: the engines and the runner share it.
 */

export type Escape = (text: string) => string;

/**
 * One table cell (or one line of a blockquote): pipes escaped, every line break (CR alone
 * too, and U+2028/2029) a space, `<` as an entity so no HTML tag or comment opens.
 * Cells may still hold this suite's own Markdown (links, code spans): only these are touched.
 */
export const cell: Escape = (text) =>
  text
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');

/** A code block whose fence is longer than any run of backticks in the lines, so no line can close it. */
export function fenced(lines: readonly string[], info = ''): string[] {
  const longest = Math.max(0, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...lines.flatMap((line) => line.split(/\r\n|\r|\n/)), fence];
}

/** The two-column table under a summary's headline; facts without a value are left out. */
export function factsTable(facts: [string, string | undefined][], escape: (value: string, key: string) => string = cell): string[] {
  const rows = facts.filter((fact): fact is [string, string] => !!fact[1]).map(([key, value]) => `| ${key} | ${escape(value, key)} |`);
  return ['| | |', '|---|---|', ...rows, ''];
}

/** The failure callout: what failed and the fix; with `evidence`, the reasons in a fenced block below it. */
export function caution(
  error: { what: string; why: string[]; fix?: string },
  { escape = cell, evidence = false }: { escape?: Escape; evidence?: boolean } = {},
): string[] {
  const lines = ['> [!CAUTION]', `> **${escape(error.what)}**`];
  if (error.fix) lines.push(`> ${escape(error.fix)}`);
  lines.push('');
  if (evidence && error.why.length > 0) lines.push(...fenced(error.why), '');
  return lines;
}
