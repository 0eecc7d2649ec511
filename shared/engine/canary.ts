import { CancelledError, DeployError } from '../errors.ts';
import { formatDuration } from '../duration.ts';
import { otherColor, type Color, type Gate } from '../ports.ts';
import { Recorder, type Report } from '../report.ts';
import { bake } from './bake.ts';
import { waitForDeployment } from './deploy.ts';
import { EcsDeploymentGate } from './ecs-gate.ts';
import { asDeployError, resolveTaskDefinition, runPorts, type EnginePorts, type TaskDefinitionSource } from './run-context.ts';
import { restoreTraffic, saveRestorePoint, type RunPhase } from './restore.ts';
import { formatWeights, readTopology, weightsFor, type Topology } from './topology.ts';
import { shiftTraffic } from './traffic.ts';

export interface CanaryPlan {
  cluster: string;
  services: Record<Color, string>;
  taskDefinition: TaskDefinitionSource;
  /** Percent of traffic on the new color at each step, ascending, ending at 100. */
  steps: number[];
  bakeMs: number;
  extensionMs: number;
  pollMs: number;
  waitTimeoutMs: number;
  scaleDownPrevious: boolean;
  takeover: boolean;
  /** The traffic gates for the new color's target group (alarms, ALB metrics). */
  gates: (targetGroupArn: string) => Gate[];
}

export interface RunOutcome {
  report: Report;
  /** Set when the run did not promote; the report says where traffic is. */
  error?: DeployError;
}

/**
 * The canary as a state machine: inspect → deploy (idle color) → step × N (shift, verify,
 * bake) → promoted; from any failure or cancel after the first shift → rolled back (100 % on
 * the previous color, verified). Every transition is saved to the checkpoint so the post step
 * knows whether traffic needs restoring.
 */
export async function runCanary(plan: CanaryPlan, ports: EnginePorts, signal?: AbortSignal): Promise<RunOutcome> {
  const run = runPorts(ports, signal);
  const recorder = new Recorder('canary', plan.cluster, plan.services, ports.clock, ports.log);
  const report = recorder.report;
  let phase = 'inspect' as RunPhase;
  let topology: Topology | undefined;
  const enter = (next: RunPhase) => {
    phase = next;
    run.checkpoint.save('phase', next);
  };

  try {
    topology = await inspect(plan, run, recorder);
    const live = topology.liveColor!;
    const idle = otherColor(live);
    report.liveColor = live;
    report.previousColor = live;
    saveRestorePoint(run.checkpoint, run.router.target, topology.targetGroups, live);

    enter('deploy');
    const arn = await resolveTaskDefinition(run.fleet, plan.taskDefinition);
    report.taskDefinitionArn = arn;
    const desired = Math.max(topology.services[live].desiredCount, 1);
    recorder.note(`Deploying ${arn.split('/').pop()} to ${idle} (${plan.services[idle]}), ${desired} task(s)`);
    const failedBefore = topology.services[idle].deployments.find((d) => d.status === 'PRIMARY')?.failedTasks ?? 0;
    const deploymentId = await run.fleet.deploy(plan.services[idle], arn, desired);
    await waitForDeployment(
      run,
      plan.services[idle],
      deploymentId,
      arn,
      topology.targetGroups[idle],
      { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal },
      (m) => recorder.note(m),
    );
    recorder.note(`Deployment ${deploymentId} is COMPLETED and its targets are healthy`);

    const gates = [
      new EcsDeploymentGate(run.fleet, plan.services[idle], deploymentId, failedBefore),
      ...plan.gates(topology.targetGroups[idle]),
    ];
    enter('shift');
    for (const weight of plan.steps) {
      const weights = weightsFor(idle, weight);
      await shiftTraffic(run.router, run.clock, topology.targetGroups, weights, signal);
      report.weights = weights;
      const step = recorder.startStep(weight, weights);
      recorder.note(
        `Step ${report.steps.length}/${plan.steps.length}: ${formatWeights(weights)} verified; baking ${formatDuration(plan.bakeMs)}`,
      );
      const outcome = await bake(step, gates, run.clock, {
        bakeMs: plan.bakeMs,
        extensionMs: plan.extensionMs,
        pollMs: plan.pollMs,
        signal,
      });
      step.verdict = outcome.verdict;
      if (outcome.verdict === 'fail') {
        const evidence = outcome.failing.map((r) => `${r.gate}: ${r.observed} (threshold ${r.threshold})`);
        throw new DeployError(`Gate failed at step ${report.steps.length} (${weight}% on ${idle})`, {
          why: evidence,
          fix: `Traffic is back on ${live}. Investigate the new version with the evidence above before deploying again.`,
        });
      }
    }

    enter('done');
    report.liveColor = idle;
    recorder.note(`Promoted: ${idle} (${plan.services[idle]}) is live at 100 %`);
    await retirePrevious(plan.scaleDownPrevious, plan.services[live], run, recorder);
    return { report: recorder.finish('promoted') };
  } catch (caught) {
    const lastStep = report.steps.at(-1);
    if (caught instanceof CancelledError && lastStep) lastStep.verdict = 'cancelled';
    const error = asDeployError(caught);
    if (phase === 'shift' && topology) {
      const restored = await restoreTraffic(run.restore, topology.targetGroups, report.previousColor!, recorder);
      report.weights = weightsFor(report.previousColor!, 100);
      enter('done');
      if (!restored.ok) return { report: recorder.finish('failed'), error: restored.error };
      report.liveColor = report.previousColor;
      return { report: recorder.finish('rolled-back'), error };
    }
    if (topology?.liveColor) report.weights = topology.weights;
    enter('done');
    recorder.note(`Failed before any traffic moved: ${error.message}`);
    return { report: recorder.finish('failed'), error };
  }
}

