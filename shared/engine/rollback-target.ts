/**
 * Which task definition a rollback returns to. Pure decisions over what ECS reports (plus the
 * deployment record for `last-successful`), so both rollback modes agree and stay idempotent.
 */
import { DeployError } from '../errors.ts';
import { COLORS, otherColor, type Color, type Fleet, type ServiceState } from './ports.ts';
import type { DeploymentRecord, RecordScope } from './record.ts';
import type { Topology } from './topology.ts';

export type RollbackTarget =
  { kind: 'previous' } | { kind: 'last-successful'; environment: string } | { kind: 'task-definition'; reference: string };

export interface TargetSources {
  fleet: Pick<Fleet, 'resolveTaskDefinition'>;
  record?: Pick<DeploymentRecord, 'lastSuccessful'>;
  /** Whose entries `last-successful` may trust; undefined when the services' ARNs name no account. */
  scope?: RecordScope;
}

/** `to: last-successful` or an explicit revision → its ARN; `previous` is decided per mode. */
export async function resolveNamedTarget(target: Exclude<RollbackTarget, { kind: 'previous' }>, sources: TargetSources): Promise<string> {
  if (target.kind === 'task-definition') return sources.fleet.resolveTaskDefinition(target.reference);
  if (!sources.record) {
    throw new DeployError('`to: last-successful` needs the deployment record, which is not available', {
      fix: 'Set `environment` (and keep `github-token`), or name the task definition in `to`.',
    });
  }
  const scope = sources.scope;
  if (!scope) throw new DeployError('`to: last-successful` could not tell the account and region of the services from their ARNs');
  const arn = await sources.record.lastSuccessful(target.environment, scope);
  if (!arn) {
    throw new DeployError(`The deployment record of environment "${target.environment}" has no successful deployment of these services`, {
      why: `only entries of cluster ${scope.cluster}, services ${scope.services.join(', ')}, account ${scope.account}, region ${scope.region} count`,
      fix: 'Name the task definition in `to` (e.g. `my-app:41` or its ARN).',
    });
  }
  return arn;
}

/**
 * The version a service stands for: its PRIMARY deployment's task definition, except that a
 * FAILED rollout stands for the version it failed to replace (still listed by ECS), since the
 * failed one never ran.
 */
export function versionOf(service: ServiceState): string {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (primary?.rolloutState !== 'FAILED') return primary?.taskDefinition ?? service.taskDefinition;
  const replaced = service.deployments.find((d) => d.status !== 'PRIMARY' && d.rolloutState !== 'FAILED');
  return replaced?.taskDefinition ?? primary.taskDefinition;
}

/** The deployment a single service is replacing (in progress or failed), if ECS still lists it. */
export function replacedVersion(service: ServiceState): string | undefined {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary || primary.rolloutState === 'COMPLETED') return undefined;
  return service.deployments.find((d) => d.status !== 'PRIMARY' && d.rolloutState !== 'FAILED')?.taskDefinition;
}

const REVISION = /task-definition\/([^:]+):(\d+)$/;

/**
 * `to: previous` for two colors: the older of the versions the two colors stand for, i.e. the
 * lower revision of the same family (the deployment created first when the families differ).
 * "Older" rather than "the idle one" keeps a second run idempotent: once the older version is
 * live, it is still the older one, even after a rollback redeployed it to the other color.
 */
export function previousOfColors(topology: Topology): { arn: string; color: Color } {
  const version = { blue: versionOf(topology.services.blue), green: versionOf(topology.services.green) };
  const older = olderColor(topology, version);
  return { arn: version[older], color: older };
}

function olderColor(topology: Topology, version: Record<Color, string>): Color {
  const idle = idleColor(topology);
  if (version.blue === version.green) return topology.liveColor ?? otherColor(idle);
  const [blue, green] = [REVISION.exec(version.blue), REVISION.exec(version.green)];
  if (blue && green && blue[1] === green[1]) return Number(blue[2]) < Number(green[2]) ? 'blue' : 'green';
  const created = (color: Color) =>
    topology.services[color].deployments.find((d) => d.status === 'PRIMARY')?.createdAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const [b, g] = [created('blue'), created('green')];
  if (b === g) return idle;
  return b < g ? 'blue' : 'green';
}

/** The color with less traffic (green on a tie, as takeover keeps blue). */
export function idleColor(topology: Topology): Color {
  if (topology.liveColor) return otherColor(topology.liveColor);
  return topology.weights.blue >= topology.weights.green ? 'green' : 'blue';
}

export const colorsByTraffic = (topology: Topology): Color[] => [...COLORS].sort((a, b) => topology.weights[b] - topology.weights[a]);
