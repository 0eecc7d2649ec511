import { existsSync, statSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Output, State } from '../constants.ts';
import { Announcer, finalEvent, type NotifySpec } from '../notify/announcer.ts';
import { notifySecrets, type NotifyValues } from '../notify/inputs.ts';
import type { DeploymentRecord } from '../engine/record.ts';
import type { RunOutcome } from '../engine/two-color/run-context.ts';
import type { Announce } from '../engine/two-color/ports.ts';
import { asDeployError, DeployError, InputError } from '../errors.ts';
import type { RecordInputs } from '../inputs/record.ts';
import type { InputSource } from '../inputs/read.ts';
import type { Checkpoint, Clock, Log } from '../engine/ports.ts';
import { systemClock } from './action.ts';
import type { RecordedRun } from './record.ts';
import { actionsLog, failStep } from './actions-log.ts';
import { cell, fenced } from '../markdown.ts';
import { noLegacyCommand } from './untrusted.ts';

/** What every engine's report has: which action wrote it, how it ended, and why it failed. */
export interface ActionReport {
  action: string;
  result?: string;
  error?: { what: string; why: string[]; fix?: string };
}

/** What every engine returns: the report, and an error when the run did not end as asked. */
export interface Outcome<R extends ActionReport = ActionReport> {
  report: R;
  error?: DeployError;
}

/** What the runner hands an action's run: the cancel signal and the real clock, log and state. */
export interface RunContext {
  signal: AbortSignal;
  clock: Clock;
  log: Log;
  /** core.saveState: what the post step needs (keys in shared/constants.ts). */
  checkpoint: Checkpoint;
  /** The GitHub Deployments record, when the spec records the run and an environment was given. */
  record?: DeploymentRecord;
  /** Tell the record the task definition about to go live (starts its entry). A no-op without a record. */
  onTaskDefinition: (arn: string) => Promise<void>;
  /** Tells the team a milestone (engines call it after the traffic write it is about). */
  announce: Announce;
}

/** A run recorded in GitHub Deployments, and the inputs (environment, github-token) that say where. */
export interface RecordAs {
  run: RecordedRun;
  inputs: RecordInputs;
}

export type Outputs = Partial<Record<(typeof Output)[keyof typeof Output], string | number | undefined>>;

/**
 * One action, as the runner runs it: parse inputs → wire adapters and run the engine →
 * outputs + JSON report + job summary. `inputs` must not load the SDK: `run` does, with a
 * dynamic import of the action's wiring.ts, so a bad input never pays for it.
 */
export interface ActionSpec<I, R extends ActionReport, O extends Outcome<R> = Outcome<R>> {
  inputs(source: InputSource, env: NodeJS.ProcessEnv): I;
  /** Record the run in GitHub Deployments as this (undefined: not recorded). */
  record?(inputs: I): RecordAs | undefined;
  run(inputs: I, context: RunContext): Promise<O>;
  /** The outputs besides `report` (undefined values are not set). */
  outputs(outcome: O, inputs: I): Outputs;
  /** The job summary (Markdown). */
  summary(report: R): string;
  /** Announce the run to the team (Slack, Teams, a webhook) when the notification inputs ask for it. */
  notify?: NotifySpec<I, R> & { values(inputs: I): NotifyValues };
}

/**
 * The main step of every action: SIGINT/SIGTERM abort the run (so traffic goes back before
 * exit); the inputs are read; the run is recorded when asked; then the outputs, the JSON report
 * and the job summary; and a run that did not end as asked fails the step with one line.
 */
export async function runAction<I, R extends ActionReport, O extends Outcome<R>>(
  spec: ActionSpec<I, R, O>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  await runStep(async (signal) => {
    const inputs = spec.inputs(readInput, env);
    // The toolkit (and its HTTP client) loads only once the inputs are valid.
    const core = await import('@actions/core');
    const announcer = spec.notify && (await startAnnouncer(spec.notify, inputs, core));
    const context: RunContext = {
      signal,
      clock: systemClock,
      log: actionsLog(core),
      checkpoint: { save: (key, value) => core.saveState(key, value) },
      onTaskDefinition: async () => {},
      announce: (event, summary, report) => announcer?.announce(event, summary, report as unknown as R),
    };
    announcer?.announce('started', `${spec.notify!.subject(inputs).action} started`);
    const outcome = await execute(spec, inputs, context);
    if (announcer) {
      // After the run's last write (a restore included): a message never claims what has not happened.
      const { report, error } = outcome;
      const event = finalEvent(report, Boolean(error), signal.aborted);
      announcer.announce(event, error ? error.message : `${report.action}: ${report.result}`, report, report.result);
      // A cancel leaves 7.5 s before SIGTERM: the restore is done; notifications get little of the rest.
      await announcer.flush(signal.aborted ? 1_500 : 3_000);
    }
    for (const [name, value] of Object.entries(spec.outputs(outcome, inputs))) {
      if (value !== undefined) core.setOutput(name, value);
    }
    core.setOutput(Output.Report, await publishReport(outcome, spec.summary));
    if (outcome.error) throw outcome.error;
  });
}

