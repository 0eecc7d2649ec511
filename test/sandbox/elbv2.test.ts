import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
  RegisterTargetsCommand,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { clients, FAST, get } from './clients.ts';

function weighted(sandbox: Sandbox, blue: number, green: number, stickiness?: { Enabled: boolean; DurationSeconds?: number }): Action[] {
  return [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: sandbox.targetGroups.blue.arn, Weight: blue },
          { TargetGroupArn: sandbox.targetGroups.green.arn, Weight: green },
        ],
        TargetGroupStickinessConfig: stickiness ?? { Enabled: false },
      },
    },
  ];
}

async function colors(url: string, count: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const { json } = await get(url);
    const color = String(json?.color ?? 'none');
    seen[color] = (seen[color] ?? 0) + 1;
  }
  return seen;
}

describe('sandbox ELBv2 (Query/XML) and the real listeners', () => {
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;

  beforeAll(async () => {
    sandbox = await startSandbox(FAST);
    aws = clients(sandbox);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('describes the load balancer, listeners, rules and target groups like ELBv2', async () => {
    const lbs = await aws.elb.send(new DescribeLoadBalancersCommand({ Names: ['demo-alb'] }));
    expect(lbs.LoadBalancers?.[0]).toMatchObject({
      LoadBalancerArn: sandbox.loadBalancerArn,
      Type: 'application',
      State: { Code: 'active' },
    });
    expect(lbs.LoadBalancers?.[0]?.CreatedTime).toBeInstanceOf(Date);
    expect(sandbox.listenerArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/app\/demo-alb\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
    expect(sandbox.ruleArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule\/app\/demo-alb\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );

    const listeners = await aws.elb.send(new DescribeListenersCommand({ LoadBalancerArn: sandbox.loadBalancerArn }));
    expect(listeners.Listeners?.map((l) => l.ListenerArn).sort()).toEqual([sandbox.listenerArn, sandbox.testListenerArn].sort());
    const production = listeners.Listeners?.find((l) => l.ListenerArn === sandbox.listenerArn);
    expect(production?.Port).toBe(Number(new URL(sandbox.listenerUrl).port));
    expect(production?.DefaultActions).toEqual(weighted(sandbox, 100, 0));
    const test = listeners.Listeners?.find((l) => l.ListenerArn === sandbox.testListenerArn);
    expect(test?.DefaultActions).toEqual([
      {
        Type: 'forward',
        TargetGroupArn: sandbox.targetGroups.green.arn,
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: sandbox.targetGroups.green.arn, Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]);

    const rules = await aws.elb.send(new DescribeRulesCommand({ ListenerArn: sandbox.listenerArn }));
    expect(rules.Rules).toHaveLength(2);
    expect(rules.Rules?.[0]).toEqual({
      RuleArn: sandbox.ruleArn,
      Priority: '10',
      Conditions: [{ Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: weighted(sandbox, 100, 0),
      IsDefault: false,
    });
    expect(rules.Rules?.[1]).toMatchObject({ Priority: 'default', IsDefault: true, Conditions: [] });

    const tgs = await aws.elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: sandbox.loadBalancerArn }));
    expect(tgs.TargetGroups?.map((t) => t.TargetGroupName).sort()).toEqual(['tg-blue', 'tg-green']);
    expect(tgs.TargetGroups?.[0]).toMatchObject({
      HealthCheckPath: '/health',
      TargetType: 'ip',
      LoadBalancerArns: [sandbox.loadBalancerArn],
    });
  });

  it('reports real target health for the seeded tasks', async () => {
    const health = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: sandbox.targetGroups.blue.arn }));
    expect(health.TargetHealthDescriptions).toHaveLength(2);
    for (const d of health.TargetHealthDescriptions ?? []) {
      expect(d.Target?.Id).toBe('127.0.0.1');
      expect(d.Target?.Port).toBeGreaterThan(0);
      expect(d.TargetHealth?.State).toBe('healthy');
    }
    const unknown = await aws.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: sandbox.targetGroups.blue.arn, Targets: [{ Id: '127.0.0.1', Port: 1 }] }),
    );
    expect(unknown.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });
  });

  it('ModifyRule round-trips ForwardConfig weights and stickiness, and /api/* traffic follows them', async () => {
    const actions = weighted(sandbox, 0, 100, { Enabled: true, DurationSeconds: 300 });
    const modified = await aws.elb.send(new ModifyRuleCommand({ RuleArn: sandbox.ruleArn, Actions: actions }));
    expect(modified.Rules?.[0]?.Actions).toEqual(actions);
    const described = await aws.elb.send(new DescribeRulesCommand({ RuleArns: [sandbox.ruleArn] }));
    expect(described.Rules?.[0]?.Actions).toEqual(actions);

    expect(await colors(`${sandbox.listenerUrl}/api/orders`, 10)).toEqual({ green: 10 });
    expect(await colors(`${sandbox.listenerUrl}/`, 10)).toEqual({ blue: 10 });
    const res = await fetch(`${sandbox.listenerUrl}/api/x`);
    expect(res.headers.get('set-cookie')).toMatch(/^AWSALBTG=[^;]+; Max-Age=300; Path=\//);
    await res.text();

    await aws.elb.send(new ModifyRuleCommand({ RuleArn: sandbox.ruleArn, Actions: weighted(sandbox, 100, 0) }));
    expect(await colors(`${sandbox.listenerUrl}/api/orders`, 5)).toEqual({ blue: 5 });
  });

  it('ModifyListener splits real traffic exactly by weight', async () => {
    await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 25, 75) }));
    expect(await colors(`${sandbox.listenerUrl}/`, 40)).toEqual({ blue: 10, green: 30 });
    await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 0, 100) }));
    expect(await colors(`${sandbox.listenerUrl}/`, 20)).toEqual({ green: 20 });
    expect(sandbox.control.snapshot().weights.listener).toEqual([
      { targetGroup: 'tg-blue', weight: 0 },
      { targetGroup: 'tg-green', weight: 100 },
    ]);
    await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 100, 0) }));
  });

  it('rejects invalid actions with ELBv2 errors', async () => {
    const badWeight = await aws.elb
      .send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 1000, 0) }))
      .catch((e: unknown) => e);
    expect((badWeight as Error).name).toBe('ValidationError');
    const badTg = await aws.elb
      .send(
        new ModifyListenerCommand({
          ListenerArn: sandbox.listenerArn,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: `${sandbox.targetGroups.blue.arn}0` }],
        }),
      )
      .catch((e: unknown) => e);
    expect((badTg as Error).name).toBe('TargetGroupNotFoundException');
  });

  it('Describe* can lag behind Modify* to mimic ALB eventual consistency', async () => {
    sandbox.control.setPropagationLag(1500);
    try {
      await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 50, 50) }));
      const stale = await aws.elb.send(new DescribeListenersCommand({ ListenerArns: [sandbox.listenerArn] }));
      expect(stale.Listeners?.[0]?.DefaultActions).toEqual(weighted(sandbox, 100, 0));
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const fresh = await aws.elb.send(new DescribeListenersCommand({ ListenerArns: [sandbox.listenerArn] }));
      expect(fresh.Listeners?.[0]?.DefaultActions).toEqual(weighted(sandbox, 50, 50));
    } finally {
      sandbox.control.setPropagationLag(0);
      await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 100, 0) }));
    }
  });

  it('RegisterTargets health-checks a real server; DeregisterTargets drains it', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const tg = sandbox.targetGroups.blue.arn;
      await aws.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '127.0.0.1', Port: port }] }));
      const initial = await aws.elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: '127.0.0.1', Port: port }] }),
      );
      expect(initial.TargetHealthDescriptions?.[0]?.TargetHealth?.State).toBe('initial');
      await sandbox.control.waitFor(
        () => sandbox.control.snapshot().targetHealth['tg-blue']?.find((t) => t.target === `127.0.0.1:${port}`)?.state === 'healthy',
        {
          timeoutMs: 5000,
        },
      );
      await aws.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '127.0.0.1', Port: port }] }));
      const draining = await aws.elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: '127.0.0.1', Port: port }] }),
      );
      expect(draining.TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({
        State: 'draining',
        Reason: 'Target.DeregistrationInProgress',
      });
      const remote = await aws.elb
        .send(new RegisterTargetsCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.0.0.5', Port: 80 }] }))
        .catch((e: unknown) => e);
      expect((remote as Error).name).toBe('InvalidTargetException');
    } finally {
      server.close();
    }
  });

  it('answers 503 when the chosen target group has no healthy target', async () => {
    await aws.ecs.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web-green', desiredCount: 0 }));
    await sandbox.control.waitFor(() => sandbox.control.snapshot().targetHealth['tg-green']?.length === 0, { timeoutMs: 10_000 });
    await aws.elb.send(new ModifyListenerCommand({ ListenerArn: sandbox.listenerArn, DefaultActions: weighted(sandbox, 0, 100) }));
    const res = await get(`${sandbox.listenerUrl}/`);
    expect(res.status).toBe(503);
    expect(res.body).toContain('503 Service Temporarily Unavailable');
    const last = sandbox.control.requestLog().at(-1);
    expect(last).toMatchObject({ status: 503, source: 'elb', targetGroup: 'tg-green' });
    const metrics = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 120_000),
        EndTime: new Date(Date.now() + 1000),
        MetricDataQueries: ['HTTPCode_ELB_5XX_Count', 'HTTPCode_ELB_503_Count'].map((name, i) => ({
          Id: `m${i}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: name,
              Dimensions: [{ Name: 'LoadBalancer', Value: sandbox.loadBalancerDimension }],
            },
            Period: 60,
            Stat: 'Sum',
          },
        })),
      }),
    );
    for (const result of metrics.MetricDataResults ?? []) expect((result.Values ?? []).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
