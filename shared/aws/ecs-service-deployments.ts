import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type DeploymentLifecycleHook,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentStatus,
} from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  DeploymentBrief,
  DeploymentSettings,
  HookAction,
  LifecycleHook,
  NativeDeployment,
  NativeEcs,
  NativeService,
} from '../engine/native/ports.ts';
import { DeployError } from '../errors.ts';
import type { StoppedTask, TargetGroupWeights } from '../engine/ports.ts';
import { AlbRouter } from './alb-router.ts';
import { call } from './call.ts';
import { EcsFleet } from './ecs-fleet.ts';

/** DescribeServiceRevisions takes at most 20 ARNs; one at a time is all the engine needs. */
const LIST_PAGE = 20;

/**
 * The native engine's port on the AWS SDK: one ECS service with advancedConfiguration, its
 * service deployments, and the weights ECS writes on the production listener rule.
 */
export class EcsServiceDeployments implements NativeEcs {
  private readonly ecs: ECSClient;
  private readonly elb: ElasticLoadBalancingV2Client;
  private readonly cluster: string;
  private readonly fleet: EcsFleet;
  /** Service revision ARN → task definition (revisions never change). */
  private readonly revisions = new Map<string, string>();

  constructor(ecs: ECSClient, elb: ElasticLoadBalancingV2Client, cluster: string) {
    this.ecs = ecs;
    this.elb = elb;
    this.cluster = cluster;
    this.fleet = new EcsFleet(ecs, cluster);
  }

  async describeService(service: string): Promise<NativeService> {
    const out = await call('ecs:DescribeServices', () =>
      this.ecs.send(new DescribeServicesCommand({ cluster: this.cluster, services: [service] })),
    );
    const found = out.services?.find((s) => s.status === 'ACTIVE');
    if (!found)
      throw new DeployError(`ECS service ${service} not found or not ACTIVE in cluster ${this.cluster}`, {
        why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
        fix: 'Check the service name, the cluster and the region.',
      });
    return toNativeService(found);
  }

  ruleWeights(ruleArn: string): Promise<TargetGroupWeights> {
    return new AlbRouter(this.elb, ruleArn).readWeights();
  }

  registerTaskDefinition(document: Record<string, unknown>): Promise<string> {
    return this.fleet.registerTaskDefinition(document);
  }

  resolveTaskDefinition(reference: string): Promise<string> {
    return this.fleet.resolveTaskDefinition(reference);
  }

  async startDeployment(
    service: string,
    taskDefinition: string,
    configuration?: { base: string; settings: DeploymentSettings },
  ): Promise<string | undefined> {
    const deploymentConfiguration = configuration ? toSdkConfiguration(configuration.base, configuration.settings) : undefined;
    const out = await call('ecs:UpdateService', () =>
      this.ecs.send(new UpdateServiceCommand({ cluster: this.cluster, service, taskDefinition, deploymentConfiguration })),
    );
    return out.service?.currentServiceDeployment;
  }

  async listDeployments(service: string, statuses?: string[]): Promise<DeploymentBrief[]> {
    const out = await call('ecs:ListServiceDeployments', () =>
      this.ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: this.cluster,
          service,
          status: statuses as ServiceDeploymentStatus[] | undefined,
          maxResults: LIST_PAGE,
        }),
      ),
    );
    return (out.serviceDeployments ?? [])
      .map((b) => ({ arn: b.serviceDeploymentArn ?? '', status: b.status ?? '', createdAt: b.createdAt }))
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  async describeDeployment(arn: string): Promise<NativeDeployment> {
    const out = await call('ecs:DescribeServiceDeployments', () =>
      this.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })),
    );
    const found = out.serviceDeployments?.[0];
    if (!found)
      throw new DeployError(`Service deployment ${arn} not found`, {
        why: (out.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
        fix: 'ECS keeps service deployments for 90 days; check the ARN and the region.',
      });
    const revision = found.targetServiceRevision?.arn;
    return toNativeDeployment(found, revision ? await this.taskDefinitionOf(revision) : undefined);
  }

  async continueDeployment(arn: string, hookId: string, action: HookAction): Promise<void> {
    await call('ecs:ContinueServiceDeployment', () =>
      this.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action })),
    );
  }

  async rollbackDeployment(arn: string): Promise<void> {
    await call('ecs:StopServiceDeployment', () =>
      this.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
    );
  }

  async restoreConfiguration(service: string, snapshot: string): Promise<void> {
    const original = JSON.parse(snapshot) as DeploymentConfiguration;
    // Fields left out keep their current value: an added hook or strategy must be overwritten explicitly.
    const deploymentConfiguration: DeploymentConfiguration = {
      ...original,
      strategy: original.strategy ?? 'ROLLING',
      lifecycleHooks: original.lifecycleHooks ?? [],
    };
    await call('ecs:UpdateService', () =>
      this.ecs.send(new UpdateServiceCommand({ cluster: this.cluster, service, deploymentConfiguration })),
    );
  }

  stoppedTasks(service: string, limit: number): Promise<StoppedTask[]> {
    return this.fleet.stoppedTasks(service, limit);
  }

  private async taskDefinitionOf(revisionArn: string): Promise<string | undefined> {
    if (!this.revisions.has(revisionArn)) {
      const out = await call('ecs:DescribeServiceRevisions', () =>
        this.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] })),
      );
      const taskDefinition = out.serviceRevisions?.[0]?.taskDefinition;
      if (!taskDefinition) return undefined;
      this.revisions.set(revisionArn, taskDefinition);
    }
    return this.revisions.get(revisionArn);
  }
}

