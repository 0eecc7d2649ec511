import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fargateSizeProblem } from '../../../shared/engine/preflight/task-size.ts';
import type { TaskDefinitionPlan } from '../../../shared/engine/preflight/task-definition.ts';
import { taskDef } from '../../../sandbox/rehearsal/engine-fakes.ts';
import { AwsWorld, fargateTaskDefinition, IMAGE } from './aws-world.ts';
import { runCheck } from './plan.ts';

let world: AwsWorld;
beforeEach(() => {
  world = new AwsWorld();
});

const file = (document: Record<string, unknown>, patch: Partial<TaskDefinitionPlan> = {}): TaskDefinitionPlan => ({
  source: { file: 'taskdef.json', text: JSON.stringify(document) },
  containerName: 'app',
  image: IMAGE,
  launchType: undefined,
  ...patch,
});

const fargate = (patch: Record<string, unknown> = {}) => ({
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1 vCPU',
  memory: '2 GB',
  containerDefinitions: [
    { name: 'app', image: 'placeholder', essential: true, cpu: 512, memory: 1024 },
    { name: 'log-router', image: 'amazon/aws-for-fluent-bit:2.32.0', essential: false },
  ],
  ...patch,
});

describe('task-definition', () => {
  it('passes a Fargate file rendered with the image', async () => {
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(fargate()) });
    expect(result).toMatchObject({ status: 'pass', summary: 'taskdef.json is valid for FARGATE: 1 essential container(s)' });
    expect(result.evidence).toContain(`container app (essential): ${IMAGE}`);
    expect(result.evidence).toContain('task size: cpu 1 vCPU, memory 2 GB');
  });

  it('warns when the essential container runs a mutable tag', async () => {
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(fargate(), { image: 'nginx:latest' }) });
    expect(result.status).toBe('warn');
    expect(result.summary).toBe('container app runs the mutable tag latest: a rollback may not get the same image');
  });

  it('warns when an image is given without container-name', async () => {
    const result = await runCheck(world, 'task-definition', {
      taskDefinition: file(fargate({ containerDefinitions: [{ name: 'app', image: IMAGE }] }), { containerName: undefined }),
    });
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'image was not rendered: give container-name to put it into the task definition',
    });
  });

  it('fails a Fargate size the table does not have, listing what the cpu takes', async () => {
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(fargate({ cpu: '256', memory: '4096' })) });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Fargate cpu 256 takes memory 512, 1024-2048 in steps of 1024 MiB, not 4096');
  });

  it('fails Fargate without awsvpc, and containers asking for more than the task', async () => {
    const doc = fargate({ networkMode: 'bridge', cpu: '256', memory: '512' });
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(doc) });
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Fargate needs networkMode awsvpc (got bridge)');
    expect(result.summary).toContain("containers ask for 512 cpu units, more than the task's 256");
    expect(result.summary).toContain("containers ask for 1024 MiB, more than the task's 512 MiB");
  });

  it('fails a file that is not valid JSON, or has no essential container', async () => {
    const broken = await runCheck(world, 'task-definition', {
      taskDefinition: {
        source: { file: 'taskdef.json', text: '{"family": ' },
        containerName: undefined,
        image: undefined,
        launchType: undefined,
      },
    });
    expect(broken.status).toBe('fail');
    expect(broken.summary).toMatch(/^taskdef.json is not valid JSON/);
    const none = await runCheck(world, 'task-definition', {
      taskDefinition: file(fargate({ containerDefinitions: [{ name: 'app', image: 'x:1', essential: false }] })),
    });
    expect(none).toMatchObject({ status: 'fail', summary: 'taskdef.json has no essential container' });
  });

  it('fails an unknown container-name', async () => {
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(fargate(), { containerName: 'web' }) });
    expect(result.summary).toBe('container-name "web" is not a container of taskdef.json (it has: app, log-router)');
  });

  it('EC2: fails without memory on task or containers, passes with container memory', async () => {
    const ec2 = {
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'x:1' },
        { name: 'sidecar', image: 'y:1', memoryReservation: 64 },
      ],
    };
    const missing = await runCheck(world, 'task-definition', { taskDefinition: file(ec2, { image: undefined }) });
    expect(missing.status).toBe('fail');
    expect(missing.summary).toBe('without task-level memory, every container needs memory or memoryReservation on EC2 (missing: app)');
    const ok = { ...ec2, containerDefinitions: [{ name: 'app', image: 'x:1', memory: 256 }, ec2.containerDefinitions[1]] };
    expect((await runCheck(world, 'task-definition', { taskDefinition: file(ok, { image: undefined }) })).status).toBe('pass');
  });

  it('the launch-type input overrides requiresCompatibilities and is checked against it', async () => {
    const result = await runCheck(world, 'task-definition', { taskDefinition: file(fargate(), { launchType: 'EC2' }) });
    expect(result.summary).toBe('requiresCompatibilities is FARGATE: ECS will not run it on EC2');
  });

  it('reads an existing revision with DescribeTaskDefinition', async () => {
    const result = await runCheck(world, 'task-definition', {
      taskDefinition: { source: { reference: 'web:41' }, containerName: undefined, image: undefined, launchType: undefined },
    });
    expect(result).toMatchObject({ status: 'pass', summary: 'web:41 is valid for FARGATE: 1 essential container(s)' });
    expect(world.mocks.ecs.commandCalls(DescribeTaskDefinitionCommand)[0]!.args[0].input).toEqual({ taskDefinition: 'web:41' });
  });

  it('fails a deregistered revision', async () => {
    world.taskDefinitions.set(taskDef(41), fargateTaskDefinition(41, { status: 'INACTIVE' }));
    const result = await runCheck(world, 'task-definition', {
      taskDefinition: { source: { reference: 'web:41' }, containerName: undefined, image: undefined, launchType: undefined },
    });
    expect(result).toMatchObject({ status: 'fail', summary: 'web:41 is INACTIVE: ECS starts no new tasks from a deregistered revision' });
  });
});

describe('Fargate task sizes', () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 2048],
    [2048, 16384],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])('accepts cpu %i with memory %i', (cpu, memory) => {
    expect(fargateSizeProblem(cpu, memory)).toBeUndefined();
  });

  it.each([
    [256, 3072],
    [512, 512],
    [1024, 9216],
    [8192, 18432],
    [16384, 36864],
    [384, 1024],
  ])('rejects cpu %i with memory %i', (cpu, memory) => {
    expect(fargateSizeProblem(cpu, memory)).toBeDefined();
  });
});
