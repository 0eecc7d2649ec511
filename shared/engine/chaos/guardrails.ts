import { DeployError } from '../../errors.ts';
import type { Random } from './ports.ts';

/** `arn:aws:ecs:…:cluster/name` or `name` → `name`, so either form matches either form. */
export const clusterName = (cluster: string): string => cluster.slice(cluster.lastIndexOf('/') + 1);

/** A guardrail stopped the experiment before any fault was injected. */
export class Refusal extends DeployError {
  constructor(what: string, details: { why?: string[] | string; fix?: string } = {}) {
    super(what, details);
    this.name = 'Refusal';
  }
}

const isArn = (text: string): boolean => text.startsWith('arn:');

/** The cluster of a service ARN (`…:service/<cluster>/<name>`), or undefined for the old format without it. */
export function clusterArnOf(serviceArn: string): string | undefined {
  const match = /^(arn:[^:]+:ecs:[^:]*:\d{12}:)service\/([^/]+)\/[^/]+$/.exec(serviceArn);
  return match ? `${match[1]}cluster/${match[2]}` : undefined;
}

/**
 * An ARN in allowed-clusters admits only that cluster (partition, region and account); a name
 * admits the cluster of that name in the run's own account, so a cluster given as an ARN needs
 * its ARN listed. `knownArn` is the cluster's ARN once read from AWS (the service's ARN says it).
 */
export function refuseUnlessAllowed(cluster: string, allowed: string[], knownArn?: string): void {
  const arn = isArn(cluster) ? cluster : knownArn;
  const admitted = allowed.some((entry) =>
    isArn(entry) ? (arn ? entry === arn : clusterName(entry) === cluster) : !isArn(cluster) && entry === cluster,
  );
  if (!admitted) {
    throw new Refusal(`Chaos refused: cluster ${arn ?? clusterName(cluster)} is not in allowed-clusters`, {
      why: `allowed-clusters: ${allowed.join(', ') || '(none)'}`,
      fix: 'Add the cluster (its full ARN when cluster is given as an ARN) to allowed-clusters only if faults may be injected there.',
    });
  }
}

export type Amount = { count: number } | { percent: number };

/**
 * How many of `population` the experiment touches: a count, or a percentage rounded up (so
 * 10 % of 3 tasks is 1, not 0). Refused when it is 0 or above max-percent of the population.
 */
export function victimCount(amount: Amount, population: number, maxPercent: number, what: string): number {
  const wanted = 'count' in amount ? amount.count : Math.ceil((amount.percent / 100) * population);
  if (population === 0 || wanted < 1) {
    throw new Refusal(`Chaos refused: nothing to touch (${wanted} of ${population} ${what})`, {
      fix: 'Run the experiment against a service with running tasks, and a count or percent of at least one.',
    });
  }
  const limit = Math.floor((maxPercent / 100) * population);
  if (wanted > limit) {
    throw new Refusal(
      `Chaos refused: ${wanted} of ${population} ${what} is ${percentOf(wanted, population)} %, above max-percent ${maxPercent} %`,
      {
        fix: `Lower count/percent (at most ${limit} of ${population} now), or raise max-percent if the service is meant to survive that.`,
      },
    );
  }
  return wanted;
}

export const percentOf = (part: number, whole: number): number => Math.round((part / whole) * 1000) / 10;

/** `count` distinct items chosen uniformly (a partial Fisher–Yates shuffle). */
export function pickRandom<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
