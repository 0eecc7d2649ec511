import type { MetricAlarm, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { AlarmStore } from './cloudwatch/alarms.ts';
import type { EcrRegistry, EcrRepository } from './ecr-registry.ts';
import type { ClusterRecord, ServiceRecord } from './ecs/model.ts';
import type { EcsScheduler } from './ecs/scheduler.ts';
import type { TaskDefinitionRegistry } from './ecs/task-definitions.ts';
import { normalizeActions, weightedForward } from './elb/actions.ts';
import type { ElbState, ListenerState, LoadBalancerState, RuleState, TargetGroupState } from './elb/state.ts';
import type { EcrImageSeed, ResolvedOptions, ServiceSeedOptions, WorldDimensions } from './options.ts';
import { normalizeConditions } from './elb/routing.ts';
import { seedNativeApp, type NativeWorld } from './native-world.ts';
import { seedScaleApps, type ScaleApp } from './scale-apps.ts';

export interface World {
  cluster: ClusterRecord;
  services: { blue: ServiceRecord; green: ServiceRecord };
  targetGroups: { blue: TargetGroupState; green: TargetGroupState };
  loadBalancer: LoadBalancerState;
  listener: ListenerState;
  testListener: ListenerState;
  rule: RuleState;
  alarms: MetricAlarm[];
  family: string;
  initialTaskDefinitionArn: string;
  image: string;
  ecrRepository: EcrRepository;
  /** The single-service app deployed by ECS-native strategies (undefined with `world.native: false`). */
  native: NativeWorld | undefined;
  /** Apps 2..N of `apps` (empty by default). */
  apps: ScaleApp[];
}

export interface WorldDeps {
  options: ResolvedOptions;
  elb: ElbState;
  registry: TaskDefinitionRegistry;
  ecr: EcrRegistry;
  alarms: AlarmStore;
  scheduler: EcsScheduler;
  /** Starts the HTTP server of a listener and returns its port. */
  startListener: (listener: ListenerState, label: string, port: number) => Promise<number>;
}

const DEFAULT_IMAGES: EcrImageSeed[] = [
  { tags: ['v1'] },
  {
    tags: ['v2'],
    findings: [
      {
        name: 'CVE-2099-0101',
        severity: 'LOW',
        uri: 'https://nvd.nist.gov/vuln/detail/CVE-2099-0101',
        description: 'Sandbox sample: low-severity issue in a base-image package.',
        attributes: [
          { key: 'package_name', value: 'zlib' },
          { key: 'package_version', value: '1.2.13' },
        ],
      },
    ],
  },
  {
    tags: ['v3'],
    findings: [
      {
        name: 'CVE-2099-0303',
        severity: 'CRITICAL',
        uri: 'https://nvd.nist.gov/vuln/detail/CVE-2099-0303',
        description: 'Sandbox sample: remote code execution in a TLS library.',
        attributes: [
          { key: 'package_name', value: 'openssl' },
          { key: 'package_version', value: '3.0.1' },
          { key: 'CVSS2_SCORE', value: '10' },
        ],
      },
      {
        name: 'CVE-2099-0304',
        severity: 'HIGH',
        uri: 'https://nvd.nist.gov/vuln/detail/CVE-2099-0304',
        description: 'Sandbox sample: denial of service in an HTTP parser.',
        attributes: [{ key: 'package_name', value: 'http-parser' }],
      },
    ],
  },
];

/**
 * The default world: cluster `demo`, services `web-blue`/`web-green` (2 healthy tasks each,
 * both on `web:1`), ALB `demo-alb` with a weighted production listener, a `/api/*` rule,
 * a test listener on green, the `demo-5xx` alarm and an ECR repository `web`.
 */
export async function seedWorld(deps: WorldDeps): Promise<World> {
  const { options, elb, registry, ecr, alarms, scheduler } = deps;
  const w = options.world;
  const family = w.family ?? 'web';
  const containerName = w.containerName ?? 'app';
  const containerPort = w.containerPort ?? 8080;

  const ecrRepository = ecr.addRepository(family, w.ecrImages ?? DEFAULT_IMAGES);
  const image = w.image ?? `${ecrRepository.uri}:v1`;
  const environment = w.environment ?? { VERSION: 'v1' };
  const initial = registry.register({
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${options.accountId}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: containerName,
        image,
        essential: true,
        portMappings: [{ containerPort, protocol: 'tcp' }],
        environment: Object.entries(environment).map(([name, value]) => ({ name, value })),
      },
    ],
  }).definition;
  const initialTaskDefinitionArn = initial.taskDefinitionArn ?? '';

  const loadBalancer = elb.createLoadBalancer(w.loadBalancerName ?? 'demo-alb', options.region);
  const blueTg = elb.createTargetGroup('tg-blue', containerPort);
  const greenTg = elb.createTargetGroup('tg-green', containerPort);
  const exists = (arn: string): boolean => elb.targetGroups.has(arn);
  const weights = w.weights ?? { blue: 100, green: 0 };
  const forwardBy = (split: { blue: number; green: number }) =>
    weightedForward(
      [
        [blueTg, split.blue],
        [greenTg, split.green],
      ],
      exists,
    );

  const listener = elb.createListener(loadBalancer, 0, forwardBy(weights));
  listener.port = await deps.startListener(listener, 'production', options.listenerPort);
  const rule = elb.createRule(
    listener,
    10,
    normalizeConditions([{ Field: 'path-pattern', Values: [w.rulePathPattern ?? '/api/*'] }]),
    forwardBy(w.ruleWeights ?? weights),
  );
  const testListener = elb.createListener(loadBalancer, 0, normalizeActions([{ Type: 'forward', TargetGroupArn: greenTg.arn }], exists));
  testListener.port = await deps.startListener(testListener, 'test', options.testListenerPort);

  const cluster = scheduler.createCluster(w.cluster ?? 'demo');
  const seedService = (seed: ServiceSeedOptions | undefined, fallbackName: string, tg: TargetGroupState): ServiceRecord =>
    scheduler.createService(cluster, {
      name: seed?.name ?? fallbackName,
      taskDefinitionArn: initialTaskDefinitionArn,
      desiredCount: seed?.desiredCount ?? 2,
      targetGroupArn: tg.arn,
      containerName,
      containerPort,
      circuitBreaker: seed?.circuitBreaker ?? { enable: true, rollback: true },
    });
  const services = { blue: seedService(w.blue, 'web-blue', blueTg), green: seedService(w.green, 'web-green', greenTg) };
  const native =
    w.native === false
      ? undefined
      : await seedNativeApp({
          app: w.native ?? {},
          options,
          elb,
          scheduler,
          cluster,
          taskDefinitionArn: initialTaskDefinitionArn,
          containerName,
          containerPort,
          startListener: deps.startListener,
        });

  const apps = await seedScaleApps({
    count: options.apps,
    region: options.region,
    accountId: options.accountId,
    elb,
    registry,
    scheduler,
    cluster,
    image,
    containerName,
    containerPort,
    startListener: deps.startListener,
  });

  const dimensions: WorldDimensions = {
    loadBalancer: loadBalancer.dimension,
    targetGroups: { blue: blueTg.dimension, green: greenTg.dimension },
  };
  const alarmInputs: PutMetricAlarmInput[] =
    typeof w.alarms === 'function'
      ? w.alarms(dimensions)
      : (w.alarms ?? [
          {
            AlarmName: 'demo-5xx',
            AlarmDescription: `Target 5XX responses behind ${loadBalancer.name}`,
            ActionsEnabled: false,
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'HTTPCode_Target_5XX_Count',
            Dimensions: [{ Name: 'LoadBalancer', Value: loadBalancer.dimension }],
            Statistic: 'Sum',
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 5,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
          },
        ]);
  const seededAlarms = alarmInputs.map((input) => alarms.put(input as unknown as Record<string, unknown>));

  return {
    cluster,
    services,
    targetGroups: { blue: blueTg, green: greenTg },
    loadBalancer,
    listener,
    testListener,
    rule,
    alarms: seededAlarms,
    family,
    initialTaskDefinitionArn,
    image,
    ecrRepository,
    native,
    apps,
  };
}
