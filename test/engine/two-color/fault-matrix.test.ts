/**
 * The fault matrix (see sandbox/rehearsal/fault-matrix.ts): every AWS operation of canary, blue-green
 * and rollback × 30 s of throttling, 30 s of HTTP 500, a hung connection, AccessDenied and
 * ExpiredToken × every phase. Each cell ends promoted, restored and verified (or untouched), or,
 * only where the restore itself is impossible, failed with the exact state and the command.
 */
import { describe, expect, it } from 'vitest';
import { runCell, runMatrix, type Cell } from '../../../sandbox/rehearsal/fault-matrix.ts';

describe('fault matrix', () => {
  it('no cell ends half-shifted while claiming otherwise', async () => {
    const cells = await runMatrix();
    const bad = cells
      .filter((c) => c.outcome.startsWith('BAD'))
      .map((c) => `${c.strategy} ${c.operation} ${c.fault} ${c.phase}: ${c.outcome}`);
    expect(bad).toEqual([]);
    expect(cells.length).toBeGreaterThan(800);
    // Storms and hung connections are ridden out: the run still reaches its goal.
    const transient = cells.filter(
      (c) => c.fault !== 'AccessDenied' && c.fault !== 'ExpiredToken' && c.phase !== 'restore' && c.phase !== 'post',
    );
    expect(transient.filter((c) => c.outcome !== 'promoted').map(describeCell)).toEqual([]);
    // Only a listener that cannot be written (or read) leaves traffic where the restore found it.
    const stuck = cells.filter((c) => c.outcome === 'failed with state');
    expect(new Set(stuck.map((c) => c.operation))).toEqual(
      new Set(['elasticloadbalancing:ModifyListener', 'elasticloadbalancing:DescribeListeners']),
    );
    expect(new Set(stuck.map((c) => c.fault))).toEqual(new Set(['AccessDenied', 'ExpiredToken']));
  }, 120_000);

  it('AccessDenied on ModifyListener mid-canary: failed, with the weights left, what runs where, and the command', async () => {
    const cell = await runCell('canary', 'elasticloadbalancing:ModifyListener', 'AccessDenied', 'step 2 write');
    expect(cell.outcome).toBe('failed with state');
    expect(cell.error?.message).toMatch(
      /^elasticloadbalancing:ModifyListener failed: AccessDeniedException.*\(weights now blue=90,green=10\)$/,
    );
    expect(cell.error?.why).toEqual(expect.arrayContaining(['web-blue (blue) runs web:1', 'web-green (green) runs web:101']));
    expect(cell.error?.fix).toMatch(/aws elbv2 modify-listener --region us-east-1 --listener-arn \S+ --default-actions '\[/);
  });

  it('30 s of throttling on ModifyListener during the restore is ridden out: traffic restored and verified', async () => {
    expect((await runCell('canary', 'elasticloadbalancing:ModifyListener', 'throttling 30s', 'restore')).outcome).toBe('restored');
  });
});

function describeCell(c: Cell): string {
  return `${c.strategy} ${c.operation} ${c.fault} ${c.phase}: ${c.outcome} ${c.error?.message ?? ''}`;
}
