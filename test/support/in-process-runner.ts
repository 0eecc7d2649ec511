/**
 * An action step run in-process as the runner runs it: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
 * GITHUB_STATE files in a fresh folder, stdout captured (where @actions/core writes the log and
 * its commands), and the environment and exit code put back after each test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

export interface StepFiles {
  /** The folder of this test's files (RUNNER_TEMP and GITHUB_WORKSPACE too). */
  dir: string;
  /** Everything written to stdout. */
  stdout: string[];
}

/** Registers the hooks; the returned object is refilled before each test. */
export function inProcessRunner(env: () => Record<string, string> = () => ({})): StepFiles {
  const step: StepFiles = { dir: '', stdout: [] };
  const saved = { ...process.env };
  beforeEach(() => {
    step.dir = mkdtempSync(join(tmpdir(), 'step-'));
    for (const file of ['output', 'summary', 'state']) writeFileSync(join(step.dir, file), '');
    Object.assign(process.env, {
      GITHUB_OUTPUT: join(step.dir, 'output'),
      GITHUB_STEP_SUMMARY: join(step.dir, 'summary'),
      GITHUB_STATE: join(step.dir, 'state'),
      GITHUB_WORKSPACE: step.dir,
      RUNNER_TEMP: step.dir,
      ...env(),
    });
    step.stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (step.stdout.push(String(chunk)), true));
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = { ...saved };
    process.exitCode = undefined;
  });
  return step;
}

/**
 * Lines the runner would obey as a command that hostile test text carried (`::add-mask::`,
 * `::stop-commands::`, `::error::pwned…`, led by whitespace as .NET trims it, NEL included), or
 * the legacy `##[` anywhere in a line.
 */
export const injectedCommands = (log: string): string[] =>
  log.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085\u180e]*::(add-mask|stop-commands|error::pwned)/.test(line) || line.includes('##['));
