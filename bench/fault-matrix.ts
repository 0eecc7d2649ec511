/**
 * The fault matrix as a table (the test is test/engine/two-color/fault-matrix.test.ts): for each strategy,
 * AWS operation × fault, the outcome of the cell at every phase the fault can start in.
 * `node bench/fault-matrix.ts` rewrites its section of RESULTS.md.
 */
import { FAULTS, PHASES, runMatrix, type Cell } from '../sandbox/rehearsal/fault-matrix.ts';
import { writeSection } from './section.ts';

const MARK: Record<string, string> = { promoted: 'P', restored: 'R', untouched: 'U', 'failed with state': 'S' };
const mark = (cell: Cell) => (cell.outcome.startsWith('BAD') ? 'BAD' : MARK[cell.outcome]!) + (cell.hits === 0 ? '·' : '');

export async function benchFaultMatrix(): Promise<string[]> {
  const cells = await runMatrix();
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell.outcome, (counts.get(cell.outcome) ?? 0) + 1);
  const lines = [
    `${cells.length} cells tried (engine with in-memory fakes, virtual clock; faults as the SDK hands them on: a 30 s storm of`,
    'ThrottlingException or InternalFailure, one request hung until the 30 s request timeout, AccessDenied or ExpiredToken from',
    'then on). Outcomes: ' + [...counts].map(([outcome, n]) => `**${outcome}** ${n}`).join(', ') + '.',
    '',
    'Each cell lists the outcome per phase the fault starts in, in the order given. P promoted (for rollback: the version',
    'rolled back to is live), R restored and verified, U failed before any traffic moved (listener untouched), S failed with',
    'the exact state left and the `aws elbv2 modify-listener` command (restore impossible), · the operation was not called',
    'after the fault started. Any other ending would be marked BAD.',
    '',
  ];
  for (const strategy of ['canary', 'blue-green', 'rollback'] as const) {
    const mine = cells.filter((c) => c.strategy === strategy);
    lines.push(`### ${strategy} (phases: ${PHASES[strategy].join(', ')})`, '');
    lines.push(`| Operation | ${FAULTS.join(' | ')} |`, `|---|${FAULTS.map(() => '---').join('|')}|`);
    for (const operation of [...new Set(mine.map((c) => c.operation))]) {
      const row = FAULTS.map((fault) =>
        mine
          .filter((c) => c.operation === operation && c.fault === fault)
          .map(mark)
          .join(' '),
      );
      lines.push(`| ${operation} | ${row.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines;
}

if (import.meta.main) {
  const lines = await benchFaultMatrix();
  console.log(lines.join('\n'));
  writeSection('Fault matrix', lines);
}