/** Once promoted, nothing may undo the promotion: a failed scale-down is only a warning. */
async function retirePrevious(scaleDown: boolean, service: string, run: ReturnType<typeof runPorts>, recorder: Recorder): Promise<void> {
  if (!scaleDown) {
    recorder.note(`${service} keeps running for an instant rollback`);
    return;
  }
  try {
    await run.restore.fleet.scale(service, 0);
    recorder.note(`Scaled ${service} to 0 tasks`);
  } catch (error) {
    recorder.warn(`Could not scale ${service} down: ${asDeployError(error).message}`);
  }
}

async function inspect(plan: CanaryPlan, run: ReturnType<typeof runPorts>, recorder: Recorder): Promise<Topology> {
  const topology = await readTopology(run.fleet, run.router, plan.services);
  recorder.note(`Weights now ${formatWeights(topology.weights)} on ${run.router.target}`);
  refuseBusyService(plan, topology);
  if (topology.liveColor) return topology;
  if (!plan.takeover) {
    throw new DeployError(`Traffic is split (${formatWeights(topology.weights)}): another run may be in progress or was interrupted`, {
      fix: 'Wait for the other run, or run the rollback action to put all traffic on one color, or set `takeover: true` to restore the larger side and continue.',
    });
  }
  const live: Color = topology.weights.blue >= topology.weights.green ? 'blue' : 'green';
  recorder.warn(`takeover: putting 100 % back on ${live} before deploying`);
  await shiftTraffic(run.router, run.clock, topology.targetGroups, weightsFor(live, 100));
  return { ...topology, weights: weightsFor(live, 100), liveColor: live };
}

/** A deployment in progress on either color means another run (or a person) is at work. */
function refuseBusyService(plan: CanaryPlan, topology: Topology): void {
  if (plan.takeover) return;
  for (const color of ['blue', 'green'] as const) {
    const busy = topology.services[color].deployments.find((d) => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS');
    if (busy) {
      throw new DeployError(
        `${plan.services[color]} already has a deployment in progress (${busy.id}, ${busy.taskDefinition.split('/').pop()})`,
        {
          fix: 'Wait for it to finish (or use a workflow `concurrency` group so runs queue), or set `takeover: true`.',
        },
      );
    }
  }
}
