/** dist/security-scan run as the runner runs it, against a loopback AWS stand-in. */
import { afterEach, describe, expect, it } from 'vitest';
import { runBundle } from '../../../sandbox/rehearsal/run-bundle.ts';
import { startFakeAws, type FakeAws } from '../../support/fake-aws.ts';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v7';

const world = (severity: string) => ({
  DescribeServices: () => ({
    services: [
      {
        serviceName: 'web',
        serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
        deployments: [
          { id: 'd1', status: 'PRIMARY', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7', runningCount: 2 },
        ],
      },
    ],
    failures: [],
  }),
  DescribeTaskDefinition: () => ({ taskDefinition: { containerDefinitions: [{ name: 'app', image: IMAGE }] } }),
  DescribeImageScanFindings: () => ({
    imageId: { imageDigest: `sha256:${'b'.repeat(64)}` },
    imageScanStatus: { status: 'COMPLETE' },
    imageScanFindings: {
      imageScanCompletedAt: 1795000000,
      findingSeverityCounts: { [severity]: 1 },
      findings: [{ name: 'CVE-2026-1', severity, uri: 'https://nvd/CVE-2026-1' }],
    },
  }),
});

let stub: FakeAws | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('dist/security-scan', () => {
  it('fails at the threshold with the table in the summary', async () => {
    stub = await startFakeAws({ handlers: world('CRITICAL') });
    const run = await runBundle('security-scan', { inputs: { cluster: 'prod', services: 'web' }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', images: '1', blocking: '1', issues: '' });
    expect(run.errors[0]).toMatch(/^1 of 1 live image\(s\) fail the security scan \(fail-on HIGH\)/);
    expect(run.summary).toContain(`| \`${IMAGE}\` | web/app | 1 | 0 | 0 | 0 | 0 |`);
    expect(stub.operations()).toEqual(['DescribeServices', 'DescribeTaskDefinition', 'DescribeImageScanFindings']);
    expect(stub.calls[2]!.params).toMatchObject({ registryId: '123456789012', repositoryName: 'web', imageId: { imageTag: 'v7' } });
  });

  it('passes below the threshold', async () => {
    stub = await startFakeAws({ handlers: world('LOW') });
    const run = await runBundle('security-scan', { inputs: { cluster: 'prod', services: 'web' }, env: { AWS_ENDPOINT_URL: stub.url } });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed');
  });

  it('rejects a bad severity before any AWS call', async () => {
    stub = await startFakeAws({ handlers: world('LOW') });
    const run = await runBundle('security-scan', {
      inputs: { cluster: 'prod', services: 'web', 'fail-on': 'urgent' },
      env: { AWS_ENDPOINT_URL: stub.url },
    });
    expect(run.errors).toEqual(['Input "fail-on": "URGENT" is not one of: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, NONE']);
    expect(stub.calls).toEqual([]);
  });
});
