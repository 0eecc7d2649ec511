/**
 * Text from a task's log or from AWS (stop reasons, error messages) is printed to the CI log,
 * where a line starting with `::` (or the older `##[`) is a workflow command: `::add-mask::`,
 * `::error::`, `::stop-commands::`. Such a line gets its first character percent-encoded, the
 * way @actions/core escapes command values, so it still reads almost as is and can never act.
 * Multi-line text is handled line by line.
 */
import { COMMAND_START } from '../../github/untrusted.ts';

export function neutralize(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(COMMAND_START, (_, space: string, start: string) => `${space}${start === '::' ? '%3A:' : '%23#['}`))
    .join('\n');
}
