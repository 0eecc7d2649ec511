/**
 * One mutable picture of an AWS account answering every SDK call preflight makes, through
 * aws-sdk-client-mock at the SDK boundary: tests change the picture, the real adapters read it.
 */
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  ECRClient,
  type DescribeImageScanFindingsResponse,
  type ImageDetail,
} from '@aws-sdk/client-ecr';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTaskDefinitionsCommand,
  type CapacityProvider,
  type ContainerInstance,
  type Deployment,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AlarmGate } from '../../../shared/aws/alarm-gate.ts';
import { AlbRouter } from '../../../shared/aws/alb-router.ts';
import { EcrRegistry } from '../../../shared/aws/ecr-registry.ts';
import { EcsCapacity } from '../../../shared/aws/ecs-capacity.ts';
import { EcsFleet } from '../../../shared/aws/ecs-fleet.ts';
import { EcsTaskDefinitions } from '../../../shared/aws/ecs-task-definitions.ts';
import { CloudWatchFargateUsage } from '../../../shared/aws/fargate-usage.ts';
import { StsIdentity } from '../../../shared/aws/sts-identity.ts';
import type { PreflightPorts } from '../../../shared/engine/preflight/ports.ts';
import { FakeClock, LISTENER, MemoryLog, T0, TG, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';

export const ACCOUNT = '123456789012';
export const IMAGE = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/web:v2`;
export const DIGEST = `sha256:${'ab'.repeat(32)}`;

const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, maxAttempts: 1 };

export function deployment(taskDefinition: string, count: number, patch: Partial<Deployment> = {}): Deployment {
  return {
    id: `ecs-svc/${taskDefinition.split(':').pop()}`,
    status: 'PRIMARY',
    taskDefinition,
    rolloutState: 'COMPLETED',
    desiredCount: count,
    runningCount: count,
    failedTasks: 0,
    createdAt: new Date(T0 - 86_400_000),
    ...patch,
  };
}

export function service(name: string, targetGroup: string, taskDefinition: string, count: number, patch: Partial<Service> = {}): Service {
  return {
    serviceName: name,
    serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/demo/${name}`,
    status: 'ACTIVE',
    desiredCount: count,
    runningCount: count,
    taskDefinition,
    launchType: 'FARGATE',
    loadBalancers: [{ targetGroupArn: targetGroup, containerName: 'app', containerPort: 8080 }],
    deployments: [deployment(taskDefinition, count)],
    events: [{ id: '1', createdAt: new Date(T0 - 60_000), message: `(service ${name}) has reached a steady state.` }],
    ...patch,
  };
}

