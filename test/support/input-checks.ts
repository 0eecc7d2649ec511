/**
 * What every AWS-calling action promises about its inputs, as assertions the bundle tests share:
 * a bad input fails before any AWS call, and valid inputs start with reads.
 */
import { expect } from 'vitest';
import type { FakeAws } from './fake-aws.ts';
import type { BundleResult } from '../../sandbox/rehearsal/run-bundle.ts';

/** Exit 1, one line `Input "<name>": …` with the fix, a job summary saying so, and no AWS request. */
export function expectRejectedInput(result: BundleResult, input: string, fix: RegExp, endpoint: FakeAws): void {
  expect(result.code).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(new RegExp(`^Input "${input}": `));
  expect(result.errors[0]).toMatch(fix);
  expect(result.errors[0]).not.toContain('\n');
  expect(result.summary).toContain(`## ❌ Failed: ${result.errors[0]}`);
  expect(endpoint.targets()).toEqual([]);
}

/** With valid inputs against an endpoint that only fails: the first call is a read, nothing is mutated, the run still reports. */
export function expectReadsFirstAndMutatesNothing(result: BundleResult, endpoint: FakeAws, action: string): void {
  expect(result.code).toBe(1);
  expect(endpoint.targets()[0]).toBe('AmazonEC2ContainerServiceV20141113.DescribeServices');
  expect(endpoint.targets().filter((op) => /Update|Modify|Register/.test(op))).toEqual([]);
  expect(result.outputs.result).toBe('failed');
  expect(result.summary).toContain(`❌ Failed: ${action} on demo`);
  endpoint.reset();
}
