import type { ClusterRecord, ServiceRecord } from './ecs/model.ts';
import type { EcsScheduler } from './ecs/scheduler.ts';
import type { TaskDefinitionRegistry } from './ecs/task-definitions.ts';
import { weightedForward } from './elb/actions.ts';
import type { ElbState, ListenerState, LoadBalancerState, TargetGroupState } from './elb/state.ts';

/** One more two-colour app for scale runs: its own services, target groups, listener and family. */
export interface ScaleApp {
  /** `app2`, `app3`, … (the default world's app is the first of `Sandbox.apps`). */
  name: string;
  family: string;
  initialTaskDefinitionArn: string;
  services: { blue: ServiceRecord; green: ServiceRecord };
  targetGroups: { blue: TargetGroupState; green: TargetGroupState };
  loadBalancer: LoadBalancerState;
  listener: ListenerState;
}

/** ALB quota: 50 listeners per load balancer, so every 50 apps get a new `apps-alb-<n>`. */
const LISTENERS_PER_ALB = 50;

/**
 * Apps 2..count, each like the default world's two-colour app: services `<app>-blue` and
 * `<app>-green` (2 tasks each, revision `<app>:1` of the same image), target groups
 * `<app>-blue`/`<app>-green`, and a production listener forwarding 100/0 to them.
 */
export async function seedScaleApps(deps: {
  count: number;
  region: string;
  accountId: string;
  elb: ElbState;
  registry: TaskDefinitionRegistry;
  scheduler: EcsScheduler;
  cluster: ClusterRecord;
  image: string;
  containerName: string;
  containerPort: number;
  startListener: (listener: ListenerState, label: string, port: number) => Promise<number>;
}): Promise<ScaleApp[]> {
  const { elb, registry, scheduler, cluster, containerName, containerPort } = deps;
  const exists = (arn: string): boolean => elb.targetGroups.has(arn);
  const apps: ScaleApp[] = [];
  let loadBalancer: LoadBalancerState | undefined;
  for (let index = 2; index <= deps.count; index++) {
    const name = `app${index}`;
    if ((index - 2) % LISTENERS_PER_ALB === 0) {
      loadBalancer = elb.createLoadBalancer(`apps-alb-${Math.floor((index - 2) / LISTENERS_PER_ALB) + 1}`, deps.region);
    }
    const initial = registry.register({
      family: name,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${deps.accountId}:role/ecsTaskExecutionRole`,
      containerDefinitions: [
        {
          name: containerName,
          image: deps.image,
          essential: true,
          portMappings: [{ containerPort, protocol: 'tcp' }],
          environment: [{ name: 'VERSION', value: 'v1' }],
        },
      ],
    }).definition;
    const blueTg = elb.createTargetGroup(`${name}-blue`, containerPort);
    const greenTg = elb.createTargetGroup(`${name}-green`, containerPort);
    const listener = elb.createListener(
      loadBalancer!,
      0,
      weightedForward(
        [
          [blueTg, 100],
          [greenTg, 0],
        ],
        exists,
      ),
    );
    listener.port = await deps.startListener(listener, name, 0);
    const service = (color: 'blue' | 'green', tg: TargetGroupState): ServiceRecord =>
      scheduler.createService(cluster, {
        name: `${name}-${color}`,
        taskDefinitionArn: initial.taskDefinitionArn ?? '',
        desiredCount: 2,
        targetGroupArn: tg.arn,
        containerName,
        containerPort,
        circuitBreaker: { enable: true, rollback: true },
      });
    apps.push({
      name,
      family: name,
      initialTaskDefinitionArn: initial.taskDefinitionArn ?? '',
      services: { blue: service('blue', blueTg), green: service('green', greenTg) },
      targetGroups: { blue: blueTg, green: greenTg },
      loadBalancer: loadBalancer!,
      listener,
    });
  }
  return apps;
}
