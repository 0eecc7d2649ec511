import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRServiceException,
} from '@aws-sdk/client-ecr';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  DescribeTaskDefinitionCommand,
  ECSServiceException,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2ServiceException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { clients, FAST } from './clients.ts';

describe('sandbox wire protocols (real SDK v3 clients)', () => {
  let sandbox: Sandbox;
  let aws: ReturnType<typeof clients>;

  beforeAll(async () => {
    sandbox = await startSandbox(FAST);
    aws = clients(sandbox);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('STS GetCallerIdentity answers over awsQuery', async () => {
    const identity = await aws.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sandbox');
  });

  it('ECS Describe* answers what it finds, names the rest MISSING by full ARN, and refuses empty or oversized lists', async () => {
    const clusters = await aws.ecs.send(new DescribeClustersCommand({ clusters: ['demo', 'nope'] }));
    expect(clusters.clusters?.map((c) => c.clusterName)).toEqual(['demo']);
    expect(clusters.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' }]);
    const providers = await aws.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['FARGATE_SPOT', 'ec2-fleet'] }));
    expect(providers.capacityProviders).toEqual([
      {
        capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE_SPOT',
        name: 'FARGATE_SPOT',
        status: 'ACTIVE',
        tags: [],
      },
    ]);
    expect(providers.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/ec2-fleet', reason: 'MISSING' }]);
    const tasks = await aws.ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: ['0123'] }));
    expect(tasks.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123', reason: 'MISSING' }]);
    await expect(aws.ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: [] }))).rejects.toThrow('Tasks cannot be empty.');
    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`);
    await expect(aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: eleven }))).rejects.toThrow(
      'service names can have at most 10 items.',
    );
  });

  it('ECS describes the seeded services with their deployments and load balancers', async () => {
    const out = await aws.ecs.send(
      new DescribeServicesCommand({ cluster: 'demo', services: ['web-blue', sandbox.services.green.arn, 'nope'] }),
    );
    expect(out.services?.map((s) => s.serviceName)).toEqual(['web-blue', 'web-green']);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/nope', reason: 'MISSING' }]);
    const blue = out.services?.[0];
    expect(blue?.serviceArn).toBe('arn:aws:ecs:us-east-1:123456789012:service/demo/web-blue');
    expect(blue?.desiredCount).toBe(2);
    expect(blue?.runningCount).toBe(2);
    expect(blue?.loadBalancers?.[0]?.targetGroupArn).toBe(sandbox.targetGroups.blue.arn);
    expect(blue?.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(blue?.deployments).toHaveLength(1);
    expect(blue?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      taskDefinition: sandbox.taskDefinitions.initialArn,
    });
    expect(blue?.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(blue?.deployments?.[0]?.createdAt).toBeInstanceOf(Date);
    expect(blue?.events?.[0]?.message).toBe('(service web-blue) has reached a steady state.');
  });

  it('ECS registers, describes and lists task definitions', async () => {
    const registered = await aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'app', image: 'web:v2', environment: [{ name: 'VERSION', value: 'v2' }] }],
        cpu: '256',
        memory: '512',
        tags: [{ key: 'release', value: 'v2' }],
      }),
    );
    expect(registered.taskDefinition?.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
    expect(registered.taskDefinition?.containerDefinitions?.[0]).toMatchObject({
      essential: true,
      environment: [{ name: 'VERSION', value: 'v2' }],
    });
    const described = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }));
    expect(described.taskDefinition?.revision).toBe(2);
    expect(described.taskDefinition?.registeredAt).toBeInstanceOf(Date);
    expect(described.tags).toEqual([{ key: 'release', value: 'v2' }]);
    const listed = await aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web', sort: 'DESC' }));
    expect(listed.taskDefinitionArns?.[0]).toMatch(/web:2$/);
    const clusters = await aws.ecs.send(new DescribeClustersCommand({ clusters: ['demo'] }));
    // The two colors of web, and the single-service (native) app of the default world.
    expect(clusters.clusters?.[0]).toMatchObject({ clusterName: 'demo', activeServicesCount: 3, status: 'ACTIVE' });
  });

  it('ECS errors are modeled exceptions with the right names', async () => {
    const missing = await aws.ecs
      .send(new UpdateServiceCommand({ cluster: 'demo', service: 'ghost', desiredCount: 1 }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ECSServiceException);
    expect((missing as Error).name).toBe('ServiceNotFoundException');
    expect((missing as ECSServiceException).$metadata.httpStatusCode).toBe(400);
    const noCluster = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'ghost', services: ['x'] })).catch((e: unknown) => e);
    expect((noCluster as Error).name).toBe('ClusterNotFoundException');
    const badTd = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:9' })).catch((e: unknown) => e);
    expect((badTd as Error).name).toBe('ClientException');
  });

  it('ELBv2 errors are modeled exceptions (Query XML error shape)', async () => {
    const err = await aws.elb.send(new DescribeRulesCommand({ RuleArns: [`${sandbox.ruleArn}0`] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ElasticLoadBalancingV2ServiceException);
    expect((err as Error).name).toBe('RuleNotFoundException');
    const err2 = await aws.elb
      .send(new DescribeListenersCommand({ ListenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2'] }))
      .catch((e: unknown) => e);
    expect((err2 as Error).name).toBe('ListenerNotFoundException');
  });

  it('ECR describes the seeded repository, images and scan findings', async () => {
    const repos = await aws.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'] }));
    expect(repos.repositories?.[0]?.repositoryUri).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/web');
    const images = await aws.ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v3' }] }));
    expect(images.imageDetails?.[0]?.imageScanFindingsSummary?.findingSeverityCounts).toEqual({ CRITICAL: 1, HIGH: 1 });
    const findings = await aws.ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v3' } }));
    expect(findings.imageScanStatus?.status).toBe('COMPLETE');
    expect(findings.imageScanFindings?.findings?.map((f) => f.severity)).toEqual(['CRITICAL', 'HIGH']);
    const clean = await aws.ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } }));
    expect(clean.imageScanFindings?.findingSeverityCounts).toEqual({});
    const missing = await aws.ecr
      .send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v9' }] }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ECRServiceException);
    expect((missing as Error).name).toBe('ImageNotFoundException');
  });

  it('unknown operations answer AWS errors, not crashes', async () => {
    const json = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.LaunchRocket' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      __type: 'com.amazonaws.ecs#UnknownOperationException',
      message: 'Unknown operation LaunchRocket.',
    });

    const query = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: 'Action=LaunchRocket&Version=2015-12-01',
    });
    expect(query.status).toBe(400);
    const xml = await query.text();
    expect(xml).toContain('<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">');
    expect(xml).toContain('<Type>Sender</Type><Code>InvalidAction</Code>');
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);

    const badJson = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeServices' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { __type: string }).__type).toBe('com.amazonaws.ecs#SerializationException');
  });

  it('failNext(ThrottlingException) makes the SDK retry and then succeed', async () => {
    sandbox.control.resetCallLog();
    sandbox.control.failNext('ecs:DescribeServices', 'ThrottlingException', 2);
    const out = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web-blue'] }));
    expect(out.services).toHaveLength(1);
    const calls = sandbox.control.callLog().filter((c) => c.operation === 'DescribeServices');
    expect(calls.map((c) => c.error)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
    expect(calls[0]?.params).toEqual({ cluster: 'demo', services: ['web-blue'] });
  });

  it('failNext(Throttling) on a Query service and on CloudWatch is retried too', async () => {
    sandbox.control.resetCallLog();
    sandbox.control.failNext('DescribeRules', 'Throttling', 1);
    sandbox.control.failNext('cloudwatch:DescribeAlarms', 'Throttling', 1);
    const rules = await aws.elb.send(new DescribeRulesCommand({ RuleArns: [sandbox.ruleArn] }));
    expect(rules.Rules?.[0]?.RuleArn).toBe(sandbox.ruleArn);
    const alarms = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['demo-5xx'] }));
    expect(alarms.MetricAlarms?.[0]?.AlarmName).toBe('demo-5xx');
    expect(sandbox.control.callCounts()).toEqual({ 'elbv2:DescribeRules': 2, 'cloudwatch:DescribeAlarms': 2 });
  });

  it('without retries the injected error surfaces with its code', async () => {
    const noRetry = clients(sandbox, 1);
    sandbox.control.failNext('DescribeListeners', 'Throttling', 1);
    const thrown = await noRetry.elb.send(new DescribeListenersCommand({ ListenerArns: [sandbox.listenerArn] })).catch((e: unknown) => e);
    expect((thrown as Error).name).toBe('Throttling');
    expect((thrown as ElasticLoadBalancingV2ServiceException).$metadata.httpStatusCode).toBe(400);
  });
});
