import { publishedBy } from './cloudwatch/publishing.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RequestLog, startListenerServer, type ListenerServer } from './alb-proxy.ts';
import { CallLog } from './call-log.ts';
import { AlarmStore } from './cloudwatch/alarms.ts';
import { createControl, type SandboxControl } from './control.ts';
import { EcrRegistry } from './ecr-registry.ts';
import { EcsScheduler } from './ecs/scheduler.ts';
import { TaskDefinitionRegistry } from './ecs/task-definitions.ts';
import { TaskRunner } from './ecs/task-runner.ts';
import { HealthChecker } from './elb/health.ts';
import { ElbState } from './elb/state.ts';
import { Fleet } from './fleet.ts';
import { InProcessFleet } from './in-process-fleet.ts';
import { ALB_NAMESPACE, MetricStore } from './metrics.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { startApiServer, type ApiServer } from './server.ts';
import { cloudwatchOperations } from './services/cloudwatch.ts';
import { ecrOperations } from './services/ecr.ts';
import { ecsOperations } from './services/ecs.ts';
import { withOneOffTasks } from './services/ecs-run-task.ts';
import { logsOperations } from './services/logs.ts';
import { OneOffTasks } from './ecs/one-off-tasks.ts';
import { LogStore } from './logs/store.ts';
import { elbv2Operations } from './services/elbv2.ts';
import { stsOperations } from './services/sts.ts';
import { stsWebIdentityOperations } from './services/sts-web-identity.ts';
import { CredentialStore, type Session } from './credentials.ts';
import { seedWorld } from './world.ts';
import type { ScaleApp } from './scale-apps.ts';
import type { TargetGroupState } from './elb/state.ts';

export { createRateLimiter, type RateLimiter } from './rate-limits.ts';
export type { SandboxOptions, WorldOptions, WorldDimensions, ServiceSeedOptions, EcrImageSeed } from './options.ts';
export type { SandboxControl, SandboxSnapshot, ServiceSnapshot, TaskSnapshot, WeightEntry, WaitOptions } from './control.ts';
export type { CallRecord, FailureOptions } from './call-log.ts';
export type { ProxiedRequest } from './alb-proxy.ts';
export { startLoad, summarize, type LoadHandle, type LoadOptions, type LoadResult, type LoadSummary } from './load.ts';

export interface NamedArn {
  name: string;
  arn: string;
}

/** The single-service app that ECS deploys natively (BLUE_GREEN, CANARY, LINEAR). */
export interface NativeApp {
  service: NamedArn;
  loadBalancerArn: string;
  /** CloudWatch `LoadBalancer` dimension value (app/web-alb/<id>). */
  loadBalancerDimension: string;
  /** `primary` is the service's targetGroupArn, `alternate` its advancedConfiguration.alternateTargetGroupArn. */
  targetGroups: { primary: NamedArn & { dimension: string }; alternate: NamedArn & { dimension: string } };
  productionRuleArn: string;
  testRuleArn: string;
  listenerArn: string;
  listenerUrl: string;
  testListenerArn: string;
  testListenerUrl: string;
  /** advancedConfiguration.roleArn */
  roleArn: string;
}

/** A two-colour app: two services taking turns behind one listener's weighted forward. */
export interface TwoColorApp {
  name: string;
  services: { blue: NamedArn; green: NamedArn };
  /** `dimension` is the CloudWatch `TargetGroup` value (targetgroup/<name>/<id>). */
  targetGroups: { blue: NamedArn & { dimension: string }; green: NamedArn & { dimension: string } };
  loadBalancerArn: string;
  /** CloudWatch `LoadBalancer` dimension value (app/<name>/<id>). */
  loadBalancerDimension: string;
  listenerArn: string;
  listenerUrl: string;
  taskDefinitions: { family: string; initialArn: string; image: string };
}

