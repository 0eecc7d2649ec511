/**
 * Bundle figures: bytes of every dist bundle, and the median cold start of each main bundle
 * to its first line of output when its first required input is missing (the validation error,
 * before any AWS call) over 10 runs.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 10;

function bundles(dir = join(ROOT, 'dist')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? bundles(path) : name === 'index.js' ? [path] : [];
  });
}

/** Milliseconds from spawn to the process exiting with its validation error. */
function coldStart(bundle: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [bundle], { env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchBundles(): Promise<string[]> {
  const lines = [`Node ${process.version}`, '', '| Bundle | Bytes | Cold start to validation error (median of 10) |', '|---|---:|---:|'];
  for (const bundle of bundles()) {
    const name = bundle.slice(ROOT.length + 1);
    const bytes = statSync(bundle).size;
    let start = '';
    if (!name.includes('/post/')) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await coldStart(bundle));
      start = `${median(times).toFixed(0)} ms`;
    }
    lines.push(`| ${name} | ${bytes.toLocaleString('en-US')} | ${start} |`);
  }
  return lines;
}

if (import.meta.main) console.log((await benchBundles()).join('\n'));
