import type { SmokePorts } from '../../shared/engine/smoke/smoke.ts';
import type { RunContext } from '../../shared/github/runner.ts';
import { createHttpProbe } from '../../shared/net/http-probe.ts';
import { commandSuite } from './command.ts';
import type { SmokeInputs } from './inputs.ts';

/** The only place smoke builds adapters: the HTTP probe and, when asked, the user's command. */
export function wire(inputs: SmokeInputs, context: RunContext): SmokePorts {
  return {
    probe: createHttpProbe(),
    clock: context.clock,
    log: context.log,
    suite: inputs.command ? commandSuite(inputs.command, inputs.commandAwsCredentials) : undefined,
  };
}
