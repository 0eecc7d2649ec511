import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { clients, FAST, get } from './clients.ts';

async function thrown(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('sandbox with N apps and in-process tasks', () => {
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;

  beforeAll(async () => {
    sandbox = await startSandbox({ ...FAST, apps: 3, tasks: 'in-process', world: { native: false } });
    aws = clients(sandbox, 1);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('seeds each app with its own services, target groups, listener and family', async () => {
    expect(sandbox.apps.map((a) => a.name)).toEqual(['web', 'app2', 'app3']);
    expect(sandbox.apps[0]!.listenerArn).toBe(sandbox.listenerArn);
    for (const key of ['listenerArn', 'listenerUrl'] as const) {
      expect(new Set(sandbox.apps.map((a) => a[key])).size).toBe(3);
    }
    const arns = sandbox.apps.flatMap((a) => [
      a.services.blue.arn,
      a.services.green.arn,
      a.targetGroups.blue.arn,
      a.targetGroups.green.arn,
    ]);
    expect(new Set(arns).size).toBe(12);
    expect(new Set(sandbox.apps.map((a) => a.taskDefinitions.family)).size).toBe(3);

    const names = sandbox.apps.flatMap((a) => [a.services.blue.name, a.services.green.name]);
    const described = await aws.ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: names }));
    expect(described.services?.map((s) => [s.serviceName, s.runningCount, s.loadBalancers?.[0]?.targetGroupArn])).toEqual(
      sandbox.apps.flatMap((a) => [
        [a.services.blue.name, 2, a.targetGroups.blue.arn],
        [a.services.green.name, 2, a.targetGroups.green.arn],
      ]),
    );
    const listeners = await aws.elb.send(new DescribeListenersCommand({ ListenerArns: sandbox.apps.slice(1).map((a) => a.listenerArn) }));
    expect(
      listeners.Listeners?.map((l) => l.DefaultActions?.[0]?.ForwardConfig?.TargetGroups?.map((t) => [t.TargetGroupArn, t.Weight])),
    ).toEqual(
      sandbox.apps.slice(1).map((a) => [
        [a.targetGroups.blue.arn, 100],
        [a.targetGroups.green.arn, 0],
      ]),
    );
  });

  it('serves each app through its listener from in-process tasks', async () => {
    for (const app of sandbox.apps) {
      const res = await get(`${app.listenerUrl}/hello`);
      expect(res.status).toBe(200);
      // Answered from this process: the task is a server in the sandbox, not a child process.
      expect(res.json).toMatchObject({ version: 'v1', service: app.services.blue.name, color: 'blue', path: '/hello', pid: process.pid });
    }
    // Each task is a loopback HTTP server in this process (no pid), registered in its target group.
    const arns = (await aws.ecs.send(new ListTasksCommand({ cluster: sandbox.cluster, serviceName: 'app2-blue' }))).taskArns ?? [];
    const tasks = (await aws.ecs.send(new DescribeTasksCommand({ cluster: sandbox.cluster, tasks: arns }))).tasks ?? [];
    expect(tasks.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
    const health = sandbox.control.snapshot().targetHealth['app2-blue'] ?? [];
    expect(health.map((t) => t.state)).toEqual(['healthy', 'healthy']);
  });

  it('deploys a new revision to in-process tasks, stops the old ones, and the proxy routes to it', async () => {
    const app = sandbox.apps[2]!;
    const registered = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: app.taskDefinitions.family,
        containerDefinitions: [
          {
            name: 'app',
            image: app.taskDefinitions.image,
            essential: true,
            portMappings: [{ containerPort: 8080 }],
            environment: [{ name: 'VERSION', value: 'v2' }],
          },
        ],
      }),
    );
    const oldTasks = (await aws.ecs.send(new ListTasksCommand({ cluster: sandbox.cluster, serviceName: app.services.green.name })))
      .taskArns;
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: sandbox.cluster,
        service: app.services.green.name,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
      }),
    );
    await sandbox.control.waitFor(
      () => {
        const service = sandbox.control.snapshot().services[app.services.green.name];
        return service?.steady === true && service.tasks.every((t) => t.taskDefinition.endsWith(`${app.taskDefinitions.family}:2`));
      },
      { timeoutMs: 30_000, description: 'the new revision to replace the old tasks' },
    );
    const stopped = (await aws.ecs.send(new DescribeTasksCommand({ cluster: sandbox.cluster, tasks: oldTasks }))).tasks ?? [];
    expect(stopped.map((t) => [t.lastStatus, t.containers?.[0]?.exitCode])).toEqual([
      ['STOPPED', 0],
      ['STOPPED', 0],
    ]);

    await aws.elb.send(
      new ModifyListenerCommand({
        ListenerArn: app.listenerArn,
        DefaultActions: [
          { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: app.targetGroups.green.arn, Weight: 100 }] } },
        ],
      }),
    );
    const res = await get(`${app.listenerUrl}/`);
    expect(res.json).toMatchObject({ version: 'v2', service: app.services.green.name });
  });

  it('does not throttle by default', async () => {
    const calls = Array.from({ length: 150 }, () =>
      aws.ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: ['web-blue'] })).then(
        () => 'ok',
        (e: Error) => e.name,
      ),
    );
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['ok']));
    expect(sandbox.throttled()).toEqual({});
  });
});

