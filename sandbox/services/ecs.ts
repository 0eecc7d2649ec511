import type {
  ContinueServiceDeploymentRequest,
  CreateServiceRequest,
  DeploymentConfiguration,
  DescribeCapacityProvidersRequest,
  DescribeContainerInstancesRequest,
  ListContainerInstancesRequest,
  DescribeClustersRequest,
  DescribeServiceDeploymentsRequest,
  DescribeServicesRequest,
  DescribeTaskDefinitionRequest,
  DescribeTasksRequest,
  DeregisterTaskDefinitionRequest,
  Failure,
  ListServiceDeploymentsRequest,
  ListServicesRequest,
  ListTaskDefinitionsRequest,
  ListTasksRequest,
  RegisterTaskDefinitionRequest,
  LoadBalancer,
  StopServiceDeploymentRequest,
  StopTaskRequest,
  UpdateServiceRequest,
} from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';
import { validateNativeConfiguration } from '../ecs/lifecycle.ts';
import { circuitBreakerThreshold } from '../ecs/model.ts';
import type { EcsScheduler } from '../ecs/scheduler.ts';
import type { TaskDefinitionRegistry } from '../ecs/task-definitions.ts';
import { clusterView, serviceDeploymentBrief, serviceDeploymentView, serviceView, taskView } from '../ecs/views.ts';
import { bool, list, num, obj, paginate, str } from '../params.ts';
import type { Operations } from './types.ts';

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** AWS refuses an empty list of references, and one over the call's limit, each in its own words. */
function checkCount(refs: string[], max: number, empty: string, tooMany: string): void {
  if (refs.length === 0) throw invalid(empty);
  if (refs.length > max) throw invalid(tooMany);
}

/** A Describe* answer: the view of each reference found, a MISSING failure (by full ARN) for each other. */
function describeEach<F, T>(
  refs: string[],
  find: (ref: string) => F | undefined,
  view: (item: F, ref: string) => T,
  arnOf: (ref: string) => string = (ref) => ref,
): { found: T[]; failures: Failure[] } {
  const found: T[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item === undefined) failures.push({ arn: arnOf(ref), reason: 'MISSING' });
    else found.push(view(item, ref));
  }
  return { found, failures };
}

/** A short name as the ARN AWS names it by in a failure: `prefix` ends in the resource type. */
const fullArn = (prefix: string) => (ref: string) => (ref.startsWith('arn:') ? ref : `${prefix}/${ref}`);
const lastPart = (ref: string) => ref.split('/').pop() ?? '';

