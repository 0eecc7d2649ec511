import { DescribeImageScanFindingsCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcrRegistry } from '../../shared/aws/ecr-registry.ts';
import type { EcrImage } from '../../shared/engine/preflight/ports.ts';
import { DeployError } from '../../shared/errors.ts';

const ecr = mockClient(ECRClient);
const regions: string[] = [];
afterEach(() => {
  ecr.reset();
  regions.length = 0;
});

const registry = () =>
  new EcrRegistry((region) => {
    regions.push(region);
    return new ECRClient({ region, maxAttempts: 1 });
  });
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const byTag: EcrImage = { registryId: '123456789012', region: 'eu-central-1', repository: 'web', tag: 'v2', digest: undefined };
const byDigest: EcrImage = { ...byTag, tag: undefined, digest: DIGEST };
const named = (name: string) => Object.assign(new Error(`${name} from ECR`), { name, $metadata: { httpStatusCode: 400 } });

describe('EcrRegistry.findImage', () => {
  it('asks the registry of the image, in its region, by tag or by digest', async () => {
    const pushedAt = new Date('2026-11-22T09:00:00Z');
    ecr
      .on(DescribeImagesCommand)
      .resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: ['v2', 'latest'], imagePushedAt: pushedAt }] });
    const ecrRegistry = registry();
    expect(await ecrRegistry.findImage(byTag)).toEqual({ digest: DIGEST, tags: ['v2', 'latest'], pushedAt });
    await ecrRegistry.findImage(byDigest);
    expect(ecr.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input)).toEqual([
      { registryId: '123456789012', repositoryName: 'web', imageIds: [{ imageTag: 'v2' }] },
      { registryId: '123456789012', repositoryName: 'web', imageIds: [{ imageDigest: DIGEST }] },
    ]);
    // One client per region, built on first use.
    expect(regions).toEqual(['eu-central-1']);
  });

  it('answers undefined for a tag or digest the repository does not hold', async () => {
    ecr.on(DescribeImagesCommand).rejects(named('ImageNotFoundException'));
    expect(await registry().findImage(byTag)).toBeUndefined();
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [] });
    expect(await registry().findImage(byTag)).toBeUndefined();
  });

  it('names the repository, registry and region when the repository does not exist', async () => {
    ecr.on(DescribeImagesCommand).rejects(named('RepositoryNotFoundException'));
    const error = await registry()
      .findImage(byTag)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toBe('ECR repository web does not exist in registry 123456789012 (eu-central-1)');
    expect((error as DeployError).fix).toBe('Check the image URI: the account, the region and the repository name.');
  });

  it('names the IAM action when access is denied', async () => {
    ecr.on(DescribeImagesCommand).rejects(named('AccessDeniedException'));
    const error = await registry()
      .findImage(byTag)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).message).toMatch(/^ecr:DescribeImages failed: AccessDeniedException/);
  });
});

describe('EcrRegistry.scanFindings', () => {
  it('asks for the findings of the digest and names the worst five, basic and enhanced together', async () => {
    const completedAt = new Date('2026-11-22T09:30:00Z');
    ecr.on(DescribeImageScanFindingsCommand).resolves({
      imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
      imageScanFindings: {
        imageScanCompletedAt: completedAt,
        findingSeverityCounts: { CRITICAL: 1, HIGH: 2, LOW: 3 },
        findings: [
          { name: 'CVE-L1', severity: 'LOW' },
          { name: 'CVE-H1', severity: 'HIGH', attributes: [{ key: 'package_name', value: 'openssl' }] },
          { name: 'CVE-L2', severity: 'LOW' },
          { name: 'CVE-L3', severity: 'LOW' },
        ],
        enhancedFindings: [
          {
            severity: 'CRITICAL',
            packageVulnerabilityDetails: {
              vulnerabilityId: 'CVE-C1',
              source: 'NVD',
              vulnerablePackages: [{ name: 'glibc', version: '2' }],
            },
          },
          { severity: 'HIGH', title: 'a titled finding' },
        ],
      },
    });
    const findings = await registry().scanFindings(byTag, DIGEST);
    expect(ecr.commandCalls(DescribeImageScanFindingsCommand)[0]!.args[0].input).toEqual({
      registryId: '123456789012',
      repositoryName: 'web',
      imageId: { imageDigest: DIGEST },
      maxResults: 100,
    });
    expect(findings).toEqual({
      status: 'COMPLETE',
      description: 'The scan was completed successfully.',
      completedAt,
      counts: { CRITICAL: 1, HIGH: 2, LOW: 3 },
      top: [
        { name: 'CVE-C1', severity: 'CRITICAL', where: 'glibc' },
        { name: 'CVE-H1', severity: 'HIGH', where: 'openssl' },
        { name: 'a titled finding', severity: 'HIGH', where: undefined },
        { name: 'CVE-L1', severity: 'LOW', where: undefined },
        { name: 'CVE-L2', severity: 'LOW', where: undefined },
      ],
    });
  });

  it('reports an image never scanned as NONE', async () => {
    ecr.on(DescribeImageScanFindingsCommand).rejects(named('ScanNotFoundException'));
    expect(await registry().scanFindings(byTag, DIGEST)).toEqual({
      status: 'NONE',
      description: undefined,
      completedAt: undefined,
      counts: {},
      top: [],
    });
  });
});
