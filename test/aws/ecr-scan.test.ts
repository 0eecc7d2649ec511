import { DescribeImageScanFindingsCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EcrScanner, parseEcrImage } from '../../shared/aws/ecr-scan.ts';
import { DeployError } from '../../shared/errors.ts';

const ecrMock = mockClient(ECRClient);
afterEach(() => ecrMock.reset());

const DIGEST = `sha256:${'a'.repeat(64)}`;
const regions: string[] = [];
const scanner = () =>
  new EcrScanner((region) => {
    regions.push(region);
    return new ECRClient({ region, maxAttempts: 1 });
  });

describe('parseEcrImage', () => {
  it('reads registry, region, repository and tag or digest', () => {
    expect(parseEcrImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:v2')).toEqual({
      registryId: '123456789012',
      region: 'eu-west-1',
      repositoryName: 'team/web',
      tag: 'v2',
      digest: undefined,
    });
    expect(parseEcrImage(`123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2@${DIGEST}`)).toMatchObject({
      tag: undefined,
      digest: DIGEST,
    });
    expect(parseEcrImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/web')).toMatchObject({ tag: 'latest' });
    expect(parseEcrImage('nginx:1.27')).toBeUndefined();
  });
});

describe('EcrScanner', () => {
  it('asks the registry region for every page of basic and enhanced findings', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce({
        imageId: { imageDigest: DIGEST },
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: {
          imageScanCompletedAt: new Date('2026-11-22T09:00:00Z'),
          findingSeverityCounts: { HIGH: 1, CRITICAL: 1 },
          findings: [
            {
              name: 'CVE-1',
              severity: 'HIGH',
              uri: 'https://nvd/CVE-1',
              attributes: [
                { key: 'package_name', value: 'openssl' },
                { key: 'package_version', value: '3.0.2' },
              ],
            },
          ],
        },
        nextToken: 'page2',
      })
      .resolvesOnce({
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: {
          enhancedFindings: [
            {
              severity: 'CRITICAL',
              packageVulnerabilityDetails: {
                vulnerabilityId: 'CVE-2',
                sourceUrl: 'https://nvd/CVE-2',
                vulnerablePackages: [{ name: 'glibc', version: '2.35' }],
              },
            },
          ],
        },
      });
    const scan = await scanner().scan('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v2');
    expect(regions.at(-1)).toBe('eu-west-1');
    expect(scan).toEqual({
      status: 'COMPLETE',
      detail: undefined,
      digest: DIGEST,
      completedAt: new Date('2026-11-22T09:00:00Z'),
      counts: { HIGH: 1, CRITICAL: 1 },
      findings: [
        { id: 'CVE-1', severity: 'HIGH', package: 'openssl 3.0.2', uri: 'https://nvd/CVE-1' },
        { id: 'CVE-2', severity: 'CRITICAL', package: 'glibc 2.35', uri: 'https://nvd/CVE-2' },
      ],
    });
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand).map((c) => c.args[0].input)).toEqual([
      { registryId: '123456789012', repositoryName: 'web', imageId: { imageTag: 'v2' }, maxResults: 1000, nextToken: undefined },
      { registryId: '123456789012', repositoryName: 'web', imageId: { imageTag: 'v2' }, maxResults: 1000, nextToken: 'page2' },
    ]);
  });

  it('reports a missing scan as NO_SCAN and other registries as NOT_ECR', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(Object.assign(new Error('no scan'), { name: 'ScanNotFoundException' }));
    expect(await scanner().scan(`123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`)).toMatchObject({ status: 'NO_SCAN' });
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)[0]!.args[0].input.imageId).toEqual({ imageDigest: DIGEST });
    expect(await scanner().scan('nginx:1.27')).toMatchObject({ status: 'NOT_ECR' });
  });

  it('names the IAM action when access is denied', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const error = await scanner()
      .scan('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).fix).toContain('ecr:DescribeImageScanFindings');
  });
});
