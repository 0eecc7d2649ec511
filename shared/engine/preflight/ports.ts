/**
 * The reads preflight needs beyond shared/engine/ports.ts. Each is a narrow question, implemented by a
 * shared/aws adapter and in tests by a fake; preflight never writes anything.
 */
import type { Fleet, TrafficRouter, Clock, Log } from '../ports.ts';
import type { NativeEcs } from '../native/ports.ts';
import type { RetryPolicy } from '../retry.ts';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** STS: who the workflow's credentials are. */
export interface Identity {
  whoAmI(): Promise<CallerIdentity>;
}

/** A private ECR image, split into what the ECR API asks for. */
export interface EcrImage {
  registryId: string;
  region: string;
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

export interface FoundImage {
  digest: string;
  tags: string[];
  pushedAt: Date | undefined;
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ScanFindings {
  /**
   * COMPLETE / ACTIVE (a finished basic or enhanced scan), IN_PROGRESS, PENDING, FAILED,
   * UNSUPPORTED_IMAGE, … as ECR reports it; NONE when the image was never scanned.
   */
  status: string;
  description: string | undefined;
  completedAt: Date | undefined;
  counts: Partial<Record<string, number>>;
  /** The most severe findings first, e.g. `CVE-2026-1234 (CRITICAL) in openssl`. */
  top: { name: string; severity: string; where: string | undefined }[];
}

/** ECR: does the image exist, and what did its scan find. */
export interface ImageRegistry {
  /** undefined when the repository has no such tag or digest. */
  findImage(image: EcrImage): Promise<FoundImage | undefined>;
  scanFindings(image: EcrImage, digest: string): Promise<ScanFindings>;
}

export interface TaskDefinitionRevision {
  arn: string;
  family: string;
  revision: number;
  /** ACTIVE, INACTIVE or DELETE_IN_PROGRESS. */
  status: string;
  /** The task definition as DescribeTaskDefinition returns it. */
  document: Record<string, unknown>;
}

export interface TaskDefinitions {
  describe(reference: string): Promise<TaskDefinitionRevision>;
  /** ARNs of the family's ACTIVE revisions, newest first (at most `limit`). */
  activeRevisions(family: string, limit: number): Promise<string[]>;
}

/** How a service places its tasks. */
export interface Placement {
  launchType: string | undefined;
  /** The service's capacity provider strategy, or the cluster's default one when it names none. */
  capacityProviders: string[];
}

export interface CapacityProviderInfo {
  name: string;
  /** FARGATE for FARGATE/FARGATE_SPOT, EC2 for an Auto Scaling group provider. */
  kind: 'FARGATE' | 'EC2';
  managedScaling: boolean;
  status: string;
}

export interface InstanceCapacity {
  id: string;
  capacityProvider: string | undefined;
  /** CPU units and MiB not yet reserved by tasks. */
  remainingCpu: number;
  remainingMemory: number;
}

/** ECS: where the cluster could place more tasks. */
export interface ClusterCapacity {
  placement(service: string): Promise<Placement>;
  capacityProviders(names: string[]): Promise<CapacityProviderInfo[]>;
  /** ACTIVE container instances with what they have left. */
  containerInstances(): Promise<InstanceCapacity[]>;
}

/** The account's Fargate On-Demand vCPU use against its quota; undefined when not published. */
export interface FargateUsage {
  vcpu(): Promise<{ used: number; quota: number } | undefined>;
}

/** CloudWatch alarm states by name (AlarmGate.states()). */
export interface AlarmStates {
  states(): Promise<Map<string, { state: string; reason: string }>>;
}

export interface PreflightPorts {
  identity: Identity;
  registry: ImageRegistry;
  taskDefinitions: TaskDefinitions;
  capacity: ClusterCapacity;
  fargate: FargateUsage;
  alarms: AlarmStates;
  fleet: Fleet;
  /** Target health only: a single service needs no listener. */
  targets: Pick<TrafficRouter, 'targetHealth'>;
  /** The listener or rule holding the two colors' weights, when one was given. */
  router: TrafficRouter | undefined;
  /** One service (`service`): its native deployments and production rule. */
  native?: NativeEcs;
  clock: Clock;
  log: Log;
  retry?: RetryPolicy;
}
