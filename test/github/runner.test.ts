/** The one runner every action goes through, run in-process with a fake spec. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DeployError, InputError } from '../../shared/errors.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { inProcessRunner } from '../support/in-process-runner.ts';

interface FakeReport {
  action: string;
  result?: string;
  error?: { what: string; why: string[]; fix?: string };
}

const spec = (over: Partial<ActionSpec<{ name: string }, FakeReport>> = {}): ActionSpec<{ name: string }, FakeReport> => ({
  inputs: (read) => {
    const name = read('service-name');
    if (!name) throw new InputError('service-name', 'is required: give the ECS service');
    return { name };
  },
  run: async () => ({ report: { action: 'fake', result: 'passed' } }),
  outputs: ({ report }) => ({ result: report.result, service: undefined }),
  summary: (report) => `## ${report.result}`,
  ...over,
});

const step = inProcessRunner(() => ({ 'INPUT_SERVICE-NAME': 'web' }));

const read = (file: string) => readFileSync(join(step.dir, file), 'utf8');

describe('runAction', () => {
  it('reads the inputs, runs, and writes the outputs, the JSON report and the job summary', async () => {
    await runAction(spec());
    expect(process.exitCode).toBeUndefined();
    expect(read('output')).toMatch(/^result<<.*\npassed\n/m);
    expect(read('output')).not.toContain('service<<');
    const report = /report<<(.*)\n(.*)\n/.exec(read('output'))![2]!;
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ action: 'fake', result: 'passed' });
    expect(read('summary')).toContain('## passed');
  });

  it('fails a bad input with one escaped line and never runs the engine', async () => {
    process.env['INPUT_SERVICE-NAME'] = '';
    const run = vi.fn();
    await runAction(spec({ run }));
    expect(run).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(1);
    expect(step.stdout.join('')).toBe('::error::Input "service-name": is required: give the ECS service\n');
    expect(read('summary')).toContain('Failed: Input "service-name"');
  });

  it('publishes the report with its error before failing the step with the fix', async () => {
    const error = new DeployError('Canary rolled back', { why: ['5xx 12% > 1%'], fix: 'Look at the new version' });
    await runAction(spec({ run: async () => ({ report: { action: 'fake', result: 'rolled-back' }, error }) }));
    expect(process.exitCode).toBe(1);
    expect(read('output')).toMatch(/result<<.*\nrolled-back\n/);
    const report = /report<<(.*)\n(.*)\n/.exec(read('output'))![2]!;
    expect(JSON.parse(readFileSync(report, 'utf8')).error).toEqual({
      what: 'Canary rolled back',
      why: ['5xx 12% > 1%'],
      fix: 'Look at the new version',
    });
    expect(step.stdout.join('')).toContain('::error::Canary rolled back. Look at the new version');
  });
});
