import { DescribeImageScanFindingsCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseEcrImage } from '../../../shared/engine/preflight/image.ts';
import { ACCOUNT, AwsWorld, DIGEST, IMAGE } from './aws-world.ts';
import { runCheck } from './plan.ts';

let world: AwsWorld;
beforeEach(() => {
  world = new AwsWorld();
});

describe('credentials', () => {
  it('passes for a role in the expected account', async () => {
    const result = await runCheck(world, 'credentials', { expectedAccount: ACCOUNT });
    expect(result).toMatchObject({ status: 'pass', summary: `assumed-role/deploy/GitHubActions in account ${ACCOUNT}` });
    expect(result.evidence).toContain(`arn: arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`);
    expect(world.mocks.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  it('warns for an IAM user with long-lived keys', async () => {
    world.identity.Arn = `arn:aws:iam::${ACCOUNT}:user/ci`;
    const result = await runCheck(world, 'credentials');
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/IAM user with long-lived keys/);
  });

  it('fails for another account than expected-account', async () => {
    const result = await runCheck(world, 'credentials', { expectedAccount: '999999999999' });
    expect(result).toMatchObject({ status: 'fail', summary: `credentials are for account ${ACCOUNT}, not the expected 999999999999` });
  });

  it('fails for the root user', async () => {
    world.identity.Arn = `arn:aws:iam::${ACCOUNT}:root`;
    expect((await runCheck(world, 'credentials')).status).toBe('fail');
  });
});

describe('image', () => {
  it('parses ECR URIs by tag, digest and default tag; other registries are not ECR', () => {
    expect(parseEcrImage(IMAGE)).toEqual({ registryId: ACCOUNT, region: 'eu-central-1', repository: 'web', tag: 'v2', digest: undefined });
    expect(parseEcrImage(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/team/web@${DIGEST}`)).toMatchObject({
      repository: 'team/web',
      tag: undefined,
      digest: DIGEST,
    });
    expect(parseEcrImage(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web`)).toMatchObject({ tag: 'latest' });
    expect(parseEcrImage('public.ecr.aws/nginx/nginx:1.27')).toBeUndefined();
    expect(parseEcrImage('nginx:1.27')).toBeUndefined();
  });

  it('passes when the tag exists and findings stay two levels below max-severity', async () => {
    const result = await runCheck(world, 'image');
    expect(result.status).toBe('pass');
    expect(result.evidence).toContain(`digest: ${DIGEST}`);
    expect(result.evidence).toContain('findings: CRITICAL 0, HIGH 0, MEDIUM 0, LOW 2, INFORMATIONAL 0');
    expect(world.mocks.ecr.commandCalls(DescribeImagesCommand)[0]!.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'web',
      imageIds: [{ imageTag: 'v2' }],
    });
    expect(world.mocks.ecr.commandCalls(DescribeImageScanFindingsCommand)[0]!.args[0].input).toMatchObject({
      registryId: ACCOUNT,
      repositoryName: 'web',
      imageId: { imageDigest: DIGEST },
    });
  });

  it('warns on findings one level below max-severity, naming them', async () => {
    world.scans.set(DIGEST, {
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: {
        findingSeverityCounts: { HIGH: 1 },
        findings: [{ name: 'CVE-2026-0001', severity: 'HIGH', attributes: [{ key: 'package_name', value: 'openssl' }] }],
      },
    });
    const result = await runCheck(world, 'image');
    expect(result).toMatchObject({ status: 'warn', summary: 'web:v2 has 1 HIGH finding(s), one level below max-severity CRITICAL' });
    expect(result.evidence).toContain('CVE-2026-0001 (HIGH) in openssl');
  });

  it('fails on findings at or above max-severity', async () => {
    world.scans.set(DIGEST, {
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findingSeverityCounts: { MEDIUM: 3, LOW: 1 } },
    });
    const result = await runCheck(world, 'image', { maxSeverity: 'MEDIUM' });
    expect(result).toMatchObject({ status: 'fail', summary: 'web:v2 has 3 finding(s) at MEDIUM or above (max-severity MEDIUM)' });
  });

  it('fails when the tag does not exist', async () => {
    const result = await runCheck(world, 'image', { image: IMAGE.replace(':v2', ':v3') });
    expect(result).toMatchObject({ status: 'fail', summary: 'web:v3 does not exist in ECR' });
  });

  it('finds an image by digest', async () => {
    const result = await runCheck(world, 'image', { image: `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/web@${DIGEST}` });
    expect(result.status).toBe('pass');
    expect(world.mocks.ecr.commandCalls(DescribeImagesCommand)[0]!.args[0].input.imageIds).toEqual([{ imageDigest: DIGEST }]);
  });

  it('warns when the image has no scan yet', async () => {
    world.scans.clear();
    const result = await runCheck(world, 'image');
    expect(result).toMatchObject({ status: 'warn', summary: 'web:v2 exists; it has not been scanned: vulnerabilities unknown' });
  });

  it('warns when the scan is still running', async () => {
    world.scans.set(DIGEST, { imageScanStatus: { status: 'IN_PROGRESS', description: 'scanning' } });
    expect((await runCheck(world, 'image')).summary).toMatch(/scan is IN_PROGRESS \(scanning\)/);
  });

  it('warns that a non-ECR image was not checked, without calling ECR', async () => {
    const result = await runCheck(world, 'image', { image: 'ghcr.io/acme/web:v2' });
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'ghcr.io/acme/web:v2 is not in a private ECR registry: its existence and scan were not checked',
    });
    expect(world.mocks.ecr.calls()).toHaveLength(0);
  });
});
