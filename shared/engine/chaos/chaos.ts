import { asDeployError, CancelledError, DeployError } from '../../errors.ts';
import { formatDuration } from '../../duration.ts';
import type { Checkpoint, Clock, Color, Fleet, Log, ServiceState, TrafficRouter } from '../ports.ts';
import { deploymentEvidence } from '../deploy.ts';
import { retrying, type RetryPolicy } from '../retry.ts';
import { formatWeights, readTopology } from '../topology.ts';
import { describeTargets, saveDrained, type DrainedTargets } from './drain-state.ts';
import { clusterArnOf, percentOf, pickRandom, Refusal, refuseUnlessAllowed, victimCount, type Amount } from './guardrails.ts';
import type { AlarmStates, Random, TaskControl, TargetControl } from './ports.ts';
import { ChaosRecorder, type ChaosReport, type ChaosResult, type Experiment } from './report.ts';

export interface ChaosPlan {
  cluster: string;
  allowedClusters: string[];
  experiment: Experiment;
  /** One service, or the two colors (the live one, read from the listener, is hit). */
  target: { service: string } | { colors: Record<Color, string> };
  amount: Amount;
  maxPercent: number;
  alarms: string[];
  dryRun: boolean;
  /** drain-targets: how long the drained targets stay out before they are registered again. */
  holdMs: number;
  recoveryTimeoutMs: number;
  pollMs: number;
  /** StopTask's reason, so the ECS events say who stopped the task and why. */
  reason: string;
}

export interface ChaosPorts {
  fleet: Fleet;
  /** Needed only to find the live color. */
  router?: TrafficRouter;
  tasks: TaskControl;
  targets: TargetControl;
  /** Needed only when the plan names alarms. */
  alarms?: AlarmStates;
  clock: Clock;
  log: Log;
  checkpoint: Checkpoint;
  random: Random;
  retry?: RetryPolicy;
}

export interface ChaosOutcome {
  report: ChaosReport;
  /** Set unless the service recovered (or the dry run planned). */
  error?: DeployError;
}

class NotRecovered extends DeployError {}

/**
 * One experiment: guardrails (allowed cluster, steady service, no alarm, max-percent) → the
 * fault (stop tasks, or drain targets for a hold time and register them back) → recovery,
 * timed until running = desired with healthy targets. An alarm in ALARM aborts at once; a
 * cancel or any failure puts drained targets back before returning.
 */
export async function runChaos(plan: ChaosPlan, ports: ChaosPorts, signal?: AbortSignal): Promise<ChaosOutcome> {
  const run = wrap(ports, signal);
  const restore = wrap(ports, undefined);
  const recorder = new ChaosRecorder(plan.cluster, plan.experiment, plan.dryRun, ports.clock, ports.log);
  const report = recorder.report;
  let drained: DrainedTargets | undefined;

  try {
    refuseUnlessAllowed(plan.cluster, plan.allowedClusters);
    const service = await targetService(plan, run, recorder);
    report.service = service;
    const before = await steadyBefore(service, run, recorder);
    // The service's ARN names the cluster's account and region: an allowed ARN must be exactly it.
    refuseUnlessAllowed(plan.cluster, plan.allowedClusters, clusterArnOf(before.state.arn));
    const firing = await firingAlarms(run.alarms, plan.alarms);
    if (firing.length > 0)
      throw new Refusal('Chaos refused: an alarm is already in ALARM', { why: firing, fix: 'Run chaos only on a healthy service.' });

    if (plan.experiment === 'stop-tasks') {
      const count = victimCount(plan.amount, before.tasks.length, plan.maxPercent, 'running tasks');
      const victims = pickRandom(before.tasks, count, ports.random);
      recordPlan(recorder, before.tasks.length, victims.map(shortTask), plan.maxPercent, 'stop');
      if (plan.dryRun) return dryRun(recorder);
      for (const task of victims) {
        await abortOnAlarm(run.alarms, plan.alarms, 'before stopping the next task');
        await run.tasks.stopTask(task, plan.reason);
        report.faultAt ??= ports.clock.now();
        recorder.note(`Stopped task ${shortTask(task)}`);
      }
    } else {
      const targetGroupArn = onlyTargetGroup(before.state);
      const healthy = before.targets
        .filter((t) => t.state === 'healthy')
        .map(({ id, port, availabilityZone }) => ({ id, port, availabilityZone }));
      const count = victimCount(plan.amount, healthy.length, plan.maxPercent, 'healthy targets');
      const victims = pickRandom(healthy, count, ports.random);
      recordPlan(recorder, healthy.length, describeTargets(victims), plan.maxPercent, 'deregister');
      if (plan.dryRun) return dryRun(recorder);
      drained = { targetGroupArn, targets: victims };
      saveDrained(run.checkpoint, drained);
      await run.targets.deregister(targetGroupArn, victims);
      report.faultAt = ports.clock.now();
      recorder.note(`Deregistered ${describeTargets(victims).join(', ')}; holding ${formatDuration(plan.holdMs)}`);
      await hold(plan, run, signal);
      await reregister(run, drained, recorder);
      drained = undefined;
    }

    // Stopped tasks are down from the first stop; drained targets from their re-registration.
    const since = plan.experiment === 'stop-tasks' ? report.faultAt! : ports.clock.now();
    const seconds = await watchRecovery(service, before.targetGroupArn, plan, run, recorder, since, signal);
    report.recoverySeconds = seconds;
    recorder.note(`Recovered in ${seconds}s: ${before.state.desiredCount} task(s) running with healthy targets`);
    return { report: recorder.finish('recovered') };
  } catch (caught) {
    const error = asDeployError(caught);
    if (drained) {
      try {
        await reregister(restore, drained, recorder);
      } catch (failure) {
        recorder.warn(`Could not re-register the drained targets: ${asDeployError(failure).message}`);
        return {
          report: recorder.finish('aborted'),
          error: new DeployError(`Drained targets are still OUT of ${drained.targetGroupArn}`, {
            why: [error.message, asDeployError(failure).message, ...describeTargets(drained.targets)],
            fix: 'Register them again by hand (aws elbv2 register-targets), or re-run: the post step retries it.',
          }),
        };
      }
    }
    const result = resultOf(caught, report.faultAt !== undefined);
    recorder.warn(`${caught instanceof CancelledError ? 'Cancelled' : result}: ${error.message}`);
    return { report: recorder.finish(result), error };
  }
}

