import { DeployError } from '../../errors.ts';
import { healthyFor, resolveTaskDefinition, type TaskDefinitionSource } from '../deploy.ts';
import { otherColor, type Color } from '../ports.ts';
import { retrying } from '../retry.ts';
import type { Topology } from '../topology.ts';
import { EcsDeploymentGate } from './ecs-gate.ts';
import type { EnginePorts, TestListener } from './ports.ts';
import { Recorder } from './report.ts';
import { saveRestorePoint } from './restore.ts';
import type { RunOutcome, TwoColorRun } from './run-context.ts';
import {
  beginRun,
  concludeFailure,
  deployToIdle,
  inspect,
  promote,
  runsReady,
  walkSteps,
  type IdleDeployment,
  type TwoColorPlan,
} from './stages.ts';
import { refuseProductionTestListener } from './test-listener-guard.ts';
import { applyWeights } from './traffic.ts';

export type BlueGreenPhase = 'prepare' | 'switch' | 'all';

export interface BlueGreenPlan extends TwoColorPlan {
  phase: BlueGreenPhase;
  /** What `prepare` and `all` deploy to the idle color. */
  taskDefinition?: TaskDefinitionSource;
  /** What `prepare` produced: `switch` refuses unless the idle color still runs exactly this. */
  preparedTaskDefinition?: string;
}

export interface BlueGreenPorts extends EnginePorts {
  testListener?: TestListener;
}

export interface BlueGreenOutcome extends RunOutcome {
  testUrl?: string;
}

/**
 * Blue/green as two halves a workflow can put an approval between.
 * prepare: inspect → deploy (idle color, wait for that deployment and healthy targets) →
 *   point the test listener at it → `prepared`; user traffic never moves.
 * switch: inspect → check the idle color still runs the prepared revision, healthy → 100 % in
 *   one verified write → bake with the gates → `promoted`; a failing gate or a cancel puts
 *   100 % back on the previous color (`rolled-back`).
 * all: both in one run.
 */
export async function runBlueGreen(plan: BlueGreenPlan, ports: BlueGreenPorts, signal?: AbortSignal): Promise<BlueGreenOutcome> {
  const { run, recorder, report, phases } = beginRun('blue-green', plan, ports, signal);
  let topology: Topology | undefined;
  let testUrl: string | undefined;

  try {
    topology = await inspect(plan.services, plan.takeover, run, recorder);
    const live = topology.liveColor!;
    const idle = otherColor(live);
    report.liveColor = report.previousColor = live;
    report.previousTaskDefinitionArn = topology.services[live].taskDefinition;
    report.weights = topology.weights;

    let prepared: IdleDeployment;
    if (plan.phase === 'switch') {
      const arn = await run.fleet.resolveTaskDefinition(plan.preparedTaskDefinition!);
      report.taskDefinitionArn = arn;
      if (runsReady(topology, live, arn)) {
        recorder.note(`${plan.services[live]} (${live}) already runs ${arn.split('/').pop()} with 100 %: nothing to switch`);
        phases.enter('done');
        return { report: recorder.finish('promoted') };
      }
      prepared = await checkPrepared(topology, plan.services, arn, run, recorder);
      await run.onTaskDefinition(arn);
    } else {
      const testListener = ports.testListener && retrying({ ...ports, signal }).port(ports.testListener, 'elb');
      if (testListener) {
        // Before any write: prepare would point real users at the unapproved version.
        await refuseProductionTestListener(testListener, run.router.target, { color: live, targetGroup: topology.targetGroups[live] });
      }
      phases.enter('deploy');
      const wait = { pollMs: plan.pollMs, timeoutMs: plan.waitTimeoutMs, signal };
      const arn = await resolveTaskDefinition(run.fleet, plan.taskDefinition!);
      prepared = await deployToIdle(topology, plan.services, arn, wait, run, recorder);
      report.taskDefinitionArn = prepared.taskDefinitionArn;
      if (testListener) {
        testUrl = await pointTestListener(testListener, topology.targetGroups[idle], idle, run, signal, recorder);
        report.facts['Test URL'] = testUrl;
      }
      if (plan.phase === 'prepare') {
        phases.enter('done');
        recorder.note(
          `Prepared: ${plan.services[idle]} (${idle}) runs the new version with 0 % of user traffic; run phase "switch" to promote it`,
        );
        return { report: recorder.finish('prepared'), testUrl };
      }
    }

    saveRestorePoint(run.checkpoint, run.router.target, topology.targetGroups, live);
    phases.enter('shift');
    const gates = [prepared.gate, ...plan.gates({ candidate: topology.targetGroups[idle], baseline: topology.targetGroups[live] })];
    const settings = { bakeMs: plan.bakeMs, extensionMs: plan.extensionMs, pollMs: plan.pollMs, signal };
    await walkSteps(topology, [100], gates, settings, run, recorder);

    await promote(topology, plan.services, plan.scaleDownPrevious, phases, run, recorder);
    return { report: recorder.finish('promoted'), testUrl };
  } catch (caught) {
    return { ...(await concludeFailure(caught, phases, topology, run, recorder)), testUrl };
  }
}

/**
 * Between prepare and switch (an approval can take hours) someone may have deployed to the
 * idle color, scaled it down, or its tasks may have died. Switching then would promote a
 * version nobody approved, so refuse with what changed.
 */
async function checkPrepared(
  topology: Topology,
  services: Record<Color, string>,
  arn: string,
  run: TwoColorRun,
  recorder: Recorder,
): Promise<IdleDeployment> {
  const idle = otherColor(topology.liveColor!);
  const service = topology.services[idle];
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const revision = arn.split('/').pop();
  const rerun = 'Run the prepare phase again (it redeploys the version to the idle color), then switch.';
  if (!primary || primary.taskDefinition !== arn) {
    throw new DeployError(`The idle color changed since prepare: ${services[idle]} (${idle}) no longer runs ${revision}`, {
      why: [`it now runs ${primary?.taskDefinition ?? service.taskDefinition}`, 'someone or something deployed to it after prepare'],
      fix: rerun,
    });
  }
  if (!runsReady(topology, idle, arn)) {
    throw new DeployError(`${services[idle]} (${idle}) is not ready to take traffic`, {
      why: `deployment ${primary.id}: ${primary.rolloutState ?? 'no rollout state'}, ${primary.runningCount}/${primary.desiredCount} tasks running`,
      fix: rerun,
    });
  }
  const health = await run.router.targetHealth(topology.targetGroups[idle]);
  if (!healthyFor(health, primary.desiredCount)) {
    throw new DeployError(`${services[idle]} (${idle}) has unhealthy targets: ${health.healthy}/${primary.desiredCount} healthy`, {
      why: health.problems,
      fix: rerun,
    });
  }
  recorder.note(`${services[idle]} (${idle}) still runs ${revision} (${primary.id}), ${health.healthy} healthy target(s)`);
  return {
    taskDefinitionArn: arn,
    deploymentId: primary.id,
    gate: new EcsDeploymentGate(run.fleet, services[idle], primary.id, primary.failedTasks),
  };
}

/** Points the test listener at the idle color, verified like any weight change. */
async function pointTestListener(
  listener: TestListener,
  targetGroup: string,
  idle: Color,
  run: TwoColorRun,
  signal: AbortSignal | undefined,
  recorder: Recorder,
): Promise<string> {
  await applyWeights(listener, run.clock, { [targetGroup]: 100 }, `100 % to ${idle}`, signal);
  const url = await listener.url();
  recorder.note(`Test listener verified: 100 % to ${idle} at ${url}`);
  return url;
}
