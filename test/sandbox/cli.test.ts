import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoad } from '../../sandbox/load.ts';

const CLI = fileURLToPath(new URL('../../sandbox/cli.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  info: { endpoint: string; listenerUrl: string; testListenerUrl: string; listenerArn: string; ruleArn: string; cluster: string };
}

function startCli(): Promise<Started> {
  const child = spawn(process.execPath, [CLI], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('cli did not print its description')), 60_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(out.slice(0, newline)) as Started['info'] });
    });
    child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
  });
}

async function taskPorts(endpoint: string): Promise<number[]> {
  const ecs = new ECSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const ports: number[] = [];
  for (const service of ['web-blue', 'web-green']) {
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: service }))).taskArns ?? [];
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: arns }))).tasks ?? [];
    for (const t of tasks) ports.push(t.containers?.[0]?.networkBindings?.[0]?.hostPort ?? 0);
  }
  return ports;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function allClosed(ports: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await Promise.all(ports.map(accepts));
    if (!open.some(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('sandbox CLI', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    running?.kill('SIGKILL');
    running = undefined;
  });

  it('starts, serves real traffic, and stops every task on SIGTERM', async () => {
    const { child, info } = await startCli();
    running = child;
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.listenerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.cluster).toBe('demo');

    const load = startLoad({ url: `${info.listenerUrl}/`, rps: 50 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const results = await load.stop();
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(load.summary()).toMatchObject({ errors: 0, byVersion: { v1: results.length }, byStatus: { 200: results.length } });
    expect(results[0]).toMatchObject({ status: 200, version: 'v1', color: 'blue' });

    const ports = await taskPorts(info.endpoint);
    expect(ports).toHaveLength(4);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(await allClosed(ports, 3000)).toBe(true);
  });

  it('leaves no orphan tasks when the CLI is killed outright', async () => {
    const { child, info } = await startCli();
    running = child;
    const ports = await taskPorts(info.endpoint);
    child.kill('SIGKILL');
    await exited(child);
    expect(await allClosed(ports, 5000)).toBe(true);
  });
});