/** Only a guardrail refuses; an AWS failure before the fault is a failure, a cancel an abort. */
function resultOf(caught: unknown, faulted: boolean): ChaosResult {
  if (caught instanceof NotRecovered) return 'not-recovered';
  if (faulted || caught instanceof CancelledError) return 'aborted';
  return caught instanceof Refusal ? 'refused' : 'failed';
}

/** The ports as a chaos run uses them: retried, refused once cancelled. */
type ChaosRun = Pick<ChaosPorts, 'fleet' | 'router' | 'tasks' | 'targets' | 'alarms' | 'clock' | 'checkpoint'>;

function wrap(ports: ChaosPorts, signal: AbortSignal | undefined): ChaosRun {
  return {
    ...retrying({ ...ports, signal }).ports(ports, { fleet: 'ecs', router: 'elb', tasks: 'ecs', targets: 'elb', alarms: 'cloudwatch' }),
    clock: ports.clock,
    checkpoint: ports.checkpoint,
  };
}

async function targetService(plan: ChaosPlan, run: ChaosRun, recorder: ChaosRecorder): Promise<string> {
  if ('service' in plan.target) return plan.target.service;
  if (!run.router) throw new Error('the two-color target needs a router');
  const topology = await readTopology(run.fleet, run.router, plan.target.colors);
  if (!topology.liveColor) {
    throw new Refusal(`Chaos refused: traffic is split (${formatWeights(topology.weights)})`, {
      fix: 'A deployment is in progress or was interrupted: wait for it, or run the rollback action first.',
    });
  }
  const service = plan.target.colors[topology.liveColor];
  recorder.note(`Live color is ${topology.liveColor} (${service})`);
  return service;
}

interface Before {
  state: ServiceState;
  tasks: string[];
  targetGroupArn: string | undefined;
  targets: Awaited<ReturnType<TargetControl['targets']>>;
}

/** Chaos on a service that is already degraded proves nothing and hurts: it must be steady first. */
async function steadyBefore(service: string, run: ChaosRun, recorder: ChaosRecorder): Promise<Before> {
  const state = (await run.fleet.describeServices([service])).get(service)!;
  const busy = state.deployments.length > 1 || state.deployments.some((d) => d.rolloutState === 'IN_PROGRESS');
  if (busy) {
    throw new Refusal(`Chaos refused: ${service} has a deployment in progress`, {
      why: state.deployments.map((d) => `${d.id} ${d.status} ${d.rolloutState ?? ''} ${d.taskDefinition.split('/').pop()}`),
      fix: 'Wait for the deployment to finish (a workflow concurrency group keeps chaos and deployments apart).',
    });
  }
  const tasks = await run.tasks.runningTasks(service);
  const targetGroupArn = state.targetGroupArns[0];
  const targets = targetGroupArn ? await run.targets.targets(targetGroupArn) : [];
  const healthy = targets.filter((t) => t.state === 'healthy').length;
  const counts = `${state.runningCount}/${state.desiredCount} running, ${tasks.length} task(s) listed${targetGroupArn ? `, ${healthy} healthy target(s)` : ''}`;
  recorder.note(`${service} before: ${counts}`);
  const steady =
    state.desiredCount > 0 &&
    state.runningCount === state.desiredCount &&
    tasks.length === state.desiredCount &&
    (!targetGroupArn || healthy >= state.desiredCount);
  if (!steady) {
    throw new Refusal(`Chaos refused: ${service} is not steady (${counts})`, {
      why: await deploymentEvidence(run.fleet, state, run.clock.now() - 600_000),
      fix: 'Run chaos only when the service runs its desired count with healthy targets.',
    });
  }
  return { state, tasks, targetGroupArn, targets };
}