type Core = typeof import('@actions/core');

/** The notifier the inputs ask for (none: undefined); every secret is masked before anything can print it. */
async function startAnnouncer<I, R>(notify: NotifySpec<I, R> & { values(inputs: I): NotifyValues }, inputs: I, core: Core) {
  const values = notify.values(inputs);
  const secrets = notifySecrets(values);
  if (secrets.length === 0) return undefined;
  for (const secret of secrets) core.setSecret(secret);
  const { notifierFor } = await import('../notify/wiring.ts');
  const notifier = await notifierFor(values, {
    warn: actionsLog(core).warn,
    rememberSlackThread: (saved) => core.saveState(State.SlackThread, saved),
  });
  return new Announcer<R>(notifier, notify.subject(inputs), notify.facts?.bind(notify), Date.now);
}

/** An input as the runner passes it (INPUT_<NAME>, dashes kept), trimmed: core.getInput without loading core. */
export const readInput: InputSource = (name) => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

async function execute<I, R extends ActionReport, O extends Outcome<R>>(
  spec: ActionSpec<I, R, O>,
  inputs: I,
  context: RunContext,
): Promise<O> {
  const recorded = spec.record?.(inputs);
  if (!recorded) return spec.run(inputs, context);
  // Octokit is loaded only by the runs that record.
  const { deploymentRecord, withDeploymentRecord } = await import('./record.ts');
  const record = deploymentRecord(recorded.inputs);
  // Only two-color runs (whose reports name the live color) are recorded.
  const outcome = await withDeploymentRecord(
    recorded.inputs,
    recorded.run,
    (onTaskDefinition) => spec.run(inputs, { ...context, record, onTaskDefinition }) as unknown as Promise<RunOutcome>,
    record,
    context.checkpoint,
  );
  return outcome as unknown as O;
}

/**
 * Runs a step (a main or a post step): SIGINT/SIGTERM (a cancelled workflow) abort the signal
 * so the engine can put traffic back before the process exits, and any error ends as one
 * annotation with the fix plus its evidence in a collapsed group.
 */
export async function runStep(main: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.stdout.write(`::warning::Received ${signal}: stopping; traffic goes back to the previous version before exit\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await main(controller.signal);
  } catch (error) {
    await reportFailure(error);
    await summarizeUnreported(error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The post step: reads only saved state (never the maybe-invalid inputs). */
export async function runCleanup(cleanup: (state: { get(key: string): string }, context: { clock: Clock; log: Log }) => Promise<void>) {
  await runStep(async () => {
    const core = await import('@actions/core');
    await cleanup({ get: (key) => core.getState(key) }, { clock: systemClock, log: actionsLog(core) });
  });
}

/**
 * Fails the step with one line. An input error is written as the runner's `::error::` command
 * directly (escaped as @actions/core escapes it), so a bad input never loads the toolkit.
 */
export async function reportFailure(error: unknown): Promise<void> {
  if (error instanceof InputError) {
    process.exitCode = 1;
    process.stdout.write(`::error::${escapeData(noLegacyCommand(error.message))}\n`);
    return;
  }
  const core = await import('@actions/core');
  failStep(core, error instanceof DeployError ? error : asDeployError(error));
}

/** As @actions/core escapes a command's data: no line break or % can end the command early. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A step that failed before writing its job summary (a bad input, say) still leaves one. */
async function summarizeUnreported(error: unknown): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file || (existsSync(file) && statSync(file).size > 0)) return;
  const failure = error instanceof DeployError ? error : asDeployError(error);
  const lines = [`## ❌ Failed: ${cell(failure.message)}`, '', ...(failure.fix ? [cell(failure.fix), ''] : [])];
  if (failure.why.length > 0) lines.push(...fenced(failure.why), '');
  await appendFile(file, lines.join('\n'));
}

/** Writes the JSON report and the job summary; returns the report's path (the `report` output). */
export async function publishReport<R extends ActionReport>(outcome: Outcome<R>, summary: (report: R) => string): Promise<string> {
  const { report, error } = outcome;
  if (error) report.error = { what: error.message, why: error.why, fix: error.fix };
  const path = join(
    process.env.RUNNER_TEMP || tmpdir(),
    `${report.action}-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}.json`,
  );
  await writeFile(path, JSON.stringify(report, null, 2));
  if (process.env.GITHUB_STEP_SUMMARY) {
    const core = await import('@actions/core');
    await core.summary.addRaw(summary(report)).write();
  }
  return path;
}
