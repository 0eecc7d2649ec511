import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Bundle and sandbox suites spawn processes; two cores do not like many forks at once.
    maxWorkers: 2,
  },
});
