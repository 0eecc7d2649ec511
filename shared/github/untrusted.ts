/**
 * Text this suite did not write (a deployment payload, an AWS message, a person's reason)
 * must never reach the log as a workflow command. The runner reads a command from any line
 * that starts with `::` once leading whitespace is trimmed, and a legacy `##[command]` from
 * anywhere in a line; a "line" ends at CR or LF. Both helpers here only ever add escapes.
 */

/**
 * A line the runner reads as a command: `::` after leading whitespace as .NET's TrimStart
 * sees it, which includes NEL (U+0085) and U+180E, both unknown to JavaScript's `\s`.
 */
export const COMMAND_START = /^([\s\u0085\u180e]*)(::|##\[)/;

/** Characters that can end a line for the runner, or that hide one from a reader. */
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One untrusted value as a quoted, single-line string, cut to `max` characters:
 * `"web:1\n::warning::x"` becomes `"web:1\u000a::warning::x"`, which starts no command.
 * Use it wherever such a value is put into a log line, an annotation or an error message.
 */
export function quoteUntrusted(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  const quoted = `"${cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(BREAKS, escape)}"`;
  return quoted.replace(/##\[/g, '#\\u0023[');
}

/** How much of an input value an error message quotes: enough to recognise it, never a whole file. */
export const INPUT_QUOTE_MAX = 40;

/** An input value in an error message: a short, single-line, quoted prefix (`"abc…"`). */
export const quoteInput = (value: unknown): string => quoteUntrusted(value, INPUT_QUOTE_MAX);

/**
 * A whole log message, keeping its lines: any line that would start a workflow command gets
 * a visible `›` in front, and `##[` is broken up. For the log adapter, as a last line of defence.
 */
export function neutralizeCommands(message: string): string {
  return noLegacyCommand(
    message
      .split(/(\r\n|\r|\n)/)
      .map((part) => (COMMAND_START.test(part) ? `›${part}` : part))
      .join(''),
  );
}

/**
 * `##[` broken up by a zero-width space. For an annotation's text (@actions/core escapes its
 * line breaks, so no `::` can lead a line) and a group title: the legacy form is read anywhere.
 */
export const noLegacyCommand = (text: string): string => text.replace(/##\[/g, '#\u200b#[');
