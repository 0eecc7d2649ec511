/**
 * The one place the runner's log is written from (besides annotations, which @actions/core
 * escapes whole): every plain line passes `neutralizeCommands`, so no ECS event, AWS message,
 * task log line, check name or payload that reaches the Log port can start a workflow command.
 */
import type { LogSink } from '../engine/run-task/ports.ts';
import type { Log } from '../ports.ts';
import { neutralizeCommands } from './untrusted.ts';

type Core = typeof import('@actions/core');

/** The Log port over @actions/core: `info` is a plain line (neutralised), `warn` a warning annotation. */
export const actionsLog = (core: Core): Log => ({
  info: (message) => core.info(neutralizeCommands(message)),
  warn: (message) => core.warning(message),
});

/** A one-off task's log lines, in one collapsible group of the job log. */
export const actionsSink = (core: Core): LogSink => ({
  startGroup: (title) => core.startGroup(title),
  line: (text) => core.info(neutralizeCommands(text)),
  endGroup: () => core.endGroup(),
});
