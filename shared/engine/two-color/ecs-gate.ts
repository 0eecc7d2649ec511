import type { Fleet, Gate, GateResult } from '../ports.ts';

/**
 * The new color's own ECS deployment as a gate: a crash loop or a circuit-breaker rollback
 * during a step fails it even when no alarm or metric has noticed yet.
 */
export class EcsDeploymentGate implements Gate {
  readonly name = 'ECS deployment';

  private readonly fleet: Fleet;
  private readonly service: string;
  private readonly deploymentId: string;
  private readonly failedTasksBefore: number;

  constructor(fleet: Fleet, service: string, deploymentId: string, failedTasksBefore: number) {
    this.fleet = fleet;
    this.service = service;
    this.deploymentId = deploymentId;
    this.failedTasksBefore = failedTasksBefore;
  }

  async evaluate(): Promise<GateResult[]> {
    const state = (await this.fleet.describeServices([this.service])).get(this.service)!;
    const deployment = state.deployments.find((d) => d.id === this.deploymentId);
    const result = (verdict: GateResult['verdict'], observed: string): GateResult[] => [
      { gate: this.name, verdict, observed, threshold: 'PRIMARY, no failed tasks, running = desired' },
    ];
    if (!deployment || deployment.status !== 'PRIMARY')
      return result('fail', `${this.deploymentId} is no longer the PRIMARY deployment of ${this.service}`);
    if (deployment.rolloutState === 'FAILED')
      return result('fail', `rollout FAILED: ${deployment.rolloutStateReason ?? 'no reason given'}`);
    const failed = deployment.failedTasks - this.failedTasksBefore;
    if (failed > 0) return result('fail', `${failed} task(s) failed during the step`);
    const counts = `${deployment.runningCount}/${deployment.desiredCount} running`;
    return result(deployment.runningCount < deployment.desiredCount ? 'inconclusive' : 'pass', counts);
  }
}
