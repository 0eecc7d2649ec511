/**
 * `npm run bench`: prints every figure and rewrites bench/RESULTS.md with them. Figures only:
 * no thresholds here; the tests never assert timings.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundles } from './bundles.ts';
import { benchCanary } from './canary.ts';
import { benchCancelHung } from './cancel-hung.ts';
import { benchColdStarts } from './cold-start.ts';
import { benchFaultMatrix } from './fault-matrix.ts';
import { benchGates } from './gates.ts';
import { benchNativeRollback } from './native-rollback.ts';
import { benchRunTask } from './run-task.ts';

const sections = [
  ['Bundles', await benchBundles()],
  ['Cold start to the first AWS request', await benchColdStarts()],
  ['Canary on the sandbox', await benchCanary()],
  ['Cancel with a hung AWS call', await benchCancelHung()],
  ['Fault matrix', await benchFaultMatrix()],
  ['Gates', await benchGates()],
  ['Run-task on the sandbox', await benchRunTask()],
  ['Native rollback on the sandbox', await benchNativeRollback()],
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
