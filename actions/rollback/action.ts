import type { NativeOutcome, NativeReport } from '../../shared/engine/native/context.ts';
import type { RunOutcome } from '../../shared/engine/two-color/run-context.ts';
import { isNative, nativeOutputs } from '../../shared/github/native-report.ts';
import { Output } from '../../shared/constants.ts';
import { runRollback } from '../../shared/engine/two-color/rollback.ts';
import { runServiceRollback } from '../../shared/engine/two-color/rollback-service.ts';
import { closingLeftRecord } from '../../shared/github/record-post.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, eitherEngineReport, twoColorOutputs } from '../../shared/github/two-color.ts';
import type { Report } from '../../shared/engine/two-color/report.ts';
import { parseRollbackInputs, type RollbackInputs } from './inputs.ts';

const services = ({ mode }: RollbackInputs) => (mode.kind === 'service' ? [mode.service] : Object.values(mode.services));

export const rollback: ActionSpec<RollbackInputs, Report | NativeReport, RunOutcome | NativeOutcome> = {
  inputs: parseRollbackInputs,
  record: (inputs) => ({
    inputs,
    run: { strategy: 'rollback', cluster: inputs.cluster, services: services(inputs), reason: inputs.reason },
  }),
  async run(inputs, context) {
    if (inputs.mode.kind === 'service') {
      // A service wired for ECS-native deployments (advancedConfiguration) rolls back through ECS.
      const { rollBackNativelyIfWired } = await import('./native.ts');
      const native = await rollBackNativelyIfWired(inputs, inputs.mode.service, context);
      if (native) return native;
    }
    const { wire } = await import('./wiring.ts');
    const wired = wire(inputs, context);
    const outcome =
      wired.kind === 'service'
        ? await runServiceRollback(wired.plan, wired.ports, context.signal)
        : await runRollback(wired.plan, wired.ports, context.signal);
    const listener = inputs.mode.kind === 'colors' ? inputs.mode.router.arn : undefined;
    addConsoleLinks(outcome.report, { ...inputs, services: services(inputs), listener });
    return outcome;
  },
  // Rollback declares no previous-* outputs; a single service has no weights, and is live only once the rollback held.
  outputs: ({ report, error }, { mode }) => {
    if (isNative(report)) return nativeOutputs(report);
    const all = twoColorOutputs(report);
    return {
      [Output.Result]: all.result,
      [Output.LiveService]: mode.kind === 'service' ? (error ? undefined : mode.service) : all['live-service'],
      [Output.TaskDefinitionArn]: all['task-definition-arn'],
      [Output.Weights]: mode.kind === 'colors' ? all.weights : undefined,
    };
  },
  ...eitherEngineReport('rollback', services),
};

export const run = () => runAction(rollback);

/**
 * The post step only closes a deployment entry a killed main step left open: a rollback's one
 * traffic write runs to its read-back even on cancel, so there is no traffic to put back.
 */
export const cleanup = () =>
  runCleanup(
    closingLeftRecord(async (_state, { log }) => {
      log.info('Nothing to restore (a rollback moves traffic in one verified write)');
      return 'moved no traffic';
    }),
  );
