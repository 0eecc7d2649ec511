/**
 * The stages every two-color strategy is made of. canary = inspect → deployToIdle → walkSteps
 * (10, 50, 100) → retirePrevious; blue-green = the same with one step, split into two jobs;
 * rollback = deployToIdle (when no color runs the version ready) → one write → bakeStep.
 */
import { formatDuration } from '../../duration.ts';
import { asDeployError, DeployError, GateError } from '../../errors.ts';
import { settled, waitForDeployment, type DeployWait } from '../deploy.ts';
import { otherColor, type Color, type Gate, type GateTargets } from '../ports.ts';
import { formatWeights, readTopology, toTargetGroupWeights, weightsFor, type Topology } from '../topology.ts';
import { bake, evidence, type BakeOutcome, type BakeSettings } from './bake.ts';
import { EcsDeploymentGate } from './ecs-gate.ts';
import { TrafficMovedError } from './ownership.ts';
import { Recorder, type StepRecord } from './report.ts';
import { describeFailedRestore } from './restore-failure.ts';
import { Phases, restoreTraffic } from './restore.ts';
import type { EnginePorts } from './ports.ts';
import { runPorts, type RunOutcome, type TwoColorRun } from './run-context.ts';
import { markUnfinishedStep } from './step-verdict.ts';
import { shiftTraffic } from './traffic.ts';

/** What every strategy that moves traffic between the two colors is told. */
export interface TwoColorPlan {
  cluster: string;
  services: Record<Color, string>;
  /** How long each step bakes with every gate passing. */
  bakeMs: number;
  /** How much longer an inconclusive step may wait for evidence before it fails. */
  extensionMs: number;
  pollMs: number;
  waitTimeoutMs: number;
  scaleDownPrevious: boolean;
  takeover: boolean;
  /** The traffic gates for the new color's target group, compared with the live one's when asked. */
  gates: (targets: GateTargets) => Gate[];
}

/** How canary and blue-green begin: the run (its ports retried and cancellable), the recorder and the phases. */
export function beginRun(strategy: string, plan: TwoColorPlan, ports: EnginePorts, signal?: AbortSignal) {
  const run = runPorts(ports, signal);
  const recorder = new Recorder(strategy, plan.cluster, plan.services, ports.clock, ports.log);
  return { run, recorder, report: recorder.report, phases: new Phases(run.checkpoint) };
}

/**
 * Reads the topology and decides which color is live. Refuses split traffic or a deployment
 * already in progress (another run at work) unless `takeover`, which first puts 100 % back on
 * the larger side.
 */
export async function inspect(services: Record<Color, string>, takeover: boolean, run: TwoColorRun, recorder: Recorder): Promise<Topology> {
  const topology = await readTopology(run.fleet, run.router, services);
  run.ownership.startFrom(toTargetGroupWeights(topology.targetGroups, topology.weights));
  recorder.note(`Weights now ${formatWeights(topology.weights)} on ${run.router.target}`);
  if (!takeover) refuseBusyService(services, topology);
  if (topology.liveColor) return topology;
  if (!takeover) {
    throw new DeployError(`Traffic is split (${formatWeights(topology.weights)}): another run may be in progress or was interrupted`, {
      fix: 'Wait for the other run, or run the rollback action to put all traffic on one color, or set `takeover: true` to restore the larger side and continue.',
    });
  }
  const live: Color = topology.weights.blue >= topology.weights.green ? 'blue' : 'green';
  recorder.warn(`takeover: putting 100 % back on ${live} before deploying`);
  await shiftTraffic(run.router, run.clock, topology.targetGroups, weightsFor(live, 100), undefined, run.ownership);
  return { ...topology, weights: weightsFor(live, 100), liveColor: live };
}

