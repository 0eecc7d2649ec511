import { describe, expect, it } from 'vitest';
import { checkNativeNoDeployment, checkNativeWiring } from '../../../shared/engine/preflight/native.ts';
import type { ServiceState } from '../../../shared/engine/ports.ts';
import { FakeClock, FakeFleet, taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { FakeNativeEcs, PROD_RULE, TG_A, TG_B } from '../native/fake-ecs.ts';

const ecs = () => new FakeNativeEcs(new FakeClock());
const state = (deployments: number): ServiceState => {
  const fleet = new FakeFleet();
  const s = fleet.service('web-blue');
  s.deployments = Array.from({ length: deployments }, (_, i) => ({
    ...s.deployments[0]!,
    id: `ecs-svc/${i}`,
    status: i === 0 ? 'PRIMARY' : 'ACTIVE',
  }));
  return s;
};

describe('native preflight: wiring', () => {
  it('passes a service wired for native deployments, with the evidence', async () => {
    const result = await checkNativeWiring(ecs(), 'web');
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('web is wired for native deployments');
    expect(result.evidence).toContain(`production rule: ${PROD_RULE}`);
  });

  it('fails another deployment controller, a missing advancedConfiguration or role, naming the field', async () => {
    const codeDeploy = ecs();
    codeDeploy.service.controller = 'CODE_DEPLOY';
    expect((await checkNativeWiring(codeDeploy, 'web')).summary).toMatch(/deploymentController is CODE_DEPLOY, not ECS/);
    const bare = ecs();
    bare.service.wiring = undefined;
    const result = await checkNativeWiring(bare, 'web');
    expect(result).toMatchObject({ status: 'fail', summary: expect.stringMatching(/no load balancer has advancedConfiguration/) });
    expect(result.evidence).toEqual(['see docs/native-mode.md#setting-up-a-single-service']);
    const roleless = ecs();
    roleless.service.wiring!.roleArn = undefined;
    expect((await checkNativeWiring(roleless, 'web')).summary).toMatch(/advancedConfiguration.roleArn is not set/);
  });

  it('fails when the alternate target group is not attached to the production rule', async () => {
    const world = ecs();
    world.weights = { [TG_A]: 100 };
    const result = await checkNativeWiring(world, 'web');
    expect(result.status).toBe('fail');
    expect(result.summary).toBe("target group web-b is not in the production rule's forward action: ECS cannot shift traffic to it");
  });

  it('fails split production traffic and warns without a test rule', async () => {
    const split = ecs();
    split.weights = { [TG_A]: 50, [TG_B]: 50 };
    expect((await checkNativeWiring(split, 'web')).summary).toMatch(/production traffic is split/);
    const untested = ecs();
    untested.service.wiring!.testListenerRule = undefined;
    expect(await checkNativeWiring(untested, 'web')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/no testListenerRule/),
    });
  });
});

describe('native preflight: no deployment in progress', () => {
  it('passes with nothing running', async () => {
    expect((await checkNativeNoDeployment(ecs(), 'web', state(1))).status).toBe('pass');
  });

  it('fails a paused or running service deployment', async () => {
    const world = ecs();
    const arn = (await world.startDeployment('web', taskDef(2), {
      base: '{}',
      settings: { strategy: 'BLUE_GREEN', hooks: [{ targetType: 'PAUSE', stages: ['POST_TEST_TRAFFIC_SHIFT'] }] },
    }))!;
    const running = await checkNativeNoDeployment(world, 'web', state(2));
    expect(running.summary).toBe(`service deployment ${arn} is IN_PROGRESS: continue it, roll it back or wait`);
    const d = world.find(arn);
    while (d.hook?.status !== 'AWAITING_ACTION') world.tick(d);
    const paused = await checkNativeNoDeployment(world, 'web', state(2));
    expect(paused.summary).toBe(`service deployment ${arn} is paused at POST_TEST_TRAFFIC_SHIFT: continue it, roll it back or wait`);
  });

  it('warns near ECS’s limit of active deployments per service', async () => {
    const result = await checkNativeNoDeployment(ecs(), 'web', state(4));
    expect(result).toMatchObject({
      status: 'warn',
      summary: "4 active deployments on web, near ECS's limit of 5: the next deployment may be refused",
    });
    expect((await checkNativeNoDeployment(ecs(), 'web', state(3))).status).toBe('pass');
  });
});
