import * as core from '@actions/core';
import { exec } from '@actions/exec';
import type { TestSuite } from '../../shared/engine/smoke/ports.ts';

/**
 * The user's own test suite. The command is their workflow text, like a `run:` step, so it goes
 * to bash as one argument (never spliced into another shell string); its output stays in a
 * collapsed group and its exit code becomes one critical check.
 */
export function commandSuite(command: string): TestSuite {
  return {
    command,
    async run(env) {
      const started = Date.now();
      let lastLine = '';
      const keep = (line: string) => {
        if (line.trim() !== '') lastLine = line.trim();
      };
      const exitCode = await core.group(`Test suite: ${command}`, () =>
        exec('bash', ['-c', command], {
          env: { ...(process.env as Record<string, string>), ...env },
          ignoreReturnCode: true,
          listeners: { stdline: keep, errline: keep },
        }),
      );
      return { exitCode, durationMs: Date.now() - started, lastLine };
    },
  };
}
