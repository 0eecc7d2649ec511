/**
 * Credentials that expire mid-bake (or a role that may not write the listener): the restore
 * fails too. The run must then say where traffic really is, lead with what stopped it first,
 * and leave the phase at `shift` so the post step tries the restore again.
 */
import { describe, expect, it } from 'vitest';
import { runCanary, type CanaryPlan } from '../../../shared/engine/two-color/canary.ts';
import { restoreFromCheckpoint } from '../../../shared/engine/two-color/restore.ts';
import { DeployError } from '../../../shared/errors.ts';
import { renderSummary } from '../../../shared/engine/two-color/summary.ts';
import { ScriptedGate, TG, fakePorts, LISTENER } from '../../../sandbox/rehearsal/engine-fakes.ts';

const expired = (operation: string) =>
  new DeployError(`${operation} failed: ExpiredTokenException: The security token included in the request is expired`);

function plan(gate: ScriptedGate): CanaryPlan {
  return {
    cluster: 'demo',
    services: { blue: 'web-blue', green: 'web-green' },
    taskDefinition: { reference: 'web:2' },
    steps: [5, 25, 50, 100],
    bakeMs: 900_000,
    extensionMs: 900_000,
    pollMs: 60_000,
    waitTimeoutMs: 600_000,
    scaleDownPrevious: false,
    takeover: false,
    gates: () => [gate],
  };
}

/** From the moment traffic reaches `green`% every AWS call fails as with expired credentials. */
function expireAt(ports: ReturnType<typeof fakePorts>, gate: ScriptedGate, green: number, which: { reads: boolean }) {
  let expiredYet = false;
  ports.clock.onSleep = () => {
    if (ports.router.effective().green !== green || expiredYet) return;
    expiredYet = true;
    gate.faults.failNext('evaluate', expired('cloudwatch:DescribeAlarms'), 1_000);
    ports.router.faults.failNext('writeWeights', expired('elasticloadbalancing:ModifyListener'), 1_000);
    if (which.reads) ports.router.faults.failNext('readWeights', expired('elasticloadbalancing:DescribeListeners'), 1_000);
  };
}

describe('a restore that fails', () => {
  it('keeps the phase at shift, reports no weights it cannot read, and leads with the first cause', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('alarms', ['pass']);
    expireAt(ports, gate, 50, { reads: true });
    const { report, error } = await runCanary(plan(gate), ports);

    expect(report.result).toBe('failed');
    expect(ports.router.effective()).toEqual({ blue: 50, green: 50 });
    expect(ports.checkpoint.state.get('phase')).toBe('shift');
    // Nothing claims a color is live or what the weights are: they could not be read.
    expect(report.liveColor).toBeUndefined();
    expect(report.weights).toBeUndefined();
    expect(report.facts['Weights']).toMatch(/^unknown: could not read them back/);
    expect(error?.message).toMatch(
      /^cloudwatch:DescribeAlarms failed: ExpiredTokenException.*; then traffic could NOT be restored to blue/,
    );
    expect(error?.why[0]).toBe(
      'first cause: cloudwatch:DescribeAlarms failed: ExpiredTokenException: The security token included in the request is expired',
    );
    expect(error?.fix).toContain(`aws elbv2 modify-listener --region us-east-1 --listener-arn ${LISTENER} --default-actions`);
    // The step being baked did not pass: the summary shows how it ended, not its last poll.
    expect(report.steps.map((s) => s.verdict)).toEqual(['pass', 'pass', 'error']);
    const summary = renderSummary({ ...report, error: { what: error!.message, why: error!.why, fix: error!.fix } });
    expect(summary).toMatch(/\| 3 \| blue=50 green=50 \|.*⚠️ error \|/);
    expect(summary).not.toContain('Live now');

    // The post step, with working credentials, finds the phase at shift and restores.
    const retried = await restoreFromCheckpoint(
      ports.checkpoint.state.get('phase')!,
      ports.checkpoint.state.get('restore')!,
      () => {
        ports.router.faults.clear();
        return ports.router;
      },
      { clock: ports.clock, log: ports.log },
    );
    expect(retried).toMatch(/^Restored and verified weights/);
    expect(ports.router.colors()).toEqual({ blue: 100, green: 0 });
  });

  it('reports the weights as read back, what each service runs, and the one command that fixes it', async () => {
    const ports = fakePorts();
    const gate = new ScriptedGate('alarms', ['pass']);
    expireAt(ports, gate, 25, { reads: false });
    const { report, error } = await runCanary(plan(gate), ports);

    expect(report.result).toBe('failed');
    expect(report.weights).toEqual({ blue: 75, green: 25 });
    expect(report.liveColor).toBeUndefined();
    expect(error?.message).toContain('(weights now blue=75,green=25)');
    expect(error?.why).toEqual(
      expect.arrayContaining(['weights now blue=75,green=25', 'web-blue (blue) runs web:1', 'web-green (green) runs web:2']),
    );
    const actions = JSON.stringify([
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: TG.blue, Weight: 100 },
            { TargetGroupArn: TG.green, Weight: 0 },
          ],
        },
      },
    ]);
    expect(error?.fix).toBe(
      `Put traffic back on blue now (the post step retries this too): aws elbv2 modify-listener --region us-east-1 --listener-arn ${LISTENER} --default-actions '${actions}'`,
    );
  });
});
