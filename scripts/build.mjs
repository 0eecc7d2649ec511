// Bundles every action entrypoint with ncc: actions/<name>/main.ts → dist/<name>/index.js and
// actions/<name>/post.ts → dist/<name>/post/index.js (what each action.yml points at), each with
// the chunks of its dynamic imports beside it.
//   node scripts/build.mjs [name…]      build all actions, or only the named ones
//   node scripts/build.mjs --check      fail when the committed dist/ differs from a fresh build
// Each bundle is built in its own process: ncc type-checks the project per build and one
// process building them all runs out of memory.
import ncc from '@vercel/ncc';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');

if (args[0] === '--one') {
  await buildOne(args[1], args[2], check);
} else {
  const only = args.filter((a) => !a.startsWith('--'));
  const entries = readdirSync(join(root, 'actions'))
    .filter((name) => only.length === 0 || only.includes(name))
    .flatMap((name) =>
      [
        ['main.ts', join('dist', name)],
        ['post.ts', join('dist', name, 'post')],
      ]
        .filter(([file]) => existsSync(join(root, 'actions', name, file)))
        .map(([file, out]) => [join('actions', name, file), out]),
    );
  // Two cores build two bundles at once; more only adds memory pressure.
  const queue = [...entries];
  let stale = 0;
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [source, out] = entry;
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--one', source, out, ...(check ? ['--check'] : [])], {
        cwd: root,
        stdio: 'inherit',
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      if (code !== 0) stale++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  if (check && stale === 0) console.log(`dist/ matches a fresh build (${entries.length} bundles)`);
  if (stale > 0) {
    console.error(check ? `dist/ is stale (${stale} bundle(s)): run npm run build and commit dist/` : `${stale} bundle(s) failed to build`);
    process.exit(1);
  }
}

async function buildOne(source, out, checkOnly) {
  const { code, assets } = await ncc(join(root, source), { minify: true, quiet: true, cache: false, sourceMap: false }).catch((error) => {
    // Show the compiler's lines, not webpack's stack.
    const lines = String(error?.message ?? error)
      .split('\n')
      .filter((line) => /TS\d+|ERROR|error/.test(line));
    console.error(`build of ${source} failed:\n${lines.slice(0, 30).join('\n')}`);
    process.exit(1);
  });
  const files = { 'index.js': code, ...Object.fromEntries(Object.entries(assets).map(([name, asset]) => [name, asset.source.toString()])) };
  // The SDK and toolkit parts an action loads with import() after its inputs are valid are
  // chunks next to index.js (e.g. 586.index.js); a chunk the build no longer makes is stale.
  const chunk = /^\d+\.index\.js$/;
  const leftover = existsSync(join(root, out)) ? readdirSync(join(root, out)).filter((name) => chunk.test(name) && !(name in files)) : [];
  const differs = checkOnly ? leftover.map((name) => join(out, name)) : [];
  if (!checkOnly) for (const name of leftover) rmSync(join(root, out, name));
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, out, name);
    if (checkOnly) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) differs.push(relative(root, path));
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  if (differs.length > 0) {
    console.error(`stale: ${differs.join(', ')}`);
    process.exit(1);
  }
  if (!checkOnly) console.log(`${source} → ${out}/index.js (${Buffer.byteLength(code)} bytes)`);
}
