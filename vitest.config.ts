import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Bundle and sandbox suites spawn processes; two cores do not like many forks at once.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
