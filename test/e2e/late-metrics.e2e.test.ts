/**
 * The canary bundle against a sandbox whose CloudWatch tells time like AWS: ALB datapoints per
 * period, published 60–120 s late (scaled to 1–2 s per 1 s period here).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoad, startSandbox, type LoadHandle, type Sandbox } from '../../sandbox/index.ts';
import { FAST_SANDBOX, canaryInputs, liveWeights, sandboxEnv, workspace, writeRelease } from '../../sandbox/rehearsal/rehearsal.ts';
import { runBundle } from '../../sandbox/rehearsal/run-bundle.ts';

let sandbox: Sandbox;
let load: LoadHandle;
let dir: string;

beforeEach(async () => {
  sandbox = await startSandbox({
    ...FAST_SANDBOX,
    cloudwatch: { ...FAST_SANDBOX.cloudwatch, albPublishing: { periodMs: 1_000, minDelayMs: 1_000, maxDelayMs: 2_000 } },
  });
  load = startLoad({ url: `${sandbox.listenerUrl}/`, rps: 40 });
  dir = workspace();
});
afterEach(async () => {
  await load.stop();
  await sandbox.stop();
});

describe('canary bundle with late metrics', () => {
  it('a bad version whose errors arrive after the bake time is never promoted', async () => {
    const release = writeRelease(dir, sandbox, 'v2', { FAULT_RATE: '0.5' });
    // A 1 s bake: every error datapoint of the step is published after its nominal end.
    const inputs = canaryInputs(sandbox, release, { alarms: '', 'bake-time': '1s', 'metric-delay': '2s' });
    const result = await runBundle('canary', { inputs, env: sandboxEnv(sandbox, dir) });

    expect(result.outputs).toMatchObject({ result: 'rolled-back', 'live-service': 'web-blue', weights: 'blue=100,green=0' });
    expect(result.errors[0]).toMatch(/^Gate failed at step 1 \(50% on green\)\. Traffic is back on blue/);
    expect(result.stdout).toMatch(/5xx rate: \d+\.\d+% \(\d+\/\d+\) \(threshold ≤ 5%\)/);
    expect(liveWeights(sandbox)).toEqual({ blue: 100, green: 0 });
    // The 100 % step was never written: one write for step 1, one to restore.
    expect(sandbox.control.callCounts()['elbv2:ModifyListener']).toBe(2);
    // The summary says which window the failing verdict covered.
    expect(result.summary).toMatch(/\| 5xx rate \| \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \| \d+\.\d+% \(\d+\/\d+\) \| – \| ≤ 5% \| ❌ fail \|/);
  }, 90_000);
});
