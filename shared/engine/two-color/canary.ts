import { resolveTaskDefinition, type TaskDefinitionSource } from '../deploy.ts';
import { otherColor } from '../ports.ts';
import type { Topology } from '../topology.ts';
import type { EnginePorts } from './ports.ts';
import { saveRestorePoint } from './restore.ts';
import type { RunOutcome } from './run-context.ts';
import { beginRun, concludeFailure, deployToIdle, inspect, promote, walkSteps, type TwoColorPlan } from './stages.ts';

export interface CanaryPlan extends TwoColorPlan {
  taskDefinition: TaskDefinitionSource;
  /** Percent of traffic on the new color at each step, ascending, ending at 100. */
  steps: number[];
}

/**
 * The canary as a state machine: inspect → deploy (idle color) → shift (step × N: write,
 * verify, bake) → done (promoted). From a failure or a cancel in `shift` → 100 % back on the
 * previous color, verified. Each transition is saved to the checkpoint so the post step knows
 * whether traffic needs restoring.
 */
export async function runCanary(plan: CanaryPlan, ports: EnginePorts, signal?: AbortSignal): Promise<RunOutcome> {
  const { run, recorder, report, phases } = beginRun('canary', plan, ports, signal);
  let topology: Topology | undefined;

  try {
    topology = await inspect(plan.services, plan.takeover, run, recorder);
    const live = topology.liveColor!;
    report.liveColor = report.previousColor = live;
    report.previousTaskDefinitionArn = topology.services[live].taskDefinition;
    saveRestorePoint(run.checkpoint, run.router.target, topology.targetGroups, live);

    phases.enter('deploy');
    const wait = { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal };
    const arn = await resolveTaskDefinition(run.fleet, plan.taskDefinition);
    const deployed = await deployToIdle(topology, plan.services, arn, wait, run, recorder);
    report.taskDefinitionArn = deployed.taskDefinitionArn;

    phases.enter('shift');
    const gates = [
      deployed.gate,
      ...plan.gates({ candidate: topology.targetGroups[otherColor(live)], baseline: topology.targetGroups[live] }),
    ];
    const settings = { bakeMs: plan.bakeMs, extensionMs: plan.extensionMs, pollMs: plan.pollMs, signal };
    await walkSteps(topology, plan.steps, gates, settings, run, recorder);

    await promote(topology, plan.services, plan.scaleDownPrevious, phases, run, recorder);
    return { report: recorder.finish('promoted') };
  } catch (caught) {
    return concludeFailure(caught, phases, topology, run, recorder);
  }
}
