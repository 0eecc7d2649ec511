/**
 * The calls a chaos experiment needs beyond the deployment ports: the running tasks of a
 * service, stopping one, and taking targets out of (and back into) a target group.
 */

export interface TaskControl {
  /** ARNs of the service's tasks whose desired status is RUNNING. */
  runningTasks(service: string): Promise<string[]>;
  /** Stops one task; `reason` shows in the ECS console and in the service events. */
  stopTask(taskArn: string, reason: string): Promise<void>;
}

/** One registered target as DescribeTargetHealth reports it. */
export interface Target {
  id: string;
  port: number | undefined;
  availabilityZone: string | undefined;
  /** healthy, unhealthy, initial, draining, unused, unavailable. */
  state: string;
  reason: string | undefined;
}

/** What RegisterTargets needs to put a target back exactly as it was. */
export type TargetRef = Pick<Target, 'id' | 'port' | 'availabilityZone'>;

export interface TargetControl {
  targets(targetGroupArn: string): Promise<Target[]>;
  deregister(targetGroupArn: string, targets: TargetRef[]): Promise<void>;
  register(targetGroupArn: string, targets: TargetRef[]): Promise<void>;
}

/** CloudWatch alarm states by name (AlarmGate.states() implements it). */
export interface AlarmStates {
  states(): Promise<Map<string, { state: string; reason: string }>>;
}

/** A number in [0, 1); injected so tests choose the victims deterministically. */
export type Random = () => number;
