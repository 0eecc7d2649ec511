import { describe, expect, it } from 'vitest';
import { runBlueGreen } from '../../shared/engine/two-color/blue-green.ts';
import { runCanary } from '../../shared/engine/two-color/canary.ts';
import { runRollback } from '../../shared/engine/two-color/rollback.ts';
import { deploymentRecord, withDeploymentRecord } from '../../shared/github/record.ts';
import { GitHubDeployments } from '../../shared/github/deployments.ts';
import { FakeFleet, FakeRouter, MemoryRecord, ScriptedGate, fakePorts, taskDef } from '../../sandbox/rehearsal/engine-fakes.ts';

const inputs = { environment: 'production', 'github-token': 'ghs_x' };
const run = { strategy: 'blue-green' as const, cluster: 'demo', services: ['web-blue', 'web-green'] };
const switchPlan = {
  cluster: 'demo',
  services: { blue: 'web-blue', green: 'web-green' },
  phase: 'switch' as const,
  preparedTaskDefinition: taskDef(2),
  bakeMs: 30_000,
  extensionMs: 0,
  pollMs: 15_000,
  waitTimeoutMs: 600_000,
  scaleDownPrevious: false,
  takeover: false,
};

describe('withDeploymentRecord', () => {
  it('starts the entry when the engine names the version it makes live, and ends it success', async () => {
    const record = new MemoryRecord();
    const ports = fakePorts({ fleet: new FakeFleet({ blueRevision: 1, greenRevision: 2 }) });
    const outcome = await withDeploymentRecord(
      inputs,
      run,
      (onTaskDefinition) => runBlueGreen({ ...switchPlan, gates: () => [] }, { ...ports, onTaskDefinition }),
      record,
    );
    expect(outcome.report.result).toBe('promoted');
    expect(record.entries).toEqual([
      {
        id: 1,
        entry: { ...run, environment: 'production', taskDefinitionArn: taskDef(2) },
        statuses: ['in_progress', 'success'],
        descriptions: ['promoted: web-green is live'],
      },
    ]);
    expect(await record.lastSuccessful('production')).toBe(taskDef(2));
  });

  it('ends the entry failure when the run rolls back, so last-successful skips it', async () => {
    const record = new MemoryRecord();
    const ports = fakePorts({ fleet: new FakeFleet({ blueRevision: 1, greenRevision: 2 }) });
    const gate = new ScriptedGate('alarms', ['fail']);
    const outcome = await withDeploymentRecord(
      inputs,
      run,
      (onTaskDefinition) => runBlueGreen({ ...switchPlan, gates: () => [gate] }, { ...ports, onTaskDefinition }),
      record,
    );
    expect(outcome.report.result).toBe('rolled-back');
    expect(record.entries[0]!.statuses).toEqual(['in_progress', 'failure']);
    expect(record.entries[0]!.descriptions[0]).toMatch(/^rolled-back: Gate failed at step 1/);
    expect(await record.lastSuccessful('production')).toBeUndefined();
  });

  it('records nothing for a run that changes nothing (rollback already-live), and carries the reason', async () => {
    const record = new MemoryRecord();
    const ports = fakePorts({ fleet: new FakeFleet({ blueRevision: 2, greenRevision: 1 }), router: new FakeRouter() });
    const plan = {
      cluster: 'demo',
      services: { blue: 'web-blue', green: 'web-green' },
      to: { kind: 'previous' as const },
      pollMs: 15_000,
      waitTimeoutMs: 600_000,
      bakeMs: 0,
      extensionMs: 0,
      gates: () => [],
    };
    const rollback = { strategy: 'rollback' as const, cluster: 'demo', services: ['web-blue', 'web-green'], reason: 'bad deploy' };
    const go = () =>
      withDeploymentRecord(inputs, rollback, (onTaskDefinition) => runRollback(plan, { ...ports, onTaskDefinition }), record);

    expect((await go()).report.result).toBe('rolled-back');
    expect((await go()).report.result).toBe('already-live');
    expect(record.entries).toHaveLength(1);
    expect(record.entries[0]!.entry).toMatchObject({ strategy: 'rollback', reason: 'bad deploy', taskDefinitionArn: taskDef(1) });
  });

  it('records a canary release, which a later `to: last-successful` of the same services returns to', async () => {
    const record = new MemoryRecord();
    const fleet = new FakeFleet({ blueRevision: 1, greenRevision: 1 });
    const ports = fakePorts({ fleet });
    const canary = { ...switchPlan, taskDefinition: { reference: 'web:2' }, steps: [50, 100], gates: () => [] };
    const released = await withDeploymentRecord(
      inputs,
      { ...run, strategy: 'canary' },
      (onTaskDefinition) => runCanary(canary, { ...ports, onTaskDefinition }),
      record,
    );
    expect(released.report.result).toBe('promoted');
    expect(record.entries[0]).toMatchObject({
      entry: { strategy: 'canary', cluster: 'demo', services: ['web-blue', 'web-green'], taskDefinitionArn: taskDef(2) },
      statuses: ['in_progress', 'success'],
    });

    // A bad v3 goes live by hand; the rollback finds v2 from the canary's record.
    await fleet.deploy('web-blue', taskDef(3), 2);
    await fleet.describeServices(['web-blue']);
    await fleet.describeServices(['web-blue']);
    ports.router.setByOther({ blue: 100, green: 0 });
    const rollback = {
      cluster: 'demo',
      services: { blue: 'web-blue', green: 'web-green' },
      to: { kind: 'last-successful' as const, environment: 'production' },
      pollMs: 15_000,
      waitTimeoutMs: 600_000,
      bakeMs: 0,
      extensionMs: 0,
      gates: () => [],
    };
    const { report } = await runRollback(rollback, { ...fakePorts({ fleet, router: ports.router }), record });
    expect(report.taskDefinitionArn).toBe(taskDef(2));
    expect(report.liveColor).toBe('green');
  });

  it('ends the entry failure and rethrows when the engine throws', async () => {
    const record = new MemoryRecord();
    const failing = withDeploymentRecord(
      inputs,
      run,
      async (onTaskDefinition) => {
        await onTaskDefinition(taskDef(9));
        throw new Error('boom');
      },
      record,
    );
    await expect(failing).rejects.toThrow('boom');
    expect(record.entries[0]!.statuses).toEqual(['in_progress', 'failure']);
  });
});

describe('deploymentRecord', () => {
  const env = { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a1b2c3d', GITHUB_RUN_ID: '7' };

  it('is GitHub Deployments when an environment is given, and nothing without one', () => {
    expect(deploymentRecord(inputs, env)).toBeInstanceOf(GitHubDeployments);
    expect(deploymentRecord({ 'github-token': 'ghs_x' }, env)).toBeUndefined();
  });

  it('is nothing (with a warning) without a token, or with an unexpanded ${{ github.token }}', () => {
    expect(deploymentRecord({ environment: 'production', 'github-token': '' }, env)).toBeUndefined();
    expect(deploymentRecord({ environment: 'production', 'github-token': '${{ github.token }}' }, env)).toBeUndefined();
    expect(deploymentRecord(inputs, {})).toBeUndefined();
  });
});