export function fargateTaskDefinition(revision: number, patch: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    taskDefinitionArn: taskDef(revision),
    family: 'web',
    revision,
    status: 'ACTIVE',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    containerDefinitions: [{ name: 'app', image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:v${revision}`, essential: true }],
    ...patch,
  };
}

export const healthy = (count: number): TargetHealthDescription[] =>
  Array.from({ length: count }, (_, i) => ({ Target: { Id: `10.0.0.${i + 1}`, Port: 8080 }, TargetHealth: { State: 'healthy' } }));

export class AwsWorld {
  readonly clients = {
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    cloudwatch: new CloudWatchClient(config),
    sts: new STSClient(config),
    ecr: new ECRClient({ ...config, region: 'eu-central-1' }),
  };
  readonly mocks = {
    ecs: mockClient(this.clients.ecs),
    elb: mockClient(this.clients.elb),
    cloudwatch: mockClient(this.clients.cloudwatch),
    sts: mockClient(this.clients.sts),
    ecr: mockClient(this.clients.ecr),
  };
  readonly clock = new FakeClock();
  readonly log = new MemoryLog();

  identity = { Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`, UserId: 'AROAEXAMPLE:GitHubActions' };
  services = new Map<string, Service>([
    ['web-blue', service('web-blue', TG.blue, taskDef(41), 2)],
    ['web-green', service('web-green', TG.green, taskDef(40), 2)],
  ]);
  weights = { blue: 100, green: 0 };
  targets = new Map<string, TargetHealthDescription[]>([
    [TG.blue, healthy(2)],
    [TG.green, healthy(2)],
  ]);
  images = new Map<string, ImageDetail>([['web:v2', { imageDigest: DIGEST, imageTags: ['v2'], imagePushedAt: new Date(T0 - 3_600_000) }]]);
  scans = new Map<string, DescribeImageScanFindingsResponse>([
    [DIGEST, { imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findingSeverityCounts: { LOW: 2 }, findings: [] } }],
  ]);
  taskDefinitions = new Map<string, TaskDefinition>([40, 41].map((r) => [taskDef(r), fargateTaskDefinition(r)]));
  clusterDefaultProviders: string[] = [];
  providers: CapacityProvider[] = [];
  instances: ContainerInstance[] = [];
  alarms: MetricAlarm[] = [{ AlarmName: 'web-5xx', StateValue: 'OK', StateReason: 'Threshold not crossed' }];
  fargate: { used: number; quota: number } | undefined = { used: 10, quota: 100 };

  constructor() {
    const { ecs, elb, cloudwatch, sts, ecr } = this.mocks;
    sts.on(GetCallerIdentityCommand).callsFake(() => this.identity);
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => {
      const found = input.services.map((n) => this.services.get(n)).filter((s) => s !== undefined);
      const failures = input.services.filter((n) => !this.services.has(n)).map((n) => ({ arn: n, reason: 'MISSING' }));
      return { services: structuredClone(found), failures };
    });
    ecs.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition: string }) => {
      const key = input.taskDefinition.startsWith('arn:') ? input.taskDefinition : taskDef(Number(input.taskDefinition.split(':')[1]));
      const td = this.taskDefinitions.get(key);
      if (!td) throw Object.assign(new Error('Unable to describe task definition.'), { name: 'ClientException' });
      return { taskDefinition: structuredClone(td) };
    });
    ecs.on(ListTaskDefinitionsCommand).callsFake(() => ({
      taskDefinitionArns: [...this.taskDefinitions.values()]
        .filter((t) => t.status === 'ACTIVE')
        .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))
        .map((t) => t.taskDefinitionArn!),
    }));
    ecs.on(DescribeClustersCommand).callsFake(() => ({
      clusters: [
        {
          clusterName: 'demo',
          defaultCapacityProviderStrategy: this.clusterDefaultProviders.map((capacityProvider) => ({ capacityProvider })),
        },
      ],
    }));
    ecs.on(DescribeCapacityProvidersCommand).callsFake(() => ({ capacityProviders: this.providers }));
    ecs.on(ListContainerInstancesCommand).callsFake(() => ({ containerInstanceArns: this.instances.map((i) => i.containerInstanceArn!) }));
    ecs.on(DescribeContainerInstancesCommand).callsFake(() => ({ containerInstances: this.instances }));
    elb.on(DescribeListenersCommand).callsFake(() => ({
      Listeners: [
        {
          ListenerArn: LISTENER,
          DefaultActions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: TG.blue, Weight: this.weights.blue },
                  { TargetGroupArn: TG.green, Weight: this.weights.green },
                ],
              },
            },
          ],
        },
      ],
    }));
    elb.on(DescribeTargetHealthCommand).callsFake((input: { TargetGroupArn: string }) => ({
      TargetHealthDescriptions: this.targets.get(input.TargetGroupArn) ?? [],
    }));
    cloudwatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
      MetricAlarms: this.alarms.filter((a) => input.AlarmNames.includes(a.AlarmName!)),
    }));
    cloudwatch.on(GetMetricDataCommand).callsFake(() => ({
      MetricDataResults: this.fargate
        ? [
            { Id: 'usage', Values: [this.fargate.used] },
            { Id: 'quota', Values: [this.fargate.quota] },
          ]
        : [],
    }));
    ecr
      .on(DescribeImagesCommand)
      .callsFake((input: { repositoryName: string; imageIds: { imageTag?: string; imageDigest?: string }[] }) => {
        const id = input.imageIds[0]!;
        const found = [...this.images].find(
          ([key, d]) => key === `${input.repositoryName}:${id.imageTag}` || (id.imageDigest && d.imageDigest === id.imageDigest),
        );
        if (!found) throw Object.assign(new Error('The image requested does not exist'), { name: 'ImageNotFoundException' });
        return { imageDetails: [found[1]] };
      });
    ecr.on(DescribeImageScanFindingsCommand).callsFake((input: { imageId: { imageDigest: string } }) => {
      const scan = this.scans.get(input.imageId.imageDigest);
      if (!scan) throw Object.assign(new Error('Image scan does not exist'), { name: 'ScanNotFoundException' });
      return scan;
    });
  }

  /** The real adapters over the mocked clients. */
  ports(opts: { router?: boolean; alarms?: string[] } = {}): PreflightPorts {
    const router = opts.router === false ? undefined : new AlbRouter(this.clients.elb, LISTENER);
    return {
      identity: new StsIdentity(this.clients.sts),
      registry: new EcrRegistry(() => this.clients.ecr),
      taskDefinitions: new EcsTaskDefinitions(this.clients.ecs),
      capacity: new EcsCapacity(this.clients.ecs, 'demo'),
      fargate: new CloudWatchFargateUsage(this.clients.cloudwatch, this.clock),
      alarms: new AlarmGate(this.clients.cloudwatch, opts.alarms ?? ['web-5xx']),
      fleet: new EcsFleet(this.clients.ecs, 'demo'),
      targets: router ?? new AlbRouter(this.clients.elb, ''),
      router,
      clock: this.clock,
      log: this.log,
      retry: { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000 },
    };
  }
}
