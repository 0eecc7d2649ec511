/**
 * Bundle figures: bytes of every dist bundle (index.js, and with the chunks it loads by
 * import() once its inputs are valid), and the cold start of each main bundle to its input
 * error (its first required input missing, or a bad one where none is required: no AWS call),
 * median of 10 rounds, as wall time and as CPU time (user + system, read from the shell's
 * `times`). The official ECS deploy action's published bundle (/work/shared/anchors,
 * `../shared/anchors` from the repository) runs side by side in every round when it is there
 * (the figures say so when it is not), so a busy machine slows both alike.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 10;
// ../shared/anchors beside the main checkout; /work/wt/<branch> worktrees sit one level deeper.
const OFFICIAL =
  [join(ROOT, '..', 'shared', 'anchors'), join(ROOT, '..', '..', 'shared', 'anchors')]
    .map((anchors) => join(anchors, 'amazon-ecs-deploy-task-definition-v2.6.3', 'dist', 'index.js'))
    .find((path) => existsSync(path)) ??
  join(ROOT, '..', 'shared', 'anchors', 'amazon-ecs-deploy-task-definition-v2.6.3', 'dist', 'index.js');

function bundles(dir = join(ROOT, 'dist')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? bundles(path) : name === 'index.js' ? [path] : [];
  });
}

/** index.js plus the chunks beside it (what a full run loads). */
const withChunks = (bundle: string) =>
  readdirSync(dirname(bundle))
    .filter((name) => /^\d+\.index\.js$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dirname(bundle), name)).size, statSync(bundle).size);

/** An input error for actions whose inputs are all optional (INPUT_* as the runner names them). */
const BAD_INPUT: Record<string, Record<string, string>> = { preflight: { 'INPUT_EXPECTED-ACCOUNT': 'not-an-account' } };

const OUT = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
process.on('exit', () => rmSync(OUT, { recursive: true, force: true }));

/** Wall and CPU milliseconds of one run of the bundle to its exit (its input error). */
async function coldStart(bundle: string): Promise<{ wall: number; cpu: number }> {
  const action = bundle === OFFICIAL ? undefined : bundle.slice(ROOT.length + 1).split('/')[1];
  const output = join(OUT, 'output');
  const started = process.hrtime.bigint();
  // bash's `times` prints the shell's, then its children's user and system time. --norc and no
  // stdin: bash reads ~/.bashrc when its stdin is a socket (node's pipes are), and whatever that
  // runs would count as the bundle's CPU.
  const { stdout } = await promisify(execFile)('bash', ['--norc', '-c', '"$0" "$1" >"$2" 2>&1; times', process.execPath, bundle, output], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', ...(action ? BAD_INPUT[action] : undefined) },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  // Only an input error is measured: a run that got past its inputs would time something else.
  const printed = readFileSync(output, 'utf8');
  if (action && !printed.includes('::error::Input "'))
    throw new Error(`${bundle} did not stop at an input error:\n${printed.slice(0, 500)}`);
  const [user, system] = stdout.trim().split('\n')[1]!.split(' ').map(seconds);
  return { wall, cpu: (user! + system!) * 1000 };
}

const seconds = (text: string) => {
  const [, m, s] = /^(\d+)m([\d.]+)s$/.exec(text)!;
  return Number(m) * 60 + Number(s);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Figures = { wall: number; cpu: number };

/** Median figures of every bundle over RUNS rounds, each round running every bundle once. */
async function measure(paths: string[]): Promise<Map<string, Figures>> {
  const runs = new Map<string, Figures[]>(paths.map((path) => [path, []]));
  for (let i = 0; i < RUNS; i++) for (const path of paths) runs.get(path)!.push(await coldStart(path));
  return new Map(
    [...runs].map(([path, figures]) => [path, { wall: median(figures.map((r) => r.wall)), cpu: median(figures.map((r) => r.cpu)) }]),
  );
}

export async function benchBundles(): Promise<string[]> {
  const mains = bundles().filter((bundle) => !bundle.includes('/post/'));
  const figures = await measure([...(existsSync(OFFICIAL) ? [OFFICIAL] : []), ...mains]);
  const official = figures.get(OFFICIAL);
  const lines = [
    `Node ${process.version}. Cold start: \`node <bundle>\` with no inputs (preflight: a bad one) until it exits with its input error, median of ${RUNS} rounds.`,
    official
      ? `Side by side with the official action (amazon-ecs-deploy-task-definition v2.6.3, ${statSync(OFFICIAL).size.toLocaleString('en-US')} bytes), in the same rounds: ${official.cpu.toFixed(0)} ms CPU, ${official.wall.toFixed(0)} ms wall.`
      : `The official action's bundle is not there (${OFFICIAL}): no side-by-side figures.`,
    '',
    '| Bundle | index.js bytes | with its chunks | Cold start to input error: CPU | wall | CPU vs official |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  if (official)
    lines.push(
      `| official: amazon-ecs-deploy-task-definition dist/index.js | ${statSync(OFFICIAL).size.toLocaleString('en-US')} | | ${official.cpu.toFixed(0)} ms | ${official.wall.toFixed(0)} ms | 1.00× |`,
    );
  for (const bundle of bundles()) {
    const name = bundle.slice(ROOT.length + 1);
    const bytes = `| ${name} | ${statSync(bundle).size.toLocaleString('en-US')} | ${withChunks(bundle).toLocaleString('en-US')} |`;
    const measured = figures.get(bundle);
    if (!measured) {
      lines.push(`${bytes} | | |`);
      continue;
    }
    const ratio = official ? `${(measured.cpu / official.cpu).toFixed(2)}×` : '';
    lines.push(`${bytes} ${measured.cpu.toFixed(0)} ms | ${measured.wall.toFixed(0)} ms | ${ratio} |`);
  }
  return lines;
}

if (import.meta.main) console.log((await benchBundles()).join('\n'));
