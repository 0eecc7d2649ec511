import { Output, State } from '../../shared/constants.ts';
import { runChaos } from '../../shared/engine/chaos/chaos.ts';
import { reregisterFromCheckpoint } from '../../shared/engine/chaos/drain-state.ts';
import type { ChaosReport } from '../../shared/engine/chaos/report.ts';
import { renderChaosSummary } from '../../shared/engine/chaos/summary.ts';
import { notifyAs } from '../../shared/notify/announcer.ts';
import { runAction, runCleanup, type ActionSpec } from '../../shared/github/runner.ts';
import { postClients } from '../../shared/github/post-clients.ts';
import { chaosPlan, parseChaosInputs, type ChaosInputs } from './inputs.ts';

export const chaos: ActionSpec<ChaosInputs, ChaosReport> = {
  inputs: parseChaosInputs,
  async run(inputs, context) {
    const by = `${process.env.GITHUB_REPOSITORY ?? 'local'} run ${process.env.GITHUB_RUN_ID ?? '-'}`;
    const { wire } = await import('./wiring.ts');
    return runChaos(chaosPlan(inputs, `chaos experiment (${inputs.experiment}) by ${by}`), wire(inputs, context), context.signal);
  },
  outputs: ({ report }) => ({
    [Output.Result]: report.result,
    [Output.Service]: report.service,
    [Output.RecoverySeconds]: report.recoverySeconds === undefined ? undefined : String(report.recoverySeconds),
  }),
  summary: renderChaosSummary,
  notify: notifyAs('chaos', (inputs) => (inputs.service ? [inputs.service] : [inputs['blue-service']!, inputs['green-service']!])),
};

export const run = () => runAction(chaos);

/**
 * Runs even when the job was cancelled or the main step was killed: targets the main step
 * drained and did not put back are registered again from the saved state (never the inputs).
 */
export const cleanup = () =>
  runCleanup(async (state, context) => {
    const saved = state.get(State.Drained);
    if (!saved) {
      context.log.info('Nothing to re-register (no targets were left drained)');
      return;
    }
    context.log.warn('The main step stopped with targets drained: registering them again');
    const { targetsFor } = await import('./wiring.ts');
    context.log.info(await reregisterFromCheckpoint(saved, targetsFor(await postClients(state)), context));
  });
