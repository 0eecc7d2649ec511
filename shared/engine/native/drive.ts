/**
 * Drives one ECS service deployment to its end: watches its stages, runs the gates while the new
 * revision takes production traffic, answers each PAUSE hook (CONTINUE once the step has baked
 * with every gate passing, ROLLBACK at the first failure), and turns ECS's final status into the
 * run's result, with traffic verified on the production rule.
 */
import { formatDuration } from '../../duration.ts';
import { asDeployError, CancelledError, DeployError, messageOf } from '../../errors.ts';
import type { Gate, GateResult } from '../ports.ts';
import {
  STATE,
  type NativeOutcome,
  type NativePlan,
  type NativeResult,
  type NativeRecorder,
  type NativeRun,
  type NativeStep,
} from './context.ts';
import { ACTIVE_STATUSES, type NativeTopology } from './inspect.ts';
import type { NativeDeployment } from './ports.ts';

export const ROLLING_BACK = new Set(['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);
export const TERMINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/** A gate (or ECS itself) said no: the deployment must be rolled back. */
export class GateFailure extends DeployError {
  readonly failing: GateResult[];
  constructor(weight: number, failing: GateResult[]) {
    super(`Gate failed with ${weight}% of production on the new revision`, {
      why: failing.map((r) => `${r.gate}: ${r.observed} (threshold ${r.threshold})`),
      fix: 'ECS rolled back to the revision that was live. Investigate the new version with the gate evidence before deploying again.',
    });
    this.name = 'GateFailure';
    this.failing = failing;
  }
}

export interface WatchSettings {
  gates: Gate[];
  bakeMs: number;
  extensionMs: number;
  pollMs: number;
  /** Epoch ms: past it the run gives up and rolls back. */
  deadline: number;
  /** Return (the run exits with the deployment paused) when a PAUSE hook awaits action at this stage. */
  exitAt?: string;
  signal?: AbortSignal;
}

export type WatchEnd = { kind: 'ended'; deployment: NativeDeployment } | { kind: 'paused'; deployment: NativeDeployment; hookId: string };

/** ECS's own view of the new revision, as a gate: triggered deployment alarms, the circuit breaker, missing tasks. */
export function ecsHealth(d: NativeDeployment): GateResult {
  const threshold = 'no triggered deployment alarm, circuit breaker not triggered, running = requested';
  const result = (verdict: GateResult['verdict'], observed: string): GateResult => ({
    gate: 'ECS deployment',
    verdict,
    observed,
    threshold,
  });
  if (d.alarms?.status === 'TRIGGERED') return result('fail', `alarms triggered: ${d.alarms.triggered.join(', ') || 'unnamed'}`);
  if (d.circuitBreaker?.status === 'TRIGGERED')
    return result('fail', `circuit breaker triggered (${d.circuitBreaker.failureCount}/${d.circuitBreaker.threshold} failed tasks)`);
  const counts = `${d.targetRunning}/${d.targetRequested} running`;
  return result(d.targetRunning < d.targetRequested ? 'inconclusive' : 'pass', counts);
}

/** Polls the deployment until it ends (or pauses at `exitAt`); throws GateFailure, a timeout or CancelledError. */
export async function watch(arn: string, settings: WatchSettings, run: NativeRun, recorder: NativeRecorder): Promise<WatchEnd> {
  let stage: string | undefined;
  let weight = 0;
  let step: NativeStep | undefined;
  let since = run.clock.now();
  for (;;) {
    const d = await run.ecs.describeDeployment(arn);
    const now = run.clock.now();
    if (d.lifecycleStage !== stage || (TERMINAL.has(d.status) && stage !== d.status)) {
      stage = TERMINAL.has(d.status) ? d.status : d.lifecycleStage;
      recorder.note(`ECS: ${d.status}${d.lifecycleStage ? ` at ${d.lifecycleStage}` : ''}`);
    }
    if (TERMINAL.has(d.status)) {
      if (step && step.verdict === 'inconclusive') step.verdict = d.status === 'SUCCESSFUL' ? 'pass' : 'fail';
      return { kind: 'ended', deployment: d };
    }
    const awaiting = d.hooks.find((h) => h.status === 'AWAITING_ACTION');
    if (!ROLLING_BACK.has(d.status)) {
      if (awaiting && settings.exitAt && d.lifecycleStage === settings.exitAt)
        return { kind: 'paused', deployment: d, hookId: awaiting.hookId };
      const shifted = d.targetWeight ?? 0;
      if (shifted !== weight) {
        if (step && step.verdict === 'inconclusive') step.verdict = 'pass';
        weight = shifted;
        since = now;
        step = shifted > 0 ? recorder.startStep(shifted) : undefined;
        if (step)
          recorder.note(`Production: ${shifted}% on the new revision; gates judge it for at least ${formatDuration(settings.bakeMs)}`);
      }
      const results = [ecsHealth(d)];
      if (weight > 0) results.push(...(await Promise.all(settings.gates.map((g) => g.evaluate({ from: since, to: now })))).flat());
      if (step) {
        step.gates = results;
        step.polls += 1;
        step.durationMs = now - since;
      }
      const failing = results.filter((r) => r.verdict === 'fail');
      if (failing.length > 0) {
        if (step) step.verdict = 'fail';
        throw new GateFailure(weight, failing);
      }
      if (awaiting) {
        const waiting = results.filter((r) => r.verdict === 'inconclusive');
        const baked = weight === 0 || now - since >= settings.bakeMs;
        if (baked && waiting.length === 0) {
          if (step) step.verdict = 'pass';
          await run.ecs.continueDeployment(arn, awaiting.hookId, 'CONTINUE');
          recorder.note(`CONTINUE at ${d.lifecycleStage ?? 'the pause'} (${weight}% on the new revision, every gate passing)`);
        } else if (now >= since + settings.bakeMs + settings.extensionMs) {
          if (step) step.verdict = 'fail';
          throw new GateFailure(
            weight,
            waiting.map((r) => ({ ...r, observed: `${r.observed}; still inconclusive after the extension` })),
          );
        }
      }
    }
    if (now >= settings.deadline)
      throw new DeployError(`Service deployment ${arn} did not finish in time (stuck at ${d.lifecycleStage ?? d.status})`, {
        fix: 'Raise wait-timeout, or look at the service events for what ECS is waiting on.',
      });
    await run.clock.sleep(settings.pollMs, settings.signal);
  }
}

/**
 * Ends a deployment that must not go on: CONTINUE(ROLLBACK) at an awaiting pause, else
 * StopServiceDeployment(ROLLBACK). Uses the ports that ignore the cancel signal.
 */
export async function requestRollback(arn: string, why: string, run: NativeRun, recorder: NativeRecorder): Promise<void> {
  const d = await run.restore.describeDeployment(arn);
  if (TERMINAL.has(d.status) || ROLLING_BACK.has(d.status)) return;
  const awaiting = d.hooks.find((h) => h.status === 'AWAITING_ACTION');
  if (awaiting) {
    try {
      await run.restore.continueDeployment(arn, awaiting.hookId, 'ROLLBACK');
      recorder.note(`ROLLBACK at the ${d.lifecycleStage ?? ''} pause (${why})`);
      return;
    } catch (error) {
      recorder.warn(`ContinueServiceDeployment(ROLLBACK) failed (${messageOf(error)}); stopping the deployment instead`);
    }
  }
  await run.restore.rollbackDeployment(arn);
  recorder.note(`StopServiceDeployment(ROLLBACK) (${why})`);
}

/** Waits (without the cancel signal) until ECS ends the deployment. */
export async function waitForEnd(arn: string, plan: NativePlan, run: NativeRun, recorder: NativeRecorder): Promise<NativeDeployment> {
  const deadline = run.clock.now() + plan.waitTimeoutMs;
  for (;;) {
    const d = await run.restore.describeDeployment(arn);
    if (TERMINAL.has(d.status)) {
      recorder.note(`ECS: ${d.status}`);
      return d;
    }
    if (run.clock.now() >= deadline) throw new DeployError(`ECS did not finish rolling back ${arn} in time (${d.status})`);
    await run.clock.sleep(plan.pollMs);
  }
}

/** Reads the production rule until `targetGroup` has 100 % (ELB is eventually consistent). */
export async function verifyProduction(
  topology: NativeTopology,
  targetGroup: string,
  plan: NativePlan,
  run: NativeRun,
  recorder: NativeRecorder,
): Promise<boolean> {
  const deadline = run.clock.now() + plan.waitTimeoutMs;
  for (;;) {
    const weights = await run.restore.ruleWeights(topology.wiring.productionListenerRule);
    recorder.report.weights = weights;
    const others = Object.entries(weights).filter(([tg]) => tg !== targetGroup);
    if ((weights[targetGroup] ?? 0) > 0 && others.every(([, w]) => w === 0)) {
      recorder.note(`Verified: production rule 100 % on ${targetGroup.split('/').at(-2)}`);
      return true;
    }
    if (run.clock.now() >= deadline) return false;
    await run.clock.sleep(Math.min(plan.pollMs, 5_000));
  }
}

/** ECS's own evidence for a deployment that did not succeed. */
export async function evidence(d: NativeDeployment, plan: NativePlan, since: number, run: NativeRun): Promise<string[]> {
  const lines: string[] = [`service deployment ${d.arn}: ${d.status}${d.statusReason ? ` (${d.statusReason})` : ''}`];
  if (d.rollback?.reason) lines.push(`rollback reason: ${d.rollback.reason}`);
  if (d.alarms?.triggered.length) lines.push(`triggered alarms: ${d.alarms.triggered.join(', ')}`);
  if (d.circuitBreaker && d.circuitBreaker.failureCount > 0)
    lines.push(
      `circuit breaker: ${d.circuitBreaker.status ?? ''} ${d.circuitBreaker.failureCount}/${d.circuitBreaker.threshold} failed tasks`,
    );
  try {
    const service = await run.restore.describeService(plan.service);
    lines.push(
      ...service.events
        .filter((e) => e.at.getTime() >= since)
        .slice(0, 5)
        .map((e) => `event: ${e.message}`),
    );
    const stopped = await run.restore.stoppedTasks(plan.service, 3);
    lines.push(...stopped.filter((t) => t.taskDefinition === d.taskDefinition).map((t) => `stopped task: ${t.reason}`));
  } catch (error) {
    lines.push(`(could not read service events: ${messageOf(error)})`);
  }
  return lines;
}

/**
 * The result is ECS's final word: SUCCESSFUL is promoted (and the production rule is checked on the
 * new target group); anything else was never promoted, and traffic is verified on the original.
 */
export async function conclude(
  d: NativeDeployment,
  topology: NativeTopology,
  plan: NativePlan,
  run: NativeRun,
  recorder: NativeRecorder,
  cause?: DeployError,
): Promise<NativeOutcome> {
  const report = recorder.report;
  report.finalStatus = d.status;
  const since = Date.parse(report.startedAt);
  if (d.status === 'SUCCESSFUL') {
    const verified = await verifyProduction(topology, topology.newTargetGroup, plan, run, recorder);
    if (!verified) recorder.warn(`ECS reports SUCCESSFUL but the production rule is not 100 % on ${topology.newTargetGroup}`);
    return finish('promoted', run, recorder);
  }
  const why = await evidence(d, plan, since, run);
  const verified = await verifyProduction(topology, topology.originalTargetGroup, plan, run, recorder);
  if (!verified) {
    const error = new DeployError(`ECS ended ${d.arn} with ${d.status}, but production is not verified back on the original target group`, {
      why: [...why, `production weights: ${JSON.stringify(report.weights)}`],
      fix: `Check the listener rule ${topology.wiring.productionListenerRule} in the console now, and run the rollback action.`,
    });
    return finish('failed', run, recorder, error);
  }
  const error =
    cause ??
    new DeployError(`ECS did not promote: the service deployment ended ${d.status}`, {
      fix: 'Production is back on the revision that was live. The evidence above says why ECS rolled back.',
    });
  error.why.push(...why);
  return finish(d.status === 'ROLLBACK_SUCCESSFUL' ? 'rolled-back' : 'failed', run, recorder, error);
}

/** The run's end: the team's configuration restored if the run changed it, the phase `done`. */
export async function finish(
  result: Exclude<NativeResult, 'paused'>,
  run: NativeRun,
  recorder: NativeRecorder,
  error?: DeployError,
): Promise<NativeOutcome> {
  const restoreError = await restoreConfiguration(run, recorder);
  run.checkpoint.save(STATE.phase, 'done');
  const report = recorder.finish(result);
  const final = error ?? restoreError;
  if (final) report.error = { what: final.message, why: final.why, fix: final.fix };
  return { report, error: final };
}

/** Writes the team's deployment configuration back (only when this run or its prepare changed it). */
export async function restoreConfiguration(run: NativeRun, recorder: NativeRecorder): Promise<DeployError | undefined> {
  const snapshot = recorder.report.configSnapshot;
  if (!snapshot) return undefined;
  try {
    await run.restore.restoreConfiguration(recorder.report.service, snapshot);
    delete recorder.report.configSnapshot;
    run.checkpoint.save(STATE.configChanged, 'false');
    recorder.note('Restored the service deployment configuration the team had');
    return undefined;
  } catch (error) {
    recorder.warn(`Could not restore the deployment configuration: ${messageOf(error)}`);
    return new DeployError(`The service's deployment configuration could not be restored: ${messageOf(error)}`, {
      fix: 'Remove the PAUSE lifecycle hook and strategy the action added (docs/native-mode.md), or re-apply your IaC.',
    });
  }
}

/** What a run has changed so far: once it is deploying, a failure rolls back; before, nothing changed. */
export interface NativeProgress {
  topology?: NativeTopology;
  /** The service deployment it started, once known. */
  arn?: string;
  deploying: boolean;
}

/** How a run ends after it threw: rolled back when it was deploying, else failed before any change. */
export async function concludeFailure(
  caught: unknown,
  progress: NativeProgress,
  plan: NativePlan,
  run: NativeRun,
  recorder: NativeRecorder,
): Promise<NativeOutcome> {
  if (progress.deploying && progress.topology) return rollBackAndConclude(caught, progress.arn, progress.topology, plan, run, recorder);
  const error = asDeployError(caught);
  recorder.note(`Failed before any change: ${error.message}`);
  return finish('failed', run, recorder, error);
}

/**
 * How a run that started a deployment ends after a failure, a timeout or a cancel: ECS rolls it
 * back, the run waits for that and verifies production on the original target group.
 */
async function rollBackAndConclude(
  caught: unknown,
  arn: string | undefined,
  topology: NativeTopology,
  plan: NativePlan,
  run: NativeRun,
  recorder: NativeRecorder,
): Promise<NativeOutcome> {
  const error = asDeployError(caught);
  const last = recorder.report.steps.at(-1);
  if (caught instanceof CancelledError && last) last.verdict = 'cancelled';
  try {
    const target = arn ?? (await run.restore.listDeployments(plan.service, ACTIVE_STATUSES))[0]?.arn;
    if (!target) {
      recorder.note(`Failed before ECS started a deployment: ${error.message}`);
      return await finish('failed', run, recorder, error);
    }
    await requestRollback(target, caught instanceof CancelledError ? 'the run was cancelled' : error.message, run, recorder);
    const ended = await waitForEnd(target, plan, run, recorder);
    return await conclude(ended, topology, plan, run, recorder, error);
  } catch (failure) {
    const why = asDeployError(failure);
    return finish(
      'failed',
      run,
      recorder,
      new DeployError(`Rolling back failed: ${why.message}`, { why: [error.message, ...why.why], fix: why.fix }),
    );
  }
}
