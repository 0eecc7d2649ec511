/**
 * `npm run bench`: prints every figure and rewrites bench/RESULTS.md with them. Figures only:
 * no thresholds here; the tests never assert timings. `npm run bench -- bundles` (or
 * `cold-start`, `canary`) runs only those sections and keeps the others' figures as they were.
 * `npm run bench -- --scale N`: only N canaries at once (bench/scale.ts), its section rewritten.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundles } from './bundles.ts';
import { benchCanary } from './canary.ts';
import { benchCancelHung } from './cancel-hung.ts';
import { benchColdStarts } from './cold-start.ts';
import { benchFaultMatrix } from './fault-matrix.ts';
import { benchGates } from './gates.ts';
import { benchNotify } from './notify.ts';
import { benchNativeRollback } from './native-rollback.ts';
import { benchRunTask } from './run-task.ts';
import { benchScale } from './scale.ts';
import { writeSection } from './section.ts';

const scaleAt = process.argv.indexOf('--scale');
if (scaleAt >= 0) {
  const count = Number(process.argv[scaleAt + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error('--scale needs a number of canaries, e.g. --scale 50');
  const lines = await benchScale(count);
  console.log(lines.join('\n'));
  writeSection('Deployments at once', lines);
  process.exit(0);
}

const ALL = {
  bundles: ['Bundles and cold start to an input error', benchBundles],
  'cold-start': ['Cold start to the first AWS request', benchColdStarts],
  canary: ['Canary on the sandbox', benchCanary],
  'cancel-hung': ['Cancel with a hung AWS call', benchCancelHung],
  'fault-matrix': ['Fault matrix', benchFaultMatrix],
  gates: ['Gates', benchGates],
  'run-task': ['Run-task on the sandbox', benchRunTask],
  notify: ['Notifications added to a canary', benchNotify],
  'native-rollback': ['Native rollback on the sandbox', benchNativeRollback],
  scale: ['Deployments at once', () => benchScale(50)],
} as const;
const only = process.argv.slice(2).filter((name): name is keyof typeof ALL => name in ALL);
const results = join(import.meta.dirname, 'RESULTS.md');
const previous = existsSync(results) ? readFileSync(results, 'utf8') : '';

/** A section's figures from the last RESULTS.md, for sections not run this time. */
function kept(title: string): string[] {
  const start = previous.indexOf(`## ${title}\n`);
  if (start < 0) return ['(not run)'];
  const body = previous.slice(start + title.length + 4);
  const end = body.search(/^## /m);
  return (end < 0 ? body : body.slice(0, end)).trim().split('\n');
}

const sections: [string, string[]][] = [];
for (const [key, [title, bench]] of Object.entries(ALL)) {
  sections.push([title, only.length === 0 || only.includes(key as keyof typeof ALL) ? await bench() : kept(title)]);
}

const text = [
  '# Benchmark results',
  '',
  `Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}; 2 cores.`,
  '',
  ...sections.flatMap(([title, lines]) => [`## ${title}`, '', ...lines, '']),
].join('\n');
console.log(text);
writeFileSync(results, text);
