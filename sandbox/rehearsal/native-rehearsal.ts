/**
 * What the native end-to-end tests, the demo and the benchmark share: a sandbox whose ECS minute
 * lasts 400 ms (hook timeouts and bakes in seconds), load on the single-service app's production
 * listener, inputs for `service`, and the production rule as traffic sees it.
 */
import { startLoad, startSandbox, type Sandbox } from '../index.ts';
import { FAST_SANDBOX, workspace } from './rehearsal.ts';
import type { Stage } from './scenario.ts';

/** One ECS minute in the native sandbox. */
export const NATIVE_MINUTE_MS = 400;

export async function startNativeStage(rps = 40): Promise<Stage> {
  const sandbox = await startSandbox({ ...FAST_SANDBOX, ecs: { ...FAST_SANDBOX.ecs, minuteMs: NATIVE_MINUTE_MS } });
  const load = startLoad({ url: `${sandbox.native!.listenerUrl}/`, rps });
  return {
    sandbox,
    load,
    dir: workspace(),
    stop: async () => {
      await load.stop();
      await sandbox.stop();
    },
  };
}

/**
 * Native canary inputs: the 5xx gate on the new target group with 1 s periods (each step waits a
 * few seconds for published metrics), no action-side bake beyond that. Override what a run is about.
 */
export function nativeCanaryInputs(
  sandbox: Sandbox,
  taskDefinition: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    cluster: sandbox.cluster,
    service: sandbox.native!.service.name,
    'task-definition': taskDefinition,
    steps: '10,100',
    'bake-time': '0s',
    'poll-interval': '1s',
    'metric-period': '1s',
    'min-requests': '5',
    'max-5xx-rate': '5',
    alarms: '',
    ...overrides,
  };
}

/** The production (or test) rule as ELB serves it: percent by target group name. */
export function nativeRuleWeights(
  sandbox: Sandbox,
  rule: 'nativeProductionRule' | 'nativeTestRule' = 'nativeProductionRule',
): Record<string, number> {
  return Object.fromEntries((sandbox.control.snapshot().weights[rule] ?? []).map((e) => [e.targetGroup, e.weight]));
}