/** The loopback AWS, with the default world's first two-colour app (`web`) at the top level. */
export interface Sandbox extends Omit<TwoColorApp, 'name'> {
  /** Set AWS_ENDPOINT_URL (or a client's `endpoint`) to this. */
  endpoint: string;
  region: string;
  accountId: string;
  /** Cluster name. */
  cluster: string;
  clusterArn: string;
  testListenerArn: string;
  testListenerUrl: string;
  /** The `/api/*` rule on the production listener. */
  ruleArn: string;
  alarms: NamedArn[];
  ecrRepositoryUri: string;
  /** Undefined with `world.native: false`. */
  native: NativeApp | undefined;
  /** Every two-colour app: the default world's first (`web`), then `app2`… with the `apps` option. */
  apps: TwoColorApp[];
  /** With `rateLimits`: requests refused so far, by `service:Operation`. */
  throttled(): Record<string, number>;
  control: SandboxControl;
  /** Role sessions STS issued, and the ID tokens presented for them. */
  sts: { sessions(): Session[]; tokens: string[]; expireAll(): void };
  /** One-off tasks started by RunTask, and the CloudWatch Logs their containers write to. */
  oneOffTasks: OneOffTasks;
  logs: LogStore;
  /** Stops servers, timers and every task process. Safe to call twice. */
  stop(): Promise<void>;
}

const APP_PATH = fileURLToPath(new URL('./app.ts', import.meta.url));

/** Tasks run app.ts directly, which needs a Node with type stripping; prefer the project's Node 24. */
function defaultNodePath(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return process.execPath;
  const local = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
  return existsSync(local) ? local : process.execPath;
}

