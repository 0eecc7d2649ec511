import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runPreflight } from '../../../shared/engine/preflight/runner.ts';
import { renderPreflightSummary } from '../../../shared/engine/preflight/summary.ts';
import { AwsWorld } from './aws-world.ts';
import { plan } from './plan.ts';

let world: AwsWorld;
beforeEach(() => {
  world = new AwsWorld();
});

const arn = (revision: number) => expect.stringMatching(new RegExp(`task-definition/web:${revision}$`));

describe('preflight captures what is live before anything changes', () => {
  it('the color with the traffic, the version it runs, and the weights', async () => {
    world.weights = { blue: 0, green: 100 };
    const { report } = await runPreflight(plan({ checks: ['credentials'] }), world.ports());
    expect(report.live).toEqual({ service: 'web-green', taskDefinitionArn: arn(40), weights: 'blue=0,green=100' });
    expect(renderPreflightSummary(report)).toContain('Live before the release: web-green runs `');
  });

  it('a split is captured as it is, live being the larger side', async () => {
    world.weights = { blue: 90, green: 10 };
    const { report } = await runPreflight(plan({ checks: [] }), world.ports());
    expect(report.live).toEqual({ service: 'web-blue', taskDefinitionArn: arn(41), weights: 'blue=90,green=10' });
  });

  it('nothing when two colors come without a listener, and a warning (not a guess) when the read fails', async () => {
    const { report: unrouted } = await runPreflight(plan({ checks: ['credentials'] }), world.ports({ router: false }));
    expect(unrouted.live).toBeUndefined();
    world.mocks.ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const { report: failed } = await runPreflight(plan({ checks: ['credentials'] }), world.ports());
    expect(failed.live).toBeUndefined();
    expect(world.log.lines.join('\n')).toMatch(/live state: not captured: ecs:DescribeServices failed/);
  });
});
