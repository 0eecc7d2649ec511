/**
 * Per-account API rate limits at AWS's published defaults, as token buckets: a bucket holds
 * `burst` tokens, refills at `sustained` tokens a second, and every request takes one; an empty
 * bucket answers with the service's throttling error. Sources (2026):
 *  - ECS: "Request throttling for the Amazon ECS API" (bucket capacity and refill per action category).
 *  - ELBv2: "Request throttling for the ELB API": a bucket per category, and an account-level
 *    bucket (40, 10/s) that every ELB action also draws from.
 *  - CloudWatch: "CloudWatch service quotas": transactions per second per operation (a
 *    one-second bucket: capacity = refill = the TPS quota).
 * Other services (STS, ECR, Logs) are not limited here.
 */
import { AwsError } from './errors.ts';

export interface BucketLimit {
  /** Bucket capacity: requests allowed in one second from a full bucket. */
  burst: number;
  /** Refill, in tokens per second. */
  sustained: number;
}

interface Category extends BucketLimit {
  name: string;
  operations: string[];
}

const category = (name: string, burst: number, sustained: number, operations: string[]): Category => ({
  name,
  burst,
  sustained,
  operations,
});

const ECS: Category[] = [
  category('cluster-modify', 20, 1, [
    'CreateCluster',
    'DeleteCluster',
    'PutClusterCapacityProviders',
    'UpdateCluster',
    'UpdateClusterSettings',
  ]),
  category('cluster-read', 50, 20, ['DescribeClusters', 'ListClusters']),
  category('task-definition-modify', 20, 1, ['DeregisterTaskDefinition', 'RegisterTaskDefinition']),
  category('task-definition-read', 50, 20, ['DescribeTaskDefinition', 'ListTaskDefinitions', 'ListTaskDefinitionFamilies']),
  category('capacity-provider-read', 50, 20, ['DescribeCapacityProviders']),
  category('cluster-resource-modify', 100, 40, ['RunTask', 'StartTask', 'StopTask']),
  category('cluster-resource-read', 100, 20, ['DescribeContainerInstances', 'DescribeTasks', 'ListContainerInstances', 'ListTasks']),
  category('service-modify', 50, 5, ['CreateService', 'DeleteService', 'UpdateService']),
  category('service-read', 100, 20, ['DescribeServices', 'ListServices']),
  category('service-deployment', 50, 20, ['DescribeServiceDeployments', 'ListServiceDeployments']),
  // ContinueServiceDeployment and StopServiceDeployment are not in AWS's table; they modify a
  // service deployment, so they share the service-modify rates (their own bucket).
  category('service-deployment-modify', 50, 5, ['ContinueServiceDeployment', 'StopServiceDeployment']),
];

const ELBV2: Category[] = [
  category('resource-intensive', 10, 0.2, ['CreateLoadBalancer', 'SetSubnets']),
  category('registration', 20, 4, ['RegisterTargets', 'DeregisterTargets']),
  category('non-mutating', 40, 10, [
    'DescribeAccountLimits',
    'DescribeListenerAttributes',
    'DescribeListenerCertificates',
    'DescribeListeners',
    'DescribeLoadBalancerAttributes',
    'DescribeLoadBalancers',
    'DescribeRules',
    'DescribeSSLPolicies',
    'DescribeTags',
    'DescribeTargetGroupAttributes',
    'DescribeTargetGroups',
    'DescribeTargetHealth',
  ]),
  category('mutating', 20, 3, [
    'AddListenerCertificates',
    'AddTags',
    'CreateListener',
    'CreateRule',
    'CreateTargetGroup',
    'DeleteListener',
    'DeleteLoadBalancer',
    'DeleteRule',
    'DeleteTargetGroup',
    'ModifyListener',
    'ModifyListenerAttributes',
    'ModifyLoadBalancerAttributes',
    'ModifyRule',
    'ModifyTargetGroup',
    'ModifyTargetGroupAttributes',
    'RemoveListenerCertificates',
    'RemoveTags',
    'SetIpAddressType',
    'SetRulePriorities',
    'SetSecurityGroups',
  ]),
];
/** Every ELB action also takes a token from this one. */
const ELB_ACCOUNT: BucketLimit = { burst: 40, sustained: 10 };

const tps = (name: string, rate: number): Category => category(name, rate, rate, [name]);
const CLOUDWATCH: Category[] = [
  tps('GetMetricData', 50),
  tps('GetMetricStatistics', 400),
  tps('PutMetricData', 500),
  tps('ListMetrics', 25),
  tps('DescribeAlarms', 9),
  tps('PutMetricAlarm', 3),
  tps('DeleteAlarms', 3),
  tps('DescribeAlarmHistory', 3),
  tps('DisableAlarmActions', 3),
  tps('EnableAlarmActions', 3),
  tps('SetAlarmState', 3),
];

/** The published defaults, by sandbox service id. */
export const AWS_RATE_LIMITS: Record<string, { categories: Category[]; account?: BucketLimit }> = {
  ecs: { categories: ECS },
  elbv2: { categories: ELBV2, account: ELB_ACCOUNT },
  cloudwatch: { categories: CLOUDWATCH },
};

/** A token bucket refilled continuously from the clock it is given. */
export class TokenBucket {
  readonly #limit: BucketLimit;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(limit: BucketLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
    this.#tokens = limit.burst;
    this.#at = now();
  }

  get tokens(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Takes one token if there is a whole one. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Gives back a token taken by a request that another bucket refused. */
  giveBack(): void {
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + 1);
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + ((now - this.#at) / 1000) * this.#limit.sustained);
    this.#at = now;
  }
}

/** The error each service answers when a bucket is empty, in its own protocol's words. */
function throttlingError(service: string): AwsError {
  // ELBv2 (awsQuery): <Code>Throttling</Code>. CloudWatch (JSON, Query-compatible): the
  // x-amzn-query-error header says Throttling;Sender. ECS (JSON): __type ThrottlingException.
  if (service === 'elbv2') return new AwsError('Throttling', 'Rate exceeded');
  if (service === 'cloudwatch') return new AwsError('ThrottlingException', 'Rate exceeded', { queryCode: 'Throttling' });
  return new AwsError('ThrottlingException', 'Rate exceeded');
}

export interface RateLimiter {
  /** Throws the service's throttling error when the request's bucket (or the account bucket) is empty. */
  admit(service: string, operation: string): void;
  /** Requests refused so far, by `service:Operation`. */
  throttled(): Record<string, number>;
}

export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { bucket: TokenBucket; account: TokenBucket | undefined }>();
  const accounts = new Map<string, TokenBucket>();
  const refused: Record<string, number> = {};
  for (const [service, limits] of Object.entries(AWS_RATE_LIMITS)) {
    const account = limits.account && new TokenBucket(limits.account, now);
    if (account) accounts.set(service, account);
    for (const c of limits.categories) {
      // One bucket per category, shared by its operations.
      const bucket = new TokenBucket(c, now);
      for (const operation of c.operations) buckets.set(`${service}:${operation}`, { bucket, account });
    }
  }
  return {
    admit(service, operation) {
      const key = `${service}:${operation}`;
      const entry = buckets.get(key);
      const account = entry?.account ?? accounts.get(service);
      if (!entry && !account) return;
      const fromCategory = entry ? entry.bucket.take() : true;
      const fromAccount = fromCategory && (account ? account.take() : true);
      if (fromCategory && fromAccount) return;
      if (fromCategory) entry?.bucket.giveBack();
      refused[key] = (refused[key] ?? 0) + 1;
      throw throttlingError(service);
    },
    throttled: () => ({ ...refused }),
  };
}
