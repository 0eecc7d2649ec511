// Bundles every action entrypoint with ncc: actions/<name>/main.ts → dist/<name>/index.js and
// actions/<name>/post.ts → dist/<name>/post/index.js (what each action.yml points at).
//   node scripts/build.mjs [name…]      build all actions, or only the named ones
//   node scripts/build.mjs --check      fail when the committed dist/ differs from a fresh build
import ncc from '@vercel/ncc';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));

const entries = readdirSync(join(root, 'actions'))
  .filter((name) => only.length === 0 || only.includes(name))
  .flatMap((name) =>
    [
      ['main.ts', join('dist', name)],
      ['post.ts', join('dist', name, 'post')],
    ]
      .filter(([file]) => existsSync(join(root, 'actions', name, file)))
      .map(([file, out]) => ({ source: join(root, 'actions', name, file), out: join(root, out) })),
  );

async function bundle(source) {
  const { code, assets } = await ncc(source, { minify: true, quiet: true, cache: false, sourceMap: false }).catch((error) => {
    // ncc type-checks the whole project: show the compiler's lines, not webpack's stack.
    const lines = String(error?.message ?? error).split('\n').filter((line) => /TS\d+|ERROR|error/.test(line));
    console.error(`build of ${relative(root, source)} failed:\n${lines.slice(0, 30).join('\n')}`);
    process.exit(1);
  });
  return { 'index.js': code, ...Object.fromEntries(Object.entries(assets).map(([name, asset]) => [name, asset.source.toString()])) };
}

const stale = [];
for (const { source, out } of entries) {
  const files = await bundle(source);
  for (const [name, content] of Object.entries(files)) {
    const path = join(out, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(relative(root, path));
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  if (!check) console.log(`${relative(root, source)} → ${relative(root, out)}/index.js (${Buffer.byteLength(files['index.js'])} bytes)`);
}
if (check) {
  if (stale.length > 0) {
    console.error(`dist/ is stale; run npm run build and commit:\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`dist/ matches a fresh build (${entries.length} bundles)`);
}
