import type { ContainerDefinition, KeyValuePair, PortMapping, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.ts';
import { list, obj, str } from '../params.ts';

export interface StoredTaskDefinition {
  definition: TaskDefinition;
  tags: Tag[];
}

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;
// Fields of RegisterTaskDefinition that come back unchanged in DescribeTaskDefinition.
const PASS_THROUGH = [
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

function client(message: string): AwsError {
  return new AwsError('ClientException', message);
}

/** Fills the defaults ECS adds to container definitions at registration. */
function normalizeContainer(raw: unknown): ContainerDefinition {
  const c = obj(raw);
  if (!c) throw client('Container definition must be an object.');
  const name = str(c.name);
  const image = str(c.image);
  if (!name) throw client('Container.name should not be null or empty.');
  if (!image) throw client('Container.image should not be null or empty.');
  const portMappings = list<PortMapping>(c.portMappings).map((p) => ({
    ...p,
    hostPort: p.hostPort ?? p.containerPort,
    protocol: p.protocol ?? 'tcp',
  }));
  return {
    ...(c as ContainerDefinition),
    name,
    image,
    cpu: typeof c.cpu === 'number' ? c.cpu : 0,
    portMappings,
    essential: c.essential === undefined ? true : c.essential === true,
    environment: list<KeyValuePair>(c.environment),
    mountPoints: list(c.mountPoints),
    volumesFrom: list(c.volumesFrom),
    systemControls: list(c.systemControls),
  };
}

/** Task definition families and revisions, resolvable by family, family:revision or ARN. */
export class TaskDefinitionRegistry {
  readonly #families = new Map<string, StoredTaskDefinition[]>();
  readonly #arnPrefix: string;
  readonly #registeredBy: string;

  constructor(region: string, accountId: string) {
    this.#arnPrefix = `arn:aws:ecs:${region}:${accountId}:task-definition/`;
    this.#registeredBy = `arn:aws:iam::${accountId}:user/sandbox`;
  }

  register(input: Record<string, unknown>): StoredTaskDefinition {
    const family = str(input.family);
    if (!family || !FAMILY.test(family)) {
      throw client('Family contains invalid characters or is longer than 255 characters.');
    }
    const containers = list(input.containerDefinitions).map(normalizeContainer);
    if (containers.length === 0) throw client('TaskDefinition must contain at least one container definition.');
    if (!containers.some((c) => c.essential)) throw client('A task definition must have at least one essential container.');
    const revisions = this.#families.get(family) ?? [];
    const revision = revisions.length + 1;
    const requires = list<string>(input.requiresCompatibilities);
    const definition: TaskDefinition = {
      taskDefinitionArn: `${this.#arnPrefix}${family}:${revision}`,
      containerDefinitions: containers,
      family,
      revision,
      volumes: [],
      status: 'ACTIVE',
      placementConstraints: [],
      compatibilities: requires.includes('FARGATE') ? ['EC2', 'FARGATE'] : ['EC2'],
      registeredAt: new Date(),
      registeredBy: this.#registeredBy,
    };
    const extra = definition as Record<string, unknown>;
    for (const key of PASS_THROUGH) {
      if (input[key] !== undefined) extra[key] = input[key];
    }
    const stored: StoredTaskDefinition = { definition, tags: list<Tag>(input.tags) };
    revisions.push(stored);
    this.#families.set(family, revisions);
    return stored;
  }

  /** `family` (latest ACTIVE revision), `family:revision` or a full ARN. */
  resolve(reference: string): StoredTaskDefinition | undefined {
    const ref = reference.startsWith(this.#arnPrefix)
      ? reference.slice(this.#arnPrefix.length)
      : reference.replace(/^arn:aws:ecs:[^:]+:\d+:task-definition\//, '');
    const [family, revisionText] = ref.split(':');
    const revisions = family ? this.#families.get(family) : undefined;
    if (!revisions) return undefined;
    if (revisionText === undefined) {
      return [...revisions].reverse().find((r) => r.definition.status === 'ACTIVE');
    }
    return revisions[Number(revisionText) - 1];
  }

  require(reference: string | undefined): StoredTaskDefinition {
    const found = reference ? this.resolve(reference) : undefined;
    if (!found) throw client('Unable to describe task definition.');
    return found;
  }

  list(options: { familyPrefix?: string; status?: string; descending?: boolean }): string[] {
    const status = options.status ?? 'ACTIVE';
    const arns: string[] = [];
    const families = [...this.#families.keys()].sort();
    for (const family of families) {
      if (options.familyPrefix && !family.startsWith(options.familyPrefix)) continue;
      for (const stored of this.#families.get(family) ?? []) {
        if (stored.definition.status === status && stored.definition.taskDefinitionArn) arns.push(stored.definition.taskDefinitionArn);
      }
    }
    return options.descending ? arns.reverse() : arns;
  }

  families(): string[] {
    return [...this.#families.keys()];
  }

  deregister(reference: string | undefined): StoredTaskDefinition {
    if (!reference || !reference.includes(':')) {
      throw client('Invalid revision number. Number: ' + (reference?.split(':')[1] ?? 'null'));
    }
    const stored = this.require(reference);
    stored.definition.status = 'INACTIVE';
    stored.definition.deregisteredAt = new Date();
    return stored;
  }
}
