import { ECRClient } from '@aws-sdk/client-ecr';
import { STSClient } from '@aws-sdk/client-sts';
import { AlarmGate } from '../../shared/aws/alarm-gate.ts';
import { AlbRouter } from '../../shared/aws/alb-router.ts';
import { awsClients, clientConfig } from '../../shared/aws/clients.ts';
import { EcrRegistry } from '../../shared/aws/ecr-registry.ts';
import { EcsCapacity } from '../../shared/aws/ecs-capacity.ts';
import { EcsFleet } from '../../shared/aws/ecs-fleet.ts';
import { EcsServiceDeployments } from '../../shared/aws/ecs-service-deployments.ts';
import { EcsTaskDefinitions } from '../../shared/aws/ecs-task-definitions.ts';
import { ElbTargets } from '../../shared/aws/elb-targets.ts';
import { CloudWatchFargateUsage } from '../../shared/aws/fargate-usage.ts';
import { StsIdentity } from '../../shared/aws/sts-identity.ts';
import type { PreflightPorts } from '../../shared/engine/preflight/ports.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import type { PreflightInputs } from './inputs.ts';

/** The only place preflight builds adapters. Clients are cheap to build; only the checks that run call AWS. */
export function wire(inputs: PreflightInputs, context: RunContext): PreflightPorts {
  const settings = { region: inputs.region, maxRetries: inputs.maxRetries };
  const clients = awsClients(settings);
  const cluster = inputs.cluster ?? 'default';
  return {
    identity: new StsIdentity(new STSClient(clientConfig(settings))),
    registry: new EcrRegistry((region) => new ECRClient(clientConfig({ ...settings, region }))),
    taskDefinitions: new EcsTaskDefinitions(clients.ecs),
    capacity: new EcsCapacity(clients.ecs, cluster),
    fargate: new CloudWatchFargateUsage(clients.cloudwatch, context.clock),
    alarms: new AlarmGate(clients.cloudwatch, inputs.plan.alarms ?? []),
    fleet: new EcsFleet(clients.ecs, cluster),
    targets: new ElbTargets(clients.elb),
    router: inputs.router ? new AlbRouter(clients.elb, inputs.router) : undefined,
    native: inputs.plan.scope?.kind === 'single' ? new EcsServiceDeployments(clients.ecs, clients.elb, cluster) : undefined,
    clock: context.clock,
    log: context.log,
  };
}