function refuseBusyService(services: Record<Color, string>, topology: Topology): void {
  for (const color of ['blue', 'green'] as const) {
    const busy = topology.services[color].deployments.find((d) => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS');
    if (busy) {
      throw new DeployError(
        `${services[color]} already has a deployment in progress (${busy.id}, ${busy.taskDefinition.split('/').pop()})`,
        {
          fix: 'Wait for it to finish (or use a workflow `concurrency` group so runs queue), or set `takeover: true`.',
        },
      );
    }
  }
}

export interface IdleDeployment {
  taskDefinitionArn: string;
  deploymentId: string;
  /** The ECS gate for this deployment, to watch while it takes traffic. */
  gate: Gate;
}

/** The color runs this revision, all of its tasks, in one COMPLETED deployment. */
export function runsReady(topology: Topology, color: Color, arn: string): boolean {
  const primary = topology.services[color].deployments.find((d) => d.status === 'PRIMARY');
  return primary !== undefined && primary.taskDefinition === arn && primary.desiredCount > 0 && settled(primary);
}

/** Where deployToIdle deploys, and how many tasks. */
export interface IdleTarget {
  color: Color;
  desired: number;
  /** Why this deploy, leading its timeline line. */
  why?: string;
}

/** The strategies' idle target: the color without traffic, at the live color's size. */
function idleOf(topology: Topology): IdleTarget {
  const live = topology.liveColor!;
  return { color: otherColor(live), desired: Math.max(topology.services[live].desiredCount, 1) };
}

/** Deploys the task definition to the idle color and waits for *that* deployment. */
export async function deployToIdle(
  topology: Topology,
  services: Record<Color, string>,
  arn: string,
  wait: DeployWait,
  run: TwoColorRun,
  recorder: Recorder,
  target: IdleTarget = idleOf(topology),
): Promise<IdleDeployment> {
  const { color: idle, desired } = target;
  const what = `${arn.split('/').pop()} to ${idle} (${services[idle]}), ${desired} task(s)`;
  recorder.note(target.why ? `${target.why}: deploying ${what}` : `Deploying ${what}`);
  const failedBefore = topology.services[idle].deployments.find((d) => d.status === 'PRIMARY')?.failedTasks ?? 0;
  await run.onTaskDefinition(arn);
  const deploymentId = await run.fleet.deploy(services[idle], arn, desired);
  await waitForDeployment(run, services[idle], deploymentId, arn, topology.targetGroups[idle], wait, (m) => recorder.note(m));
  recorder.note(`Deployment ${deploymentId} is COMPLETED and its targets are healthy`);
  return { taskDefinitionArn: arn, deploymentId, gate: new EcsDeploymentGate(run.fleet, services[idle], deploymentId, failedBefore) };
}

/**
 * One step's bake: recorded at these weights, watched with every gate (retried), its verdict
 * kept on the step. A cancel or an AWS failure propagates; markUnfinishedStep then says so.
 */
export async function bakeStep(
  weight: number,
  weights: Record<Color, number>,
  gates: Gate[],
  settings: BakeSettings,
  run: TwoColorRun,
  recorder: Recorder,
  heading: string,
): Promise<{ step: StepRecord; outcome: BakeOutcome }> {
  const step = recorder.startStep(weight, weights);
  recorder.note(heading);
  const outcome = await bake(step, run.guard(gates), run.clock, settings);
  step.verdict = outcome.verdict;
  return { step, outcome };
}

/**
 * Moves traffic to the idle color step by step: each step's weights are written and read back,
 * then baked with every gate. A failing gate throws with the evidence; the caller restores.
 * Before each write and after each bake the weights must still be this run's: someone else's
 * change (a manual rollback during the bake) stops the run (TrafficMovedError), untouched.
 */
export async function walkSteps(
  topology: Topology,
  steps: number[],
  gates: Gate[],
  settings: BakeSettings,
  run: TwoColorRun,
  recorder: Recorder,
): Promise<void> {
  const idle = otherColor(topology.liveColor!);
  const report = recorder.report;
  for (const weight of steps) {
    const weights = weightsFor(idle, weight);
    await shiftTraffic(run.router, run.clock, topology.targetGroups, weights, settings.signal, run.ownership);
    report.weights = weights;
    const heading = `Step ${report.steps.length + 1}/${steps.length}: ${formatWeights(weights)} verified; baking ${formatDuration(settings.bakeMs)}`;
    const { step, outcome } = await bakeStep(weight, weights, gates, settings, run, recorder, heading);
    if (step.wouldFail) {
      recorder.warn(
        `gates-dry-run: step ${report.steps.length} would have rolled back: ${step.wouldFail.results.map((r) => `${r.gate} ${r.observed}`).join('; ')}`,
      );
    }
    if (outcome.verdict === 'fail') {
      throw new GateError(`Gate failed at step ${report.steps.length} (${weight}% on ${idle})`, {
        why: evidence(outcome.failing),
        fix: `Traffic is back on ${topology.liveColor}. Investigate the new version with the gate evidence before deploying again.`,
      });
    }
    if (outcome.verdict === 'inconclusive') {
      throw new GateError(
        `Gate inconclusive at step ${report.steps.length} (${weight}% on ${idle}): not enough evidence to judge the new version`,
        {
          why: evidence(outcome.waiting),
          fix: `Traffic is back on ${topology.liveColor}. Nothing was found wrong with the new version: check that it receives traffic (min-requests) and that metrics arrive within metric-delay, or raise inconclusive-timeout.`,
        },
      );
    }
    // A step that passed only counts (and the next write or the promotion only happens) on our weights.
    await run.ownership.check(run.router);
    run.announce('step', `Step ${report.steps.length}/${steps.length}: ${weight} % on ${idle}, gates passing`, report);
  }
}

/** The idle color is live at 100 %: the run is done, whatever happens to the previous color next. */
export async function promote(
  topology: Topology,
  services: Record<Color, string>,
  scaleDown: boolean,
  phases: Phases,
  run: TwoColorRun,
  recorder: Recorder,
): Promise<void> {
  const live = topology.liveColor!;
  const idle = otherColor(live);
  phases.enter('done');
  recorder.report.liveColor = idle;
  recorder.note(`Promoted: ${idle} (${services[idle]}) is live at 100 %`);
  await retirePrevious(scaleDown, services[live], run, recorder);
}

/**
 * How any two-color run ends when something went wrong: after traffic started moving, 100 % goes
 * back on the previous color and is verified (`rolled-back`, or `failed` if even that failed);
 * before, nothing moved (`failed`). The phase turns `done` only once traffic is settled, so a
 * post step still restores if this is killed halfway.
 */
export async function concludeFailure(
  caught: unknown,
  phases: Phases,
  topology: Topology | undefined,
  run: TwoColorRun,
  recorder: Recorder,
): Promise<RunOutcome> {
  const report = recorder.report;
  markUnfinishedStep(report, caught);
  const error = asDeployError(caught);
  if (phases.current === 'shift' && topology) {
    if (caught instanceof TrafficMovedError) return leaveMovedTraffic(caught, phases, topology, recorder);
    const previous = report.previousColor!;
    const restored = await restoreTraffic(run.restore, topology.targetGroups, previous, recorder, run.ownership);
    if (!restored.ok && restored.error instanceof TrafficMovedError) return leaveMovedTraffic(restored.error, phases, topology, recorder);
    if (!restored.ok) {
      // The phase stays `shift`: the post step tries again with its own credentials.
      const context = { router: run.restore.router, topology, previous, report };
      return { report: recorder.finish('failed'), error: await describeFailedRestore(error, restored.error, context) };
    }
    report.weights = weightsFor(previous, 100);
    phases.enter('done');
    report.liveColor = previous;
    return { report: recorder.finish('rolled-back'), error };
  }
  if (topology?.liveColor) report.weights = topology.weights;
  phases.enter('done');
  recorder.note(`Failed before any user traffic moved: ${error.message}`);
  return { report: recorder.finish('failed'), error };
}

/**
 * Someone else moved traffic during the run: nothing is written over it (no restore), and the
 * phase turns `done` so the post step does not restore either. The report shows where it is.
 */
function leaveMovedTraffic(moved: TrafficMovedError, phases: Phases, topology: Topology, recorder: Recorder): RunOutcome {
  const weights = colorShares(moved.found, topology.targetGroups);
  recorder.report.weights = weights;
  recorder.report.liveColor = weights.blue === 100 ? 'blue' : weights.green === 100 ? 'green' : undefined;
  recorder.warn(`${moved.message} (${moved.why.join('; ')})`);
  phases.enter('done');
  return { report: recorder.finish('failed'), error: moved };
}

/** Percent per color of what the listener has now (0/0 when it forwards to neither). */
function colorShares(weights: Record<string, number>, targetGroups: Record<Color, string>): Record<Color, number> {
  const [blue, green] = [weights[targetGroups.blue] ?? 0, weights[targetGroups.green] ?? 0];
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  if (total === 0) return { blue: 0, green: 0 };
  return { blue: Math.round((blue / total) * 100), green: Math.round((green / total) * 100) };
}

/** Once promoted, nothing may undo the promotion: a failed scale-down is only a warning. */
export async function retirePrevious(scaleDown: boolean, service: string, run: TwoColorRun, recorder: Recorder): Promise<void> {
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
