/**
 * shellcheck over every `run:` script of the workflows and examples. The runner image has it;
 * a bare machine may not: then this says so loudly, and REQUIRE_SHELLCHECK=1 (set in CI)
 * turns the missing tool into a failure instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePaths, loadWorkflow, stepsOf, workflowPaths } from './model.ts';

const scripts = [...workflowPaths(), ...examplePaths()].flatMap((path) => {
  const workflow = loadWorkflow(path);
  return Object.entries(workflow.jobs).flatMap(([job, spec]) =>
    stepsOf(spec).flatMap((step, index) =>
      typeof step.run === 'string' ? [{ name: `${basename(path)}: jobs.${job}.steps[${index}]`, script: step.run }] : [],
    ),
  );
});

const available = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;

describe('run: scripts', () => {
  it('pass shellcheck', () => {
    if (!available) {
      const message = `shellcheck is NOT installed: ${scripts.length} run: script(s) were NOT shellchecked (apt-get install -y shellcheck)`;
      console.warn(`\n⚠ ${message}\n`);
      expect(process.env.REQUIRE_SHELLCHECK, message).not.toBe('1');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'shellcheck-'));
    const problems = scripts.flatMap(({ name, script }, i) => {
      const file = join(dir, `script-${i}.sh`);
      // The runner runs `run:` with bash -e {0}.
      writeFileSync(file, `#!/usr/bin/env bash\nset -e\n${script}\n`);
      const out = spawnSync('shellcheck', ['--format=gcc', '--severity=style', file], { encoding: 'utf8' });
      return out.status === 0
        ? []
        : out.stdout
            .trim()
            .split('\n')
            .map((line) => `${name}: ${line.replace(`${file}:`, '')}`);
    });
    expect(problems).toEqual([]);
  });

  it('a script with an unquoted variable is caught (when shellcheck is there)', () => {
    if (!available) return;
    const dir = mkdtempSync(join(tmpdir(), 'shellcheck-'));
    const file = join(dir, 'bad.sh');
    writeFileSync(file, '#!/usr/bin/env bash\nrm -rf $TARGET/*\n');
    expect(spawnSync('shellcheck', ['--format=gcc', file], { encoding: 'utf8' }).stdout).toContain('SC2086');
  });
});
