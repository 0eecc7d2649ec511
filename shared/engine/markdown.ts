/** Markdown pieces every job summary shares: table cells, the facts table, the failure callout. Pure. */

export type Escape = (text: string) => string;

/** A table cell: pipes escaped, on one line. */
export const cell: Escape = (text) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The two-column table under a summary's headline; facts without a value are left out. */
export function factsTable(facts: [string, string | undefined][], escape: (value: string, key: string) => string = cell): string[] {
  const rows = facts.filter((fact): fact is [string, string] => !!fact[1]).map(([key, value]) => `| ${key} | ${escape(value, key)} |`);
  return ['| | |', '|---|---|', ...rows, ''];
}

/** The failure callout: what failed and the fix; with `evidence`, the reasons in a code block below it. */
export function caution(
  error: { what: string; why: string[]; fix?: string },
  { escape = cell, evidence = false }: { escape?: Escape; evidence?: boolean } = {},
): string[] {
  const lines = ['> [!CAUTION]', `> **${escape(error.what)}**`];
  if (error.fix) lines.push(`> ${escape(error.fix)}`);
  lines.push('');
  if (evidence && error.why.length > 0) lines.push('```', ...error.why, '```', '');
  return lines;
}
