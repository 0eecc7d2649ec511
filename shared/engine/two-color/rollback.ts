import { formatDuration } from '../../duration.ts';
import { asDeployError, CancelledError, DeployError } from '../../errors.ts';
import { healthyFor } from '../deploy.ts';
import type { Color, Gate, GateTargets } from '../ports.ts';
import { recordScope, type DeploymentRecord } from '../record.ts';
import { colorsByTraffic, idleColor, previousOfColors, resolveNamedTarget, type RollbackTarget } from '../rollback-target.ts';
import { formatWeights, readTopology, toTargetGroupWeights, weightsFor, type Topology } from '../topology.ts';
import { evidence } from './bake.ts';
import type { EnginePorts } from './ports.ts';
import { Recorder } from './report.ts';
import { runPorts, type RunOutcome, type TwoColorRun } from './run-context.ts';
import { bakeStep, deployToIdle, runsReady } from './stages.ts';
import { markUnfinishedStep } from './step-verdict.ts';
import { shiftTraffic } from './traffic.ts';

export interface RollbackPlan {
  cluster: string;
  services: Record<Color, string>;
  to: RollbackTarget;
  reason?: string;
  pollMs: number;
  waitTimeoutMs: number;
  /** How long to watch the gates once the rollback is live (0: do not). */
  bakeMs: number;
  extensionMs: number;
  gates: (targets: GateTargets) => Gate[];
}

export interface RollbackPorts extends EnginePorts {
  record?: Pick<DeploymentRecord, 'lastSuccessful'>;
}

/**
 * Two-color rollback, converging from any state (100/0, 0/100, split, a failed deployment):
 * decide the target version → if the live color runs it: `already-live`, nothing changes →
 * else if a color runs it, healthy: one verified weight change to it → else deploy it to the
 * idle color, wait for that deployment and healthy targets, then the weight change. Traffic
 * only ever moves in that one write, which runs to its read-back even when cancelled, so a
 * rollback never leaves traffic split and needs no post step.
 */
export async function runRollback(plan: RollbackPlan, ports: RollbackPorts, signal?: AbortSignal): Promise<RunOutcome> {
  const run = runPorts(ports, signal);
  const recorder = new Recorder('rollback', plan.cluster, plan.services, ports.clock, ports.log);
  const report = recorder.report;
  if (plan.reason) report.facts['Reason'] = plan.reason;
  let moved = false;
  try {
    const topology = await readTopology(run.fleet, run.router, plan.services);
    // A redeploy can take minutes: the one write must not go over a change made meanwhile.
    run.ownership.startFrom(toTargetGroupWeights(topology.targetGroups, topology.weights));
    report.weights = topology.weights;
    report.liveColor = topology.liveColor;
    report.previousColor = colorsByTraffic(topology)[0];
    recorder.note(`Weights now ${formatWeights(topology.weights)} on ${run.router.target}`);

    const target =
      plan.to.kind === 'previous'
        ? previousOfColors(topology).arn
        : await resolveNamedTarget(plan.to, {
            fleet: run.fleet,
            record: ports.record,
            scope: recordScope(plan.cluster, [plan.services.blue, plan.services.green], topology.services.blue.arn),
          });
    report.taskDefinitionArn = target;
    recorder.note(`Rollback target: ${target.split('/').pop()} (to: ${plan.to.kind})`);

    if (topology.liveColor && runsReady(topology, topology.liveColor, target)) {
      recorder.note(`${plan.services[topology.liveColor]} (${topology.liveColor}) already runs it with 100 %: nothing to do`);
      return { report: recorder.finish('already-live') };
    }

    const ready = await readyColor(topology, target, run);
    const to = ready ?? idleColor(topology);
    if (ready) {
      recorder.note(`${plan.services[to]} (${to}) runs it with healthy targets: one weight change makes it live`);
      await run.onTaskDefinition(target);
    } else {
      // At the size of the larger color: with traffic split, either may be the one users are on.
      const desired = Math.max(topology.services.blue.desiredCount, topology.services.green.desiredCount, 1);
      const wait = { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal };
      await deployToIdle(topology, plan.services, target, wait, run, recorder, {
        color: to,
        desired,
        why: 'No color runs it ready for traffic',
      });
    }

    if (signal?.aborted) throw new CancelledError();
    moved = true;
    // Once started, the write runs to its read-back: stopping halfway could leave traffic split.
    await shiftTraffic(run.restore.router, run.clock, topology.targetGroups, weightsFor(to, 100), undefined, run.ownership);
    report.weights = weightsFor(to, 100);
    report.liveColor = to;
    recorder.note(`Rolled back: ${to} (${plan.services[to]}) is live at 100 %, verified`);

    const error = await verify(to, topology, plan, run, recorder, signal);
    return { report: recorder.finish('rolled-back'), error };
  } catch (caught) {
    const error = asDeployError(caught);
    recorder.note(moved ? `Failed: ${error.message}` : `Failed before any traffic moved: ${error.message}`);
    return { report: recorder.finish('failed'), error };
  }
}

/** A color (the busier one first) that runs the target with every target healthy, if any. */
async function readyColor(topology: Topology, target: string, run: TwoColorRun): Promise<Color | undefined> {
  for (const color of colorsByTraffic(topology)) {
    if (!runsReady(topology, color, target)) continue;
    const health = await run.router.targetHealth(topology.targetGroups[color]);
    if (healthyFor(health, topology.services[color].desiredCount)) return color;
  }
  return undefined;
}

/**
 * Watches the gates on the restored version. A failure is reported, but traffic stays: the
 * version rolled back to is the best known, and flipping back to the one being left is worse.
 */
async function verify(
  live: Color,
  topology: Topology,
  plan: RollbackPlan,
  run: TwoColorRun,
  recorder: Recorder,
  signal: AbortSignal | undefined,
): Promise<DeployError | undefined> {
  const gates = plan.gates({ candidate: topology.targetGroups[live] });
  if (plan.bakeMs <= 0 || gates.length === 0) return undefined;
  const settings = { bakeMs: plan.bakeMs, extensionMs: plan.extensionMs, pollMs: plan.pollMs, signal };
  try {
    const heading = `Watching the gates for ${formatDuration(plan.bakeMs)}`;
    const { outcome } = await bakeStep(100, weightsFor(live, 100), gates, settings, run, recorder, heading);
    if (outcome.verdict === 'pass') return undefined;
    const failed = outcome.verdict === 'fail';
    return new DeployError(`Rolled back, but the version now live ${failed ? 'fails' : 'is inconclusive on'} its gates`, {
      why: evidence(failed ? outcome.failing : outcome.waiting),
      fix: `Traffic stays on ${live}: it is the version asked for. Roll back further with \`to: <task definition>\`, or fix forward.`,
    });
  } catch (error) {
    markUnfinishedStep(recorder.report, error);
    return asDeployError(error);
  }
}