function toNativeService(service: Service): NativeService {
  const balancers = service.loadBalancers ?? [];
  const wired = balancers.find((lb) => lb.advancedConfiguration);
  const advanced = wired?.advancedConfiguration;
  const config = service.deploymentConfiguration ?? {};
  return {
    name: service.serviceName ?? '',
    arn: service.serviceArn ?? '',
    status: service.status ?? 'UNKNOWN',
    controller: service.deploymentController?.type ?? 'ECS',
    taskDefinition: service.taskDefinition ?? '',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    wiring: wired
      ? {
          targetGroupArn: wired.targetGroupArn ?? '',
          alternateTargetGroupArn: advanced?.alternateTargetGroupArn,
          productionListenerRule: advanced?.productionListenerRule,
          testListenerRule: advanced?.testListenerRule,
          roleArn: advanced?.roleArn,
        }
      : undefined,
    settings: toSettings(config),
    snapshot: JSON.stringify(config),
    events: (service.events ?? []).map((e) => ({ at: e.createdAt ?? new Date(0), message: e.message ?? '' })),
  };
}

export function toSettings(config: DeploymentConfiguration): DeploymentSettings {
  return {
    strategy: config.strategy ?? 'ROLLING',
    bakeTimeInMinutes: config.bakeTimeInMinutes,
    canary: config.canaryConfiguration
      ? { percent: config.canaryConfiguration.canaryPercent ?? 5, bakeMinutes: config.canaryConfiguration.canaryBakeTimeInMinutes ?? 10 }
      : undefined,
    linear: config.linearConfiguration
      ? { stepPercent: config.linearConfiguration.stepPercent ?? 10, bakeMinutes: config.linearConfiguration.stepBakeTimeInMinutes ?? 6 }
      : undefined,
    hooks: (config.lifecycleHooks ?? []).map((h) => ({
      targetType: h.targetType ?? '',
      stages: [...(h.lifecycleStages ?? [])],
      timeoutMinutes: h.timeoutConfiguration?.timeoutInMinutes,
      timeoutAction: h.timeoutConfiguration?.action,
      hookTargetArn: h.hookTargetArn,
      roleArn: h.roleArn,
    })),
  };
}

/** The settings laid over the team's configuration (alarms, circuit breaker, percentages kept). */
export function toSdkConfiguration(base: string, settings: DeploymentSettings): DeploymentConfiguration {
  const config: DeploymentConfiguration = {
    ...(JSON.parse(base) as DeploymentConfiguration),
    strategy: settings.strategy as DeploymentConfiguration['strategy'],
    lifecycleHooks: settings.hooks.map(toSdkHook),
  };
  if (settings.bakeTimeInMinutes !== undefined) config.bakeTimeInMinutes = settings.bakeTimeInMinutes;
  if (settings.canary)
    config.canaryConfiguration = { canaryPercent: settings.canary.percent, canaryBakeTimeInMinutes: settings.canary.bakeMinutes };
  if (settings.linear)
    config.linearConfiguration = { stepPercent: settings.linear.stepPercent, stepBakeTimeInMinutes: settings.linear.bakeMinutes };
  return config;
}

function toSdkHook(hook: LifecycleHook): DeploymentLifecycleHook {
  const sdk: DeploymentLifecycleHook = {
    targetType: hook.targetType as DeploymentLifecycleHook['targetType'],
    // Stages are strings: the SDK's enum lacks PRE_PRODUCTION_TRAFFIC_SHIFT.
    lifecycleStages: hook.stages as DeploymentLifecycleHook['lifecycleStages'],
  };
  if (hook.hookTargetArn) sdk.hookTargetArn = hook.hookTargetArn;
  if (hook.roleArn) sdk.roleArn = hook.roleArn;
  if (hook.timeoutMinutes !== undefined || hook.timeoutAction)
    sdk.timeoutConfiguration = { timeoutInMinutes: hook.timeoutMinutes, action: hook.timeoutAction };
  return sdk;
}

function toNativeDeployment(d: ServiceDeployment, taskDefinition: string | undefined): NativeDeployment {
  const target = d.targetServiceRevision;
  return {
    arn: d.serviceDeploymentArn ?? '',
    status: d.status ?? 'UNKNOWN',
    statusReason: d.statusReason,
    lifecycleStage: d.lifecycleStage as string | undefined,
    hooks: (d.lifecycleHookDetails ?? []).map((h) => ({
      hookId: h.hookId ?? '',
      targetType: h.targetType ?? '',
      status: h.status ?? '',
      expiresAt: h.expiresAt,
      timeoutAction: h.timeoutAction,
    })),
    taskDefinition,
    targetWeight: target?.requestedProductionTrafficWeight,
    targetRunning: target?.runningTaskCount ?? 0,
    targetRequested: target?.requestedTaskCount ?? 0,
    rollback: d.rollback ? { reason: d.rollback.reason, startedAt: d.rollback.startedAt } : undefined,
    circuitBreaker: d.deploymentCircuitBreaker
      ? {
          status: d.deploymentCircuitBreaker.status,
          failureCount: d.deploymentCircuitBreaker.failureCount ?? 0,
          threshold: d.deploymentCircuitBreaker.threshold ?? 0,
        }
      : undefined,
    alarms: d.alarms ? { status: d.alarms.status, triggered: d.alarms.triggeredAlarmNames ?? [] } : undefined,
    createdAt: d.createdAt,
  };
}