export async function startSandbox(input: SandboxOptions = {}): Promise<Sandbox> {
  const options = resolveOptions(input, defaultNodePath());
  const { region, accountId, log } = options;

  const callLog = new CallLog();
  const credentials = new CredentialStore(options.credentials);
  const tokens: string[] = [];
  const requestLog = new RequestLog();
  const metrics = new MetricStore(options.cloudwatch.retentionMs);
  if (options.cloudwatch.albPublishing) metrics.publishedBy = publishedBy(options.cloudwatch.albPublishing);
  const elb = new ElbState({ region, accountId, ...options.elb });
  const registry = new TaskDefinitionRegistry(region, accountId);
  const ecr = new EcrRegistry(region, accountId);
  const alarms = new AlarmStore(metrics, region, accountId);
  const fleet = options.tasks === 'in-process' ? new InProcessFleet() : new Fleet({ nodePath: options.nodePath, appPath: APP_PATH });
  const rateLimiter = options.rateLimits;
  const logs = new LogStore(region, accountId);
  const oneOff = new OneOffTasks({
    region,
    accountId,
    nodePath: options.nodePath,
    appPath: APP_PATH,
    startDelayMs: options.ecs.taskStartDelayMs,
    stopTimeoutMs: options.ecs.stopTimeoutMs,
    ec2: input.oneOffTasks?.ec2,
    imageAvailable: (image) => ecr.imageAvailable(image),
    logs,
  });
  const scheduler = new EcsScheduler({
    region,
    accountId,
    elb,
    registry,
    timings: options.ecs,
    alarmState: (name) => alarms.alarms.get(name)?.StateValue,
  });
  scheduler.attach(
    new TaskRunner({
      fleet,
      elb,
      region,
      accountId,
      stopTimeoutMs: options.ecs.stopTimeoutMs,
      imageAvailable: (image) => ecr.imageAvailable(image),
      onUnexpectedStop: (task) => scheduler.onUnexpectedStop(task),
      onRegistered: (task, tgArn) => scheduler.onRegistered(task, tgArn),
      log,
    }),
  );
  const health = new HealthChecker(elb, options.healthCheck, () => {
    // HealthyHostCount / UnHealthyHostCount, sampled once per health-check round.
    for (const tg of elb.targetGroups.values()) {
      const targets = [...tg.targets.values()];
      for (const lbArn of elb.loadBalancerArnsOf(tg.arn)) {
        const lb = elb.loadBalancers.get(lbArn);
        if (!lb) continue;
        const dims = [
          { Name: 'TargetGroup', Value: tg.dimension },
          { Name: 'LoadBalancer', Value: lb.dimension },
        ];
        metrics.put(ALB_NAMESPACE, 'HealthyHostCount', dims, targets.filter((t) => t.state === 'healthy').length);
        metrics.put(ALB_NAMESPACE, 'UnHealthyHostCount', dims, targets.filter((t) => t.state === 'unhealthy').length);
      }
    }
  });

  const listenerServers: ListenerServer[] = [];
  let api: ApiServer | undefined;
  const timers: NodeJS.Timeout[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      for (const timer of timers) clearInterval(timer);
      scheduler.stop();
      health.stop();
      alarms.stop();
      elb.stop();
      await Promise.all([api?.close(), ...listenerServers.map((s) => s.close()), fleet.stopAll(options.ecs.stopTimeoutMs), oneOff.close()]);
    })();
    return stopped;
  };

  try {
    const world = await seedWorld({
      options,
      elb,
      registry,
      ecr,
      alarms,
      scheduler,
      startListener: async (listener, label, port) => {
        const server = await startListenerServer(listener, label, options.host, port, {
          elb,
          metrics,
          requestLog,
          targetTimeoutMs: options.elb.targetTimeoutMs,
          log,
        });
        listenerServers.push(server);
        return server.port;
      },
    });

    api = await startApiServer({
      host: options.host,
      port: options.port,
      callLog,
      log,
      authorize: (accessKeyId, protocol) => credentials.check(accessKeyId, protocol),
      ...(rateLimiter ? { admit: (service: string, operation: string) => rateLimiter.admit(service, operation) } : {}),
      services: [
        {
          id: 'ecs',
          protocol: { kind: 'json', version: '1.1', namespace: 'com.amazonaws.ecs', targetPrefix: 'AmazonEC2ContainerServiceV20141113' },
          operations: withOneOffTasks(
            ecsOperations({
              scheduler,
              registry,
              region,
              accountId,
              elb: {
                targetGroupExists: (arn) => elb.targetGroups.has(arn),
                ruleExists: (arn) => elb.rules.has(arn) || elb.listeners.has(arn),
              },
            }),
            { oneOff, scheduler, registry },
          ),
        },
        {
          id: 'logs',
          protocol: { kind: 'json', version: '1.1', namespace: 'com.amazonaws.cloudwatchlogs', targetPrefix: 'Logs_20140328' },
          operations: logsOperations({ store: logs }),
        },
        {
          id: 'ecr',
          protocol: { kind: 'json', version: '1.1', namespace: 'com.amazonaws.ecr', targetPrefix: 'AmazonEC2ContainerRegistry_V20150921' },
          operations: ecrOperations({ registry: ecr }),
        },
        {
          id: 'cloudwatch',
          protocol: {
            kind: 'json',
            version: '1.0',
            namespace: 'com.amazonaws.cloudwatch',
            targetPrefix: 'GraniteServiceVersion20100801',
            queryCompatible: true,
          },
          operations: cloudwatchOperations({ metrics, alarms }),
        },
        {
          id: 'elbv2',
          protocol: {
            kind: 'query',
            xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
            signingName: 'elasticloadbalancing',
            apiVersion: '2015-12-01',
          },
          operations: elbv2Operations({ elb, healthCheck: options.healthCheck }),
        },
        {
          id: 'sts',
          protocol: { kind: 'query', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/', signingName: 'sts', apiVersion: '2011-06-15' },
          operations: { ...stsOperations({ accountId }), ...stsWebIdentityOperations({ accountId, credentials, tokens }) },
        },
      ],
    });

    health.start();
    scheduler.start();
    alarms.start(options.cloudwatch.alarmEvaluationIntervalMs);
    timers.push(setInterval(() => metrics.prune(), 60_000));

    const control = createControl({ world, elb, scheduler, alarms, callLog, requestLog });
    if (options.waitForTasks) {
      await control.waitFor(
        () => [...world.cluster.tasks.values()].every((t) => t.lastStatus !== 'PROVISIONING' && t.lastStatus !== 'PENDING'),
        // Six processes start at once (4 more per extra app); a busy CI machine must not fail the start (it returns as soon as they listen).
        {
          timeoutMs: Math.max(options.ecs.taskStartTimeoutMs, 60_000 + 2_000 * (options.apps - 1)),
          intervalMs: 10,
          description: 'seeded tasks to listen',
        },
      );
    }

    const host = options.host;
    const defaultApp = twoColorApp({ ...world, name: world.family }, world.image, host);
    const apps = [defaultApp, ...world.apps.map((app) => twoColorApp(app, world.image, host))];
    return {
      endpoint: api.url,
      region,
      accountId,
      cluster: world.cluster.name,
      clusterArn: world.cluster.arn,
      services: defaultApp.services,
      targetGroups: defaultApp.targetGroups,
      loadBalancerArn: defaultApp.loadBalancerArn,
      loadBalancerDimension: defaultApp.loadBalancerDimension,
      listenerArn: defaultApp.listenerArn,
      listenerUrl: defaultApp.listenerUrl,
      testListenerArn: world.testListener.arn,
      testListenerUrl: `http://${host}:${world.testListener.port}`,
      ruleArn: world.rule.arn,
      alarms: world.alarms.map((a) => ({ name: a.AlarmName ?? '', arn: a.AlarmArn ?? '' })),
      taskDefinitions: defaultApp.taskDefinitions,
      ecrRepositoryUri: world.ecrRepository.uri,
      native: world.native && {
        service: { name: world.native.service.name, arn: world.native.service.arn },
        loadBalancerArn: world.native.loadBalancer.arn,
        loadBalancerDimension: world.native.loadBalancer.dimension,
        targetGroups: {
          primary: {
            name: world.native.targetGroups.primary.name,
            arn: world.native.targetGroups.primary.arn,
            dimension: world.native.targetGroups.primary.dimension,
          },
          alternate: {
            name: world.native.targetGroups.alternate.name,
            arn: world.native.targetGroups.alternate.arn,
            dimension: world.native.targetGroups.alternate.dimension,
          },
        },
        productionRuleArn: world.native.productionRule.arn,
        testRuleArn: world.native.testRule.arn,
        listenerArn: world.native.listener.arn,
        listenerUrl: `http://${host}:${world.native.listener.port}`,
        testListenerArn: world.native.testListener.arn,
        testListenerUrl: `http://${host}:${world.native.testListener.port}`,
        roleArn: world.native.roleArn,
      },
      apps,
      throttled: () => rateLimiter?.throttled() ?? {},
      control,
      sts: {
        sessions: () => [...credentials.sessions.values()],
        tokens,
        expireAll: () => {
          for (const session of credentials.sessions.values()) session.expiresAt = Math.min(session.expiresAt, Date.now());
        },
      },
      oneOffTasks: oneOff,
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function twoColorApp(app: ScaleApp, image: string, host: string): TwoColorApp {
  const named = (r: { name: string; arn: string }): NamedArn => ({ name: r.name, arn: r.arn });
  const tg = (t: TargetGroupState) => ({ name: t.name, arn: t.arn, dimension: t.dimension });
  return {
    name: app.name,
    services: { blue: named(app.services.blue), green: named(app.services.green) },
    targetGroups: { blue: tg(app.targetGroups.blue), green: tg(app.targetGroups.green) },
    loadBalancerArn: app.loadBalancer.arn,
    loadBalancerDimension: app.loadBalancer.dimension,
    listenerArn: app.listener.arn,
    listenerUrl: `http://${host}:${app.listener.port}`,
    taskDefinitions: { family: app.family, initialArn: app.initialTaskDefinitionArn, image },
  };
}
