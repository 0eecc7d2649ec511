/**
 * Markdown for the job summary that carries text this suite did not write (ECS events, AWS
 * error messages, log lines, check names). GitHub renders the summary as GFM with some HTML:
 * a stray `|` or line break breaks a table row, and `<!--` or `<details>` can hide the rest.
 */

/**
 * One table cell (or one line of a blockquote): pipes escaped, every line break (CR alone
 * too, and U+2028/2029) a space, `<` as an entity so no HTML tag or comment opens.
 * Cells may still hold this suite's own Markdown (links, code spans): only these are touched.
 */
export const cell = (text: string): string =>
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
