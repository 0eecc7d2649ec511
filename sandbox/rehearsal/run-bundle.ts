/**
 * Runs a committed bundle the way the GitHub runner does: action.yml defaults applied, inputs
 * as INPUT_<NAME> variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, and the
 * post step given the main step's state as STATE_<name> variables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');

interface ActionYml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string; post?: string };
}

export function actionYml(action: string, root = ROOT): ActionYml {
  return parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8')) as ActionYml;
}

export interface BundleResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** `::error::` lines, decoded. */
  errors: string[];
}

/** Parses the runner's file-command format (`name<<delimiter` … `delimiter`, or `name=value`). */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      values[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

export interface BundleRun {
  child: ChildProcess;
  done: Promise<BundleResult>;
}

export function startBundle(
  action: string,
  options: {
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    step?: 'main' | 'post';
    state?: Record<string, string>;
    dir?: string;
  } = {},
): BundleRun {
  const yml = actionYml(action);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `${action}-`));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), state: join(dir, `state-${options.step ?? 'main'}`) };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: ROOT,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'us-east-1',
    ...options.env,
  };
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = spec.default;
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const script = join(ROOT, 'actions', action, options.step === 'post' ? yml.runs.post! : yml.runs.main);
  const child = spawn(process.execPath, [script], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<BundleResult>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
        state: parseFileCommand(readFileSync(files.state, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        errors: stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .map((l) =>
            l
              .replace(/^::error[^:]*::/, '')
              .replace(/%0A/g, '\n')
              .replace(/%25/g, '%'),
          ),
      }),
    );
  });
  return { child, done };
}

export function runBundle(action: string, options: Parameters<typeof startBundle>[1] = {}): Promise<BundleResult> {
  return startBundle(action, options).done;
}
