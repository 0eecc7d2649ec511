/**
 * A job summary as a page one can open: the Markdown rendered (marked, GitHub-flavoured) and its
 * ```mermaid blocks drawn by Mermaid, inlined so the page works offline from a file:// URL.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { marked } from 'marked';

const require = createRequire(import.meta.url);

/** Mermaid's self-contained browser build, from the npm package. */
const mermaidScript = (): string => readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function summaryPage(title: string, markdown: string): string {
  const renderer = new marked.Renderer();
  const code = renderer.code.bind(renderer);
  renderer.code = (token) => (token.lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(token.text)}</pre>` : code(token));
  // Only the markup the summary itself writes passes; any other HTML (from a run's text) is shown as text.
  renderer.html = (token) => (/^\s*<\/?(details|summary)>\s*$/.test(token.text) ? token.text : escapeHtml(token.text));
  const body = marked.parse(markdown, { gfm: true, async: false, renderer });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1f2328; }
  table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
  blockquote { border-left: 4px solid #d1d9e0; margin: 0; padding: 0 1em; color: #59636e; }
  pre:not(.mermaid) { background: #f6f8fa; padding: 1em; overflow: auto; }
</style>
</head>
<body>
${body}
<script>${mermaidScript().replace(/<\/script/gi, '<\\/script')}</script>
<script>
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(
    () => document.body.setAttribute('data-charts', 'drawn'),
    (error) => document.body.setAttribute('data-charts', 'error: ' + error),
  );
</script>
</body>
</html>
`;
}