function onlyTargetGroup(state: ServiceState): string {
  if (state.targetGroupArns.length !== 1) {
    throw new Refusal(
      `Chaos refused: drain-targets needs exactly one target group on ${state.name} (it has ${state.targetGroupArns.length})`,
      {
        fix: 'Use stop-tasks for this service, or attach one load balancer target group.',
      },
    );
  }
  return state.targetGroupArns[0]!;
}

function recordPlan(recorder: ChaosRecorder, population: number, victims: string[], maxPercent: number, verb: string): void {
  recorder.report.plan = { population, victims, percent: percentOf(victims.length, population), maxPercent };
  recorder.note(
    `Plan: ${verb} ${victims.length} of ${population} (${percentOf(victims.length, population)} %, max ${maxPercent} %): ${victims.join(', ')}`,
  );
}

function dryRun(recorder: ChaosRecorder): ChaosOutcome {
  recorder.note('Dry run: nothing was touched');
  return { report: recorder.finish('dry-run') };
}

const shortTask = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The alarms in ALARM, as `name: reason`. A name CloudWatch does not know is an error, not a pass. */
async function firingAlarms(alarms: AlarmStates | undefined, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  if (!alarms) throw new Error('alarms were named but no alarm port was given');
  const states = await alarms.states();
  const missing = names.filter((name) => !states.has(name));
  if (missing.length > 0) {
    throw new DeployError(`CloudWatch alarm(s) not found: ${missing.join(', ')}`, {
      fix: 'Check the `alarms` input: names are case-sensitive and must be in the same region.',
    });
  }
  return [...states].filter(([, alarm]) => alarm.state === 'ALARM').map(([name, alarm]) => `${name}: ${alarm.reason}`);
}

async function abortOnAlarm(alarms: AlarmStates | undefined, names: string[], when: string): Promise<void> {
  const firing = await firingAlarms(alarms, names);
  if (firing.length > 0) {
    throw new DeployError(`Chaos aborted: an alarm entered ALARM ${when}`, {
      why: firing,
      fix: 'The service did not tolerate the fault: investigate the alarm before running the experiment again.',
    });
  }
}

/** Keeps the targets out for the hold time, checking the alarms every poll. */
async function hold(plan: ChaosPlan, run: ChaosRun, signal: AbortSignal | undefined): Promise<void> {
  const end = run.clock.now() + plan.holdMs;
  for (let now = run.clock.now(); now < end; now = run.clock.now()) {
    await abortOnAlarm(run.alarms, plan.alarms, 'while targets were drained');
    await run.clock.sleep(Math.min(plan.pollMs, end - now), signal);
  }
}

async function reregister(ports: ChaosRun, drained: DrainedTargets, recorder: ChaosRecorder): Promise<void> {
  await ports.targets.register(drained.targetGroupArn, drained.targets);
  saveDrained(ports.checkpoint, undefined);
  recorder.note(`Registered ${describeTargets(drained.targets).join(', ')} again`);
}

/**
 * Polls until the service runs its desired count (listed and RUNNING) with at least that many
 * healthy targets. Returns the seconds it took since `since`.
 */
async function watchRecovery(
  service: string,
  targetGroupArn: string | undefined,
  plan: ChaosPlan,
  run: ChaosRun,
  recorder: ChaosRecorder,
  since: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  let last = '';
  for (;;) {
    await abortOnAlarm(run.alarms, plan.alarms, 'while the service was recovering');
    const state = (await run.fleet.describeServices([service])).get(service)!;
    const tasks = await run.tasks.runningTasks(service);
    const healthy = targetGroupArn ? (await run.targets.targets(targetGroupArn)).filter((t) => t.state === 'healthy').length : undefined;
    const desired = state.desiredCount;
    const progress = `${service}: ${state.runningCount}/${desired} running, ${tasks.length} listed${healthy === undefined ? '' : `, ${healthy} healthy target(s)`}`;
    if (progress !== last) recorder.note(progress);
    last = progress;
    if (state.runningCount >= desired && tasks.length >= desired && (healthy === undefined || healthy >= desired)) {
      return Math.round((run.clock.now() - since) / 1000);
    }
    const waited = run.clock.now() - since;
    if (waited >= plan.recoveryTimeoutMs) {
      throw new NotRecovered(`${service} did not recover within ${formatDuration(plan.recoveryTimeoutMs)} (${progress})`, {
        why: await deploymentEvidence(run.fleet, state, since),
        fix: 'The service does not heal from this fault in time: check its capacity, health check grace period and deployment settings.',
      });
    }
    await run.clock.sleep(Math.min(plan.pollMs, plan.recoveryTimeoutMs - waited), signal);
  }
}
