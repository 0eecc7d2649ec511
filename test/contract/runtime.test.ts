import { expect, it } from 'vitest';

it('the suite runs on Node 24, the runtime the actions declare', () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
});
