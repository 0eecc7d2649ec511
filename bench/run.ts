/**
 * `npm run bench`: prints every figure and rewrites bench/RESULTS.md with them. Figures only:
 * no thresholds here; the tests never assert timings.
 * `npm run bench -- --scale N`: only N canaries at once (bench/scale.ts), its section rewritten.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundles } from './bundles.ts';
import { benchCanary } from './canary.ts';
import { benchCancelHung } from './cancel-hung.ts';
import { benchColdStarts } from './cold-start.ts';
import { benchFaultMatrix } from './fault-matrix.ts';
import { benchGates } from './gates.ts';
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

const sections = [
  ['Bundles', await benchBundles()],
  ['Cold start to the first AWS request', await benchColdStarts()],
  ['Canary on the sandbox', await benchCanary()],
  ['Cancel with a hung AWS call', await benchCancelHung()],
  ['Fault matrix', await benchFaultMatrix()],
  ['Gates', await benchGates()],
  ['Run-task on the sandbox', await benchRunTask()],
  ['Deployments at once', await benchScale(50)],
] as const;

const text = [
  '# Benchmark results',
  '',
  `Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}; 2 cores.`,
  '',
  ...sections.flatMap(([title, lines]) => [`## ${title}`, '', ...lines, '']),
].join('\n');
console.log(text);
writeFileSync(join(import.meta.dirname, 'RESULTS.md'), text);
