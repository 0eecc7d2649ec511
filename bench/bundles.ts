/**
 * Bundle figures: bytes of every dist bundle (index.js, and with the chunks it loads by
 * import() once its inputs are valid), and the cold start of each main bundle to its input
 * error (its first required input missing: no AWS call), median of 10 runs, as wall time and
 * as CPU time (user + system, read from the shell's `times`). The official ECS deploy action's
 * published bundle (/work/shared/anchors, `../shared/anchors` from the repository) runs side by
 * side when it is there (the figures say so when it is not).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Wall and CPU milliseconds of one run of the bundle to its exit (its input error). */
async function coldStart(bundle: string): Promise<{ wall: number; cpu: number }> {
  const started = process.hrtime.bigint();
  // bash's `times` prints the shell's, then its children's user and system time.
  const { stdout } = await promisify(execFile)('bash', ['-c', '"$0" "$1" >/dev/null 2>&1; times', process.execPath, bundle], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const [user, system] = stdout.trim().split('\n')[1]!.split(' ').map(seconds);
  return { wall, cpu: (user! + system!) * 1000 };
}

const seconds = (text: string) => {
  const [, m, s] = /^(\d+)m([\d.]+)s$/.exec(text)!;
  return Number(m) * 60 + Number(s);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(bundle: string): Promise<{ wall: number; cpu: number }> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(bundle));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

export async function benchBundles(): Promise<string[]> {
  const official = existsSync(OFFICIAL) ? await measure(OFFICIAL) : undefined;
  const lines = [
    `Node ${process.version}. Cold start: \`node <bundle>\` with no inputs until it exits with its input error, median of ${RUNS}.`,
    official
      ? `Side by side with the official action (amazon-ecs-deploy-task-definition v2.6.3, ${statSync(OFFICIAL).size.toLocaleString('en-US')} bytes): ${official.cpu.toFixed(0)} ms CPU, ${official.wall.toFixed(0)} ms wall.`
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
    if (name.includes('/post/')) {
      lines.push(`${bytes} | | | |`);
      continue;
    }
    const { wall, cpu } = await measure(bundle);
    const ratio = official ? `${(cpu / official.cpu).toFixed(2)}×` : '';
    lines.push(`${bytes} ${cpu.toFixed(0)} ms | ${wall.toFixed(0)} ms | ${ratio} |`);
  }
  return lines;
}

if (import.meta.main) console.log((await benchBundles()).join('\n'));
