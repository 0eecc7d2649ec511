import type { NativeOutcome, NativeReport } from '../../shared/engine/native/context.ts';
import type { RunOutcome } from '../../shared/engine/run-context.ts';
import { isNative, nativeOutputs } from '../../shared/github/native-report.ts';
import { Output } from '../../shared/constants.ts';
import { runRollback } from '../../shared/engine/rollback.ts';
import { runServiceRollback } from '../../shared/engine/rollback-service.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { addConsoleLinks, eitherEngineReport, twoColorOutputs } from '../../shared/github/two-color.ts';
import type { Report } from '../../shared/report.ts';
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
