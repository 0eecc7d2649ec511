/**
 * blue-green prepare refuses a test listener that carries production traffic, before any
 * write (no deployment, no weight change on either listener).
 */
import { describe, expect, it } from 'vitest';
import { runBlueGreen, type BlueGreenPlan } from '../../../shared/engine/two-color/blue-green.ts';
import { listenerOf } from '../../../shared/engine/two-color/test-listener-guard.ts';
import { FakeRouter, FakeTestListener, LISTENER, TG, fakePorts } from '../../../sandbox/rehearsal/engine-fakes.ts';

const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/demo-alb/1111111111111111/2222222222222222/9999999999999999';

const plan = (phase: BlueGreenPlan['phase'] = 'prepare'): BlueGreenPlan => ({
  cluster: 'demo',
  services: { blue: 'web-blue', green: 'web-green' },
  phase,
  taskDefinition: { reference: 'web:2' },
  bakeMs: 60_000,
  extensionMs: 60_000,
  pollMs: 15_000,
  waitTimeoutMs: 600_000,
  scaleDownPrevious: false,
  takeover: false,
  gates: () => [],
});

/** Blue live; the production router is `router` (a listener, or a rule when given its ARN). */
function world(testListener: FakeTestListener, routerTarget = LISTENER) {
  const router = new FakeRouter();
  Object.defineProperty(router, 'target', { value: routerTarget });
  const ports = { ...fakePorts({ router }), testListener };
  const touched = () => ({
    deploys: ports.fleet.faults.calls.filter((c) => c === 'deploy' || c === 'registerTaskDefinition').length,
    writes: router.writes.length + testListener.writes.length,
  });
  return { ports, touched };
}

describe('blue-green: a test listener that carries production traffic is refused before any write', () => {
  it.each(['prepare', 'all'] as const)('%s: the production listener itself', async (phase) => {
    const { ports, touched } = world(new FakeTestListener(LISTENER));
    const { report, error } = await runBlueGreen(plan(phase), ports);
    expect(error?.message).toBe('test-listener-arn is the production listener: prepare would send users to the unapproved version');
    expect(report.result).toBe('failed');
    expect(touched()).toEqual({ deploys: 0, writes: 0 });
  });

  it('the listener of the production rule (listener-rule-arn mode)', async () => {
    const { ports, touched } = world(new FakeTestListener(LISTENER), RULE);
    const { error } = await runBlueGreen(plan(), ports);
    expect(error?.message).toBe(
      'test-listener-arn is the listener of the production rule: prepare would send its users to the unapproved version',
    );
    expect(touched()).toEqual({ deploys: 0, writes: 0 });
  });

  it('a listener whose default action spreads traffic over the live color and another group (a production listener)', async () => {
    const testListener = new FakeTestListener();
    testListener.weights = { [TG.blue]: 100, [TG.green]: 0 };
    const { ports, touched } = world(testListener);
    const { error } = await runBlueGreen(plan(), ports);
    expect(error?.message).toBe('The test listener forwards to the live color (blue): it carries production traffic');
    expect(error?.why).toEqual([`test listener: ${testListener.target}`, `default action forwards to ${TG.blue}`]);
    expect(touched()).toEqual({ deploys: 0, writes: 0 });
  });

  it('a listener with a rule forwarding to the live color', async () => {
    const testListener = new FakeTestListener();
    testListener.weights = { [TG.green]: 100 };
    testListener.rules = [{ where: 'rule arn:rule/1', weights: { [TG.blue]: 1 } }];
    const { ports, touched } = world(testListener);
    const { error } = await runBlueGreen(plan(), ports);
    expect(error?.why).toContain(`rule arn:rule/1 forwards to ${TG.blue}`);
    expect(touched()).toEqual({ deploys: 0, writes: 0 });
  });

  it('accepts what the previous prepare left: a default action forwarding to the (now live) color only', async () => {
    const testListener = new FakeTestListener();
    testListener.weights = { [TG.blue]: 100 };
    testListener.rules = [{ where: 'rule arn:rule/2', weights: { [TG.green]: 100, [TG.blue]: 0 } }];
    const { ports } = world(testListener);
    const { report, error } = await runBlueGreen(plan(), ports);
    expect(error).toBeUndefined();
    expect(report.result).toBe('prepared');
    expect(testListener.weights).toEqual({ [TG.green]: 100 });
  });

  it('names the listener of a rule from its ARN', () => {
    expect(listenerOf(RULE)).toBe(LISTENER);
    expect(listenerOf(LISTENER)).toBe(LISTENER);
  });
});
