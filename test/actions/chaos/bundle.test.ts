/** dist/chaos run as the runner runs it, against a loopback AWS stand-in. */
import { afterEach, describe, expect, it } from 'vitest';
import { runBundle, startBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-web/0000000000000001';
const task = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task/staging/t${n}`;

/** One service of three tasks behind one target group; a stopped task is replaced at once. */
function ecsWorld(withTargetGroup: boolean) {
  let tasks = [task(1), task(2), task(3)];
  let next = 4;
  const drained = new Set<string>();
  const service = () => ({
    serviceName: 'web',
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/staging/web',
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: tasks.length,
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
    loadBalancers: withTargetGroup ? [{ targetGroupArn: TG, containerName: 'web', containerPort: 8080 }] : [],
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
        rolloutState: 'COMPLETED',
        desiredCount: 3,
        runningCount: 3,
        failedTasks: 0,
      },
    ],
    events: [],
  });
  const member = (t: string, i: number) =>
    `<member><Target><Id>10.0.0.${i + 1}</Id><Port>8080</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>`;
  return {
    DescribeServices: () => ({ services: [service()], failures: [] }),
    ListTasks: () => ({ taskArns: tasks }),
    StopTask: (params: Record<string, unknown>) => {
      tasks = [...tasks.filter((t) => t !== params.task), task(next++)];
      return { task: { taskArn: params.task } };
    },
    DescribeTargetHealth: () =>
      `<TargetHealthDescriptions>${tasks
        .map(member)
        .filter((_, i) => !drained.has(`10.0.0.${i + 1}`))
        .join('')}</TargetHealthDescriptions>`,
    DeregisterTargets: (params: Record<string, unknown>) => {
      drained.add(String(params['Targets.member.1.Id']));
      return '';
    },
    RegisterTargets: (params: Record<string, unknown>) => {
      drained.delete(String(params['Targets.member.1.Id']));
      return '';
    },
  };
}

let stub: FakeAws | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const base = { cluster: 'staging', 'allowed-clusters': 'staging', service: 'web' };

describe('dist/chaos', () => {
  it('refuses a cluster outside allowed-clusters without one AWS call', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(false) });
    const run = await runBundle('chaos', { inputs: { ...base, cluster: 'production' }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('refused');
    expect(run.errors[0]).toMatch(/^Chaos refused: cluster production is not in allowed-clusters\. Add the cluster/);
    expect(run.summary).toContain('## 🚫 Refused: chaos stop-tasks on production');
    expect(stub.calls).toEqual([]);
  });

  it('rejects a bad input in one line before any AWS call', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(false) });
    const run = await runBundle('chaos', { inputs: { ...base, count: '1', percent: '10' }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual(['Input "percent": give count or percent, not both']);
    expect(stub.calls).toEqual([]);
  });

  it('stops one task, measures the recovery and writes the summary', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(false) });
    const run = await runBundle('chaos', { inputs: base, env: { AWS_ENDPOINT_URL: stub.url, GITHUB_REPOSITORY: 'o/r' } });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'recovered', 'recovery-seconds': '0', service: 'web' });
    const stop = stub.calls.find((c) => c.operation === 'StopTask')!;
    expect(stop.params).toMatchObject({ cluster: 'staging', reason: 'chaos experiment (stop-tasks) by o/r run 1' });
    expect(run.summary).toContain('## ✅ Recovered: chaos stop-tasks on staging');
    expect(run.summary).toContain('| Touched | 1 of 3 (33.3 %, max 34 %) |');
    expect(run.outputs.report).toMatch(/chaos-report-1-\d+\.json$/);
  });

  it('dry run: reads, plans, touches nothing', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(true) });
    const run = await runBundle('chaos', {
      inputs: { ...base, experiment: 'drain-targets', 'dry-run': 'true' },
      env: { AWS_ENDPOINT_URL: stub.url },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expect(stub.operations()).toEqual(['DescribeServices', 'ListTasks', 'DescribeTargetHealth']);
  });

  it('re-registers drained targets when the job is cancelled (SIGTERM) during the hold', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(true) });
    const { child, done } = startBundle('chaos', {
      inputs: { ...base, experiment: 'drain-targets', 'hold-time': '5m', 'poll-interval': '1s' },
      env: { AWS_ENDPOINT_URL: stub.url },
    });
    const deadline = Date.now() + 20_000;
    while (!stub.operations().includes('DeregisterTargets') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('aborted');
    const deregistered = stub.calls.find((c) => c.operation === 'DeregisterTargets')!.params;
    const registered = stub.calls.find((c) => c.operation === 'RegisterTargets')!.params;
    expect(registered['Targets.member.1.Id']).toBe(deregistered['Targets.member.1.Id']);
    expect(registered.TargetGroupArn).toBe(TG);
    expect(run.state.drained).toBe('');
  });

  it('post step: re-registers what the saved state says is still drained', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(true) });
    const drained = JSON.stringify({ targetGroupArn: TG, targets: [{ id: '10.0.0.2', port: 8080 }] });
    const run = await runBundle('chaos', { step: 'post', state: { drained }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(0);
    expect(stub.calls).toEqual([
      {
        operation: 'RegisterTargets',
        params: expect.objectContaining({ TargetGroupArn: TG, 'Targets.member.1.Id': '10.0.0.2', 'Targets.member.1.Port': '8080' }),
      },
    ]);
    expect(run.stdout).toContain(`Re-registered 10.0.0.2:8080 in ${TG}`);
  });

  it('post step: nothing to do after a clean run', async () => {
    stub = await startFakeAws({ handlers: ecsWorld(true) });
    const run = await runBundle('chaos', { step: 'post', state: { drained: '' }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(0);
    expect(stub.calls).toEqual([]);
  });
});
