import { COLORS, type Color, type Fleet, type ServiceState, type TrafficRouter } from '../ports.ts';
import { readTopology, type Topology } from '../topology.ts';
import type { TaskDefinitionRevision, TaskDefinitions } from './ports.ts';

/** Which services the checks look at: one service, or the two colors (with their listener when given). */
export type ServiceScope = { kind: 'single'; service: string } | { kind: 'two-color'; services: Record<Color, string> };

/** A service as the checks see it: its state and, for two colors behind a listener, its weight. */
export interface ServiceView {
  name: string;
  color: Color | undefined;
  /** Percent of traffic; undefined when no listener was given. */
  weight: number | undefined;
  state: ServiceState;
}

/**
 * Reads shared by several checks, each made once however many checks ask (checks run
 * concurrently, so the promise itself is what is kept).
 */
export class PreflightReads {
  readonly scope: ServiceScope | undefined;
  private readonly fleet: Fleet;
  private readonly router: TrafficRouter | undefined;
  private readonly source: TaskDefinitions;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    scope: ServiceScope | undefined,
    ports: { fleet: Fleet; router: TrafficRouter | undefined; taskDefinitions: TaskDefinitions },
  ) {
    this.scope = scope;
    this.fleet = ports.fleet;
    this.router = ports.router;
    this.source = ports.taskDefinitions;
  }

  get routed(): boolean {
    return this.scope?.kind === 'two-color' && this.router !== undefined;
  }

  /** The two colors with their weights; only with a listener. */
  topology(): Promise<Topology> {
    const { scope, router } = this;
    if (scope?.kind !== 'two-color' || !router) return Promise.reject(new Error('topology needs two colors and a listener'));
    return this.once('topology', () => readTopology(this.fleet, router, scope.services));
  }

  async services(): Promise<ServiceView[]> {
    const scope = this.scope;
    if (!scope) throw new Error('no service or blue-service/green-service was given');
    if (scope.kind === 'single') {
      const found = await this.once('services', () => this.fleet.describeServices([scope.service]));
      return [{ name: scope.service, color: undefined, weight: undefined, state: found.get(scope.service)! }];
    }
    if (this.routed) {
      const topology = await this.topology();
      return COLORS.map((color) => ({
        name: scope.services[color],
        color,
        weight: topology.weights[color],
        state: topology.services[color],
      }));
    }
    const found = await this.once('services', () => this.fleet.describeServices([scope.services.blue, scope.services.green]));
    return COLORS.map((color) => ({ name: scope.services[color], color, weight: undefined, state: found.get(scope.services[color])! }));
  }

  /** Task definitions, each revision described once. */
  get taskDefinitions(): TaskDefinitions {
    return {
      describe: (reference): Promise<TaskDefinitionRevision> => this.once(`taskdef:${reference}`, () => this.source.describe(reference)),
      activeRevisions: (family, limit) => this.source.activeRevisions(family, limit),
    };
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      this.memo.set(key, promise);
    }
    return promise;
  }
}

/** The live side: the single service, or the color with the larger weight (blue on a tie). */
export function liveAndIdle(views: ServiceView[]): { live: ServiceView; idle: ServiceView | undefined } {
  if (views.length === 1) return { live: views[0]!, idle: undefined };
  const [blue, green] = views as [ServiceView, ServiceView];
  return (green.weight ?? 0) > (blue.weight ?? 0) ? { live: green, idle: blue } : { live: blue, idle: green };
}

export const label = (view: ServiceView): string =>
  view.color ? `${view.name} (${view.color}${view.weight !== undefined ? ` ${view.weight}%` : ''})` : view.name;

export const revisionOf = (taskDefinitionArn: string): string => taskDefinitionArn.split('/').pop() ?? taskDefinitionArn;
