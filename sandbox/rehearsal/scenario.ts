/**
 * One rehearsal stage (sandbox + steady load) and runs of the committed bundles on it, with the
 * figures the demo prints and the benchmarks record: outcome, duration, AWS calls by operation,
 * and what the load generator saw (which version answered, errors, time to restore).
 */
import { startLoad, startSandbox, type LoadHandle, type LoadResult, type Sandbox } from '../index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from './rehearsal.ts';
import { runBundle, type BundleResult } from './run-bundle.ts';

export interface Stage {
  sandbox: Sandbox;
  load: LoadHandle;
  dir: string;
  stop(): Promise<void>;
}

export async function startStage(rps = 40): Promise<Stage> {
  const sandbox = await startSandbox(FAST_SANDBOX);
  const load = startLoad({ url: `${sandbox.listenerUrl}/`, rps });
  const dir = workspace();
  return {
    sandbox,
    load,
    dir,
    stop: async () => {
      await load.stop();
      await sandbox.stop();
    },
  };
}

export interface RunFigures {
  result: BundleResult;
  durationMs: number;
  calls: Record<string, number>;
  /** Requests the load generator sent while the run was going, by the version that answered. */
  versions: Record<string, number>;
  errors: number;
  /** First to last answer of `version` seen by the load generator (its time on traffic). */
  exposureMs: number | undefined;
}

export async function runAction(
  stage: Stage,
  action: string,
  inputs: Record<string, string>,
  exposedVersion?: string,
): Promise<RunFigures> {
  stage.sandbox.control.resetCallLog();
  const started = Date.now();
  const result = await runBundle(action, { inputs, env: sandboxEnv(stage.sandbox, stage.dir) });
  // Requests in flight when the run ended still count.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const seen = stage.load.results.filter((r) => r.at >= started);
  const summary = stage.load.summary(started);
  return {
    result,
    durationMs: Date.now() - started,
    calls: stage.sandbox.control.callCounts(),
    versions: summary.byVersion,
    errors: summary.errors,
    exposureMs: exposedVersion ? exposure(seen, exposedVersion) : undefined,
  };
}

/** A canary of a release of the sample app with the given behaviour. */
export function runCanaryRelease(stage: Stage, version: string, env: Record<string, string>, overrides: Record<string, string> = {}) {
  const release = writeRelease(stage.dir, stage.sandbox, version, env);
  return runAction(stage, 'canary', canaryInputs(stage.sandbox, release, overrides), version);
}

function exposure(results: LoadResult[], version: string): number | undefined {
  const answered = results.filter((r) => r.version === version).map((r) => r.at);
  return answered.length > 0 ? Math.max(...answered) - Math.min(...answered) : undefined;
}

export { liveWeights };