describe('sandbox API rate limits', () => {
  let now = 1_000_000;
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;

  beforeAll(async () => {
    // The test's clock: no token comes back until the test moves it.
    sandbox = await startSandbox({ ...FAST, world: { native: false }, rateLimits: createRateLimiter(() => now) });
    aws = clients(sandbox, 1);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  const describeServices = () => aws.ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: ['web-blue'] }));

  it('ECS: a burst over the service-read bucket (100) gets ThrottlingException, and the bucket refills at 20/s', async () => {
    for (let i = 0; i < 100; i++) await describeServices();
    const error = await thrown(describeServices());
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    // The wire shape of awsJson1_1.
    const raw = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListServices' },
      body: JSON.stringify({ cluster: sandbox.cluster }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ __type: 'com.amazonaws.ecs#ThrottlingException', message: 'Rate exceeded' });
    // Another category has its own bucket.
    await aws.ecs.send(new ListTasksCommand({ cluster: sandbox.cluster }));

    now += 1_000;
    for (let i = 0; i < 20; i++) await describeServices();
    expect((await thrown(describeServices())).name).toBe('ThrottlingException');
    expect(sandbox.throttled()['ecs:DescribeServices']).toBe(2);
  });

  it('ELBv2: Throttling in the Query error shape, and every action draws on the account bucket (40, 10/s)', async () => {
    const describe = () => aws.elb.send(new DescribeListenersCommand({ ListenerArns: [sandbox.listenerArn] }));
    for (let i = 0; i < 40; i++) await describe();
    const error = await thrown(describe());
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    // The mutating bucket is full, but the account bucket is empty.
    const modify = new ModifyListenerCommand({
      ListenerArn: sandbox.listenerArn,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: sandbox.targetGroups.blue.arn }],
    });
    expect((await thrown(aws.elb.send(modify))).name).toBe('Throttling');
    const raw = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=DescribeListeners&Version=2015-12-01&ListenerArns.member.1=${encodeURIComponent(sandbox.listenerArn)}`,
    });
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain('<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>');

    now += 1_000;
    await aws.elb.send(modify);
    for (let i = 0; i < 9; i++) await describe();
    expect((await thrown(describe())).name).toBe('Throttling');
  });

  it('CloudWatch: DescribeAlarms at 9 TPS answers Throttling through the Query-compatible header; GetMetricData has its own 50', async () => {
    const alarms = () => aws.cloudwatch.send(new DescribeAlarmsCommand({}));
    for (let i = 0; i < 9; i++) await alarms();
    const error = await thrown(alarms());
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    const raw = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' },
      body: '{}',
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-query-error')).toBe('Throttling;Sender');

    const metricData = new GetMetricDataCommand({
      StartTime: new Date(now - 60_000),
      EndTime: new Date(now),
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'RequestCount',
              Dimensions: [{ Name: 'LoadBalancer', Value: sandbox.loadBalancerDimension }],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    });
    for (let i = 0; i < 50; i++) await aws.cloudwatch.send(metricData);
    expect((await thrown(aws.cloudwatch.send(metricData))).name).toBe('Throttling');

    now += 1_000;
    await alarms();
  });
});

describe('sandbox CLI scale flags', () => {
  it('--apps 2 --in-process-tasks --rate-limits lists both apps and serves them from the CLI process', async () => {
    const cli = fileURLToPath(new URL('../../sandbox/cli.ts', import.meta.url));
    const child = spawn(process.execPath, [cli, '--apps', '2', '--in-process-tasks', '--rate-limits'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      const info = JSON.parse(line) as { apps: Array<{ name: string; listenerUrl: string; services: { blue: { name: string } } }> };
      expect(info.apps.map((a) => [a.name, a.services.blue.name])).toEqual([
        ['web', 'web-blue'],
        ['app2', 'app2-blue'],
      ]);
      const res = await get(`${info.apps[1]!.listenerUrl}/`);
      expect(res.json).toMatchObject({ service: 'app2-blue', pid: child.pid });
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
