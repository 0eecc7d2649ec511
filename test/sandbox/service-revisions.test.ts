import { DescribeServiceDeploymentsCommand, DescribeServiceRevisionsCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { FAST, clients } from './clients.ts';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox(FAST)));
afterAll(() => sandbox.stop());

describe('DescribeServiceRevisions', () => {
  it("gives a service deployment's target revision with its task definition, and MISSING for an unknown ARN", async () => {
    const { ecs } = clients(sandbox);
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: sandbox.cluster, services: ['web'] }))).services![0]!;
    const deployment = (
      await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [service.currentServiceDeployment!] }))
    ).serviceDeployments![0]!;
    const revision = deployment.targetServiceRevision!.arn!;
    const unknown = revision.replace(/\d+$/, '1');

    const out = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision, unknown] }));
    expect(out.serviceRevisions).toEqual([
      expect.objectContaining({ serviceRevisionArn: revision, serviceArn: service.serviceArn, taskDefinition: service.taskDefinition }),
    ]);
    expect(out.failures).toEqual([{ arn: unknown, reason: 'MISSING' }]);
    await expect(ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [] }))).rejects.toThrow(/cannot be empty/);
  });
});
