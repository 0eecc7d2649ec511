import { CancelledError, type DeployError } from '../errors.ts';
import { otherColor, type Color, type Gate } from '../ports.ts';
import { Recorder, type Report } from '../report.ts';
import { restoreTraffic, saveRestorePoint, type RunPhase } from './restore.ts';
import { asDeployError, runPorts, type EnginePorts, type TaskDefinitionSource } from './run-context.ts';
import { deployToIdle, inspect, retirePrevious, walkSteps } from './stages.ts';
import { weightsFor, type Topology } from './topology.ts';

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
 * The canary as a state machine: inspect → deploy (idle color) → shift (step × N: write,
 * verify, bake) → done (promoted). From a failure or a cancel in `shift` → 100 % back on the
 * previous color, verified. Each transition is saved to the checkpoint so the post step knows
 * whether traffic needs restoring.
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
    topology = await inspect(plan.services, plan.takeover, run, recorder);
    const live = topology.liveColor!;
    const idle = otherColor(live);
    report.liveColor = report.previousColor = live;
    report.previousTaskDefinitionArn = topology.services[live].taskDefinition;
    saveRestorePoint(run.checkpoint, run.router.target, topology.targetGroups, live);

    enter('deploy');
    const wait = { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal };
    const deployed = await deployToIdle(topology, plan.services, plan.taskDefinition, wait, run, recorder);
    report.taskDefinitionArn = deployed.taskDefinitionArn;

    enter('shift');
    const gates = [deployed.gate, ...plan.gates(topology.targetGroups[idle])];
    const settings = { bakeMs: plan.bakeMs, extensionMs: plan.extensionMs, pollMs: plan.pollMs, signal };
    await walkSteps(topology, plan.steps, gates, settings, run, recorder);

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