/** Amazon ECS (awsJson1_1, AmazonEC2ContainerServiceV20141113). */
export function ecsOperations(deps: {
  scheduler: EcsScheduler;
  registry: TaskDefinitionRegistry;
  region: string;
  accountId: string;
  /** ELBv2 lookups for the load balancers of ECS-native strategies. */
  elb?: { targetGroupExists: (arn: string) => boolean; ruleExists: (arn: string) => boolean };
}): Operations {
  const { scheduler, registry, region, accountId } = deps;
  const elbLookup = deps.elb ?? { targetGroupExists: () => true, ruleExists: () => true };

  const serviceDeployment = (arn: string | undefined) => {
    const found = arn ? scheduler.findServiceDeployment(arn) : undefined;
    if (!found) throw new AwsError('ServiceDeploymentNotFoundException', `Service deployment ${arn ?? ''} not found.`);
    return found;
  };

  return {
    RegisterTaskDefinition(input: RegisterTaskDefinitionRequest) {
      const stored = registry.register(input as unknown as Record<string, unknown>);
      return { taskDefinition: stored.definition, tags: stored.tags };
    },

    DescribeTaskDefinition(input: DescribeTaskDefinitionRequest) {
      const stored = registry.require(str(input.taskDefinition));
      const withTags = list<string>(input.include).includes('TAGS');
      return { taskDefinition: stored.definition, ...(withTags ? { tags: stored.tags } : {}) };
    },

    ListTaskDefinitions(input: ListTaskDefinitionsRequest) {
      const arns = registry.list({
        familyPrefix: str(input.familyPrefix),
        status: str(input.status),
        descending: str(input.sort) === 'DESC',
      });
      const { page, nextToken } = paginate(arns, num(input.maxResults), str(input.nextToken));
      return { taskDefinitionArns: page, nextToken };
    },

    ListTaskDefinitionFamilies() {
      return { families: registry.families().sort() };
    },

    DeregisterTaskDefinition(input: DeregisterTaskDefinitionRequest) {
      return { taskDefinition: registry.deregister(str(input.taskDefinition)).definition };
    },

    DescribeClusters(input: DescribeClustersRequest) {
      const names = list<string>(input.clusters);
      const { found, failures } = describeEach(
        names.length > 0 ? names : ['default'],
        (ref) => scheduler.clusters.get(lastPart(ref)),
        clusterView,
        fullArn(`arn:aws:ecs:${region}:${accountId}:cluster`),
      );
      return { clusters: found, failures };
    },

    ListClusters() {
      return { clusterArns: [...scheduler.clusters.values()].map((c) => c.arn) };
    },

    // Fargate only: there are no EC2 container instances, and the two Fargate capacity providers.
    ListContainerInstances(input: ListContainerInstancesRequest) {
      scheduler.cluster(str(input.cluster));
      return { containerInstanceArns: [] };
    },

    DescribeContainerInstances(input: DescribeContainerInstancesRequest) {
      scheduler.cluster(str(input.cluster));
      return { containerInstances: [], failures: list<string>(input.containerInstances).map((arn) => ({ arn, reason: 'MISSING' })) };
    },

    DescribeCapacityProviders(input: DescribeCapacityProvidersRequest) {
      const wanted = list<string>(input.capacityProviders);
      const names = wanted.length > 0 ? wanted : ['FARGATE', 'FARGATE_SPOT'];
      const nameOf = (ref: string) => ref.split('/').pop() ?? ref;
      const arnOf = (ref: string) => `arn:aws:ecs:${region}:${accountId}:capacity-provider/${nameOf(ref)}`;
      const { found, failures } = describeEach(
        names,
        (ref) => (['FARGATE', 'FARGATE_SPOT'].includes(nameOf(ref)) ? nameOf(ref) : undefined),
        (name, ref) => ({ capacityProviderArn: arnOf(ref), name, status: 'ACTIVE', tags: [] }),
        arnOf,
      );
      return { capacityProviders: found, failures };
    },

    ListServices(input: ListServicesRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const arns = [...cluster.services.values()].map((s) => s.arn);
      const { page, nextToken } = paginate(arns, num(input.maxResults), str(input.nextToken), 100);
      return { serviceArns: page, nextToken };
    },

    DescribeServices(input: DescribeServicesRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const refs = list<string>(input.services);
      checkCount(refs, 10, 'Services cannot be empty.', 'service names can have at most 10 items.');
      const { found, failures } = describeEach(
        refs,
        (ref) => scheduler.findService(cluster, ref),
        (service) => serviceView(cluster, service, accountId),
        fullArn(cluster.arn.replace(':cluster/', ':service/')),
      );
      return { services: found, failures };
    },

    CreateService(input: CreateServiceRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const name = str(input.serviceName);
      if (!name) throw invalid('serviceName is required.');
      if (cluster.services.has(name)) throw invalid('Creation of service was not idempotent.');
      const stored = registry.resolve(str(input.taskDefinition) ?? '');
      if (!stored) throw new AwsError('ClientException', 'TaskDefinition not found.');
      if (stored.definition.status !== 'ACTIVE') throw new AwsError('ClientException', 'TaskDefinition is inactive');
      const desiredCount = num(input.desiredCount) ?? 0;
      if (!Number.isInteger(desiredCount) || desiredCount < 0) throw invalid('Desired count must be a non-negative integer.');
      const controller = str(obj(input.deploymentController)?.type);
      if (controller !== undefined && controller !== 'ECS') {
        throw new AwsError('UnsupportedFeatureException', `The sandbox supports only the ECS deployment controller; got ${controller}.`);
      }
      const loadBalancers = list<LoadBalancer>(input.loadBalancers);
      for (const lb of loadBalancers) {
        if (lb.targetGroupArn && !elbLookup.targetGroupExists(lb.targetGroupArn)) {
          throw invalid(`Target group '${lb.targetGroupArn}' not found.`);
        }
      }
      const configuration = obj(input.deploymentConfiguration) as DeploymentConfiguration | undefined;
      validateNativeConfiguration(configuration ?? {}, loadBalancers, elbLookup);
      const service = scheduler.addService(cluster, {
        name,
        taskDefinitionArn: stored.definition.taskDefinitionArn ?? '',
        desiredCount,
        loadBalancers,
        deploymentConfiguration: configuration,
        healthCheckGracePeriodSeconds: num(input.healthCheckGracePeriodSeconds),
      });
      return { service: serviceView(cluster, service, accountId) };
    },

    UpdateService(input: UpdateServiceRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const service = scheduler.service(cluster, str(input.service));
      const desiredCount = num(input.desiredCount);
      if (desiredCount !== undefined && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
        throw invalid('Desired count must be a non-negative integer.');
      }
      let taskDefinitionArn: string | undefined;
      const reference = str(input.taskDefinition);
      if (reference) {
        const stored = registry.resolve(reference);
        if (!stored) throw new AwsError('ClientException', 'TaskDefinition not found.');
        if (stored.definition.status !== 'ACTIVE') throw new AwsError('ClientException', 'TaskDefinition is inactive');
        taskDefinitionArn = stored.definition.taskDefinitionArn;
      }
      const grace = num(input.healthCheckGracePeriodSeconds);
      const configuration = obj(input.deploymentConfiguration) as DeploymentConfiguration | undefined;
      const controller = str(obj(input.deploymentController)?.type);
      if (controller !== undefined && controller !== 'ECS') {
        throw new AwsError('UnsupportedFeatureException', `The sandbox supports only the ECS deployment controller; got ${controller}.`);
      }
      const loadBalancers = input.loadBalancers === undefined ? undefined : list<LoadBalancer>(input.loadBalancers);
      // Checked against the configuration the service will have: UpdateService merges deploymentConfiguration.
      validateNativeConfiguration(
        { ...service.deploymentConfiguration, ...configuration },
        loadBalancers ?? service.loadBalancers,
        elbLookup,
      );
      scheduler.updateService(service, {
        ...(taskDefinitionArn ? { taskDefinitionArn } : {}),
        ...(desiredCount !== undefined ? { desiredCount } : {}),
        ...(bool(input.forceNewDeployment) ? { forceNewDeployment: true } : {}),
        ...(configuration ? { deploymentConfiguration: configuration } : {}),
        ...(grace !== undefined ? { healthCheckGracePeriodSeconds: grace } : {}),
        ...(loadBalancers ? { loadBalancers } : {}),
      });
      return { service: serviceView(cluster, service, accountId) };
    },

    ListTasks(input: ListTasksRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const serviceName = str(input.serviceName)?.split('/').pop();
      if (serviceName && !cluster.services.has(serviceName)) throw new AwsError('ServiceNotFoundException', 'Service not found.');
      const desiredStatus = str(input.desiredStatus) ?? 'RUNNING';
      const family = str(input.family);
      const startedBy = str(input.startedBy);
      const arns = [...cluster.tasks.values()]
        .filter((t) => t.desiredStatus === desiredStatus)
        .filter((t) => !serviceName || t.serviceName === serviceName)
        .filter((t) => !startedBy || t.deploymentId === startedBy)
        .filter((t) => !family || t.taskDefinitionArn.split('/').pop()?.split(':')[0] === family)
        .map((t) => t.arn);
      const { page, nextToken } = paginate(arns, num(input.maxResults), str(input.nextToken), 100);
      return { taskArns: page, nextToken };
    },

    DescribeTasks(input: DescribeTasksRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const refs = list<string>(input.tasks);
      checkCount(refs, 100, 'Tasks cannot be empty.', 'Tasks can have at most 100 items.');
      const { found, failures } = describeEach(
        refs,
        (ref) => cluster.tasks.get(lastPart(ref)),
        taskView,
        fullArn(cluster.arn.replace(':cluster/', ':task/')),
      );
      return { tasks: found, failures };
    },

    StopTask(input: StopTaskRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      return { task: taskView(scheduler.stopTask(cluster, str(input.task), str(input.reason))) };
    },

    ListServiceDeployments(input: ListServiceDeploymentsRequest) {
      const cluster = scheduler.cluster(str(input.cluster));
      const service = scheduler.service(cluster, str(input.service));
      const statuses = list<string>(input.status);
      // A circuit-breaker rollback belongs to the deployment it rolls back, as in the ECS API.
      const deployments = [...service.history]
        .reverse()
        .filter((d) => !d.rollbackOf)
        .filter((d) => statuses.length === 0 || statuses.includes(d.outcome));
      const { page, nextToken } = paginate(deployments, num(input.maxResults), str(input.nextToken), 20);
      return { serviceDeployments: page.map((d) => serviceDeploymentBrief(service, d)), nextToken };
    },

    DescribeServiceDeployments(input: DescribeServiceDeploymentsRequest) {
      const arns = list<string>(input.serviceDeploymentArns);
      checkCount(arns, 20, 'serviceDeploymentArns cannot be empty.', 'serviceDeploymentArns can have at most 20 items.');
      const { found, failures } = describeEach(
        arns,
        (arn) => scheduler.findServiceDeployment(arn),
        ({ service, deployment }) => {
          const threshold = circuitBreakerThreshold(service.desiredCount, scheduler.timings.circuitBreakerThreshold);
          return serviceDeploymentView(service, deployment, threshold, scheduler.native.view(service, deployment, threshold));
        },
      );
      return { serviceDeployments: found, failures };
    },

    /** The revision's task definition and where it runs: what a client needs to tell revisions apart. */
    DescribeServiceRevisions(input: { serviceRevisionArns?: string[] }) {
      const arns = list<string>(input.serviceRevisionArns);
      checkCount(arns, 20, 'serviceRevisionArns cannot be empty.', 'serviceRevisionArns can have at most 20 items.');
      const { found, failures } = describeEach(
        arns,
        (arn) => scheduler.findServiceRevision(arn),
        ({ service, deployment }, arn) => ({
          serviceRevisionArn: arn,
          serviceArn: service.arn,
          clusterArn: service.clusterArn,
          taskDefinition: deployment.taskDefinitionArn,
          createdAt: deployment.createdAt,
        }),
      );
      return { serviceRevisions: found, failures };
    },

    ContinueServiceDeployment(input: ContinueServiceDeploymentRequest) {
      const hookId = str(input.hookId);
      if (!hookId) throw invalid('hookId is required.');
      const action = str(input.action) ?? 'CONTINUE';
      if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalid(`action must be CONTINUE or ROLLBACK; got ${action}.`);
      const { service, deployment } = serviceDeployment(str(input.serviceDeploymentArn));
      scheduler.native.continueHook(service, deployment, hookId, action);
      return { serviceDeploymentArn: deployment.serviceDeploymentArn };
    },

    StopServiceDeployment(input: StopServiceDeploymentRequest) {
      // The enum has ABORT, but the API reference says the valid value is ROLLBACK.
      const stopType = str(input.stopType) ?? 'ROLLBACK';
      if (stopType !== 'ROLLBACK') throw invalid(`stopType ${stopType} is not supported; the valid value is ROLLBACK.`);
      const { service, deployment } = serviceDeployment(str(input.serviceDeploymentArn));
      scheduler.stopServiceDeployment(service, deployment);
      return { serviceDeploymentArn: deployment.serviceDeploymentArn };
    },
  };
}
