/**
 * The one place the runner's log is written from: every plain line passes `neutralizeCommands`
 * and every annotation or group title `noLegacyCommand` (@actions/core escapes their line
 * breaks), so no ECS event, AWS message, task log line, check name, payload or input value
 * that reaches the log can start a workflow command.
 */
import type { LogSink } from '../engine/run-task/ports.ts';
import type { Log } from '../engine/ports.ts';
import { neutralizeCommands, noLegacyCommand } from './untrusted.ts';

type Core = typeof import('@actions/core');

/** The Log port over @actions/core: `info` is a plain line (neutralised), `warn` a warning annotation. */
export const actionsLog = (core: Core): Log => ({
  info: (message) => core.info(neutralizeCommands(message)),
  warn: (message) => core.warning(noLegacyCommand(message)),
});

/** The step's failure: its evidence in a collapsed group, then one error annotation with the fix. */
export function failStep(core: Core, failure: { message: string; why: string[]; fix?: string }): void {
  if (failure.why.length > 0) {
    core.startGroup(noLegacyCommand(`Why: ${failure.message}`));
    for (const line of failure.why) core.info(neutralizeCommands(line));
    core.endGroup();
  }
  core.setFailed(noLegacyCommand(failure.fix ? `${failure.message}. ${failure.fix}` : failure.message));
}

/** A one-off task's log lines, in one collapsible group of the job log. */
export const actionsSink = (core: Core): LogSink => ({
  startGroup: (title) => core.startGroup(noLegacyCommand(title)),
  line: (text) => core.info(neutralizeCommands(text)),
  endGroup: () => core.endGroup(),
});
