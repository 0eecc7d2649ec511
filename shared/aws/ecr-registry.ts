import { DescribeImageScanFindingsCommand, DescribeImagesCommand, ECRClient, type ImageIdentifier } from '@aws-sdk/client-ecr';
import { DeployError } from '../errors.ts';
import { SEVERITIES, type EcrImage, type FoundImage, type ImageRegistry, type ScanFindings } from '../engine/preflight/ports.ts';
import { awsErrorName, call } from './call.ts';

/** How many of the worst findings to name in the evidence. */
const TOP_FINDINGS = 5;

const rank = (severity: string | undefined): number => {
  const i = SEVERITIES.indexOf((severity ?? '') as (typeof SEVERITIES)[number]);
  return i < 0 ? SEVERITIES.length : i;
};

/**
 * ECR in the image's own region (the URI says which), which may differ from the deployment's.
 * `clientFor(region)` builds a client per region with the suite's settings.
 */
export class EcrRegistry implements ImageRegistry {
  private readonly clientFor: (region: string) => ECRClient;
  private readonly clients = new Map<string, ECRClient>();

  constructor(clientFor: (region: string) => ECRClient) {
    this.clientFor = clientFor;
  }

  async findImage(image: EcrImage): Promise<FoundImage | undefined> {
    const ecr = this.client(image.region);
    try {
      const out = await call('ecr:DescribeImages', () =>
        ecr.send(new DescribeImagesCommand({ registryId: image.registryId, repositoryName: image.repository, imageIds: [imageId(image)] })),
      );
      const detail = out.imageDetails?.[0];
      if (!detail?.imageDigest) return undefined;
      return { digest: detail.imageDigest, tags: detail.imageTags ?? [], pushedAt: detail.imagePushedAt };
    } catch (error) {
      if (awsErrorName(error) === 'ImageNotFoundException') return undefined;
      if (awsErrorName(error) === 'RepositoryNotFoundException') {
        throw new DeployError(`ECR repository ${image.repository} does not exist in registry ${image.registryId} (${image.region})`, {
          fix: 'Check the image URI: the account, the region and the repository name.',
        });
      }
      throw error;
    }
  }

  async scanFindings(image: EcrImage, digest: string): Promise<ScanFindings> {
    const ecr = this.client(image.region);
    try {
      const out = await call('ecr:DescribeImageScanFindings', () =>
        ecr.send(
          new DescribeImageScanFindingsCommand({
            registryId: image.registryId,
            repositoryName: image.repository,
            imageId: { imageDigest: digest },
            maxResults: 100,
          }),
        ),
      );
      const findings = out.imageScanFindings;
      const basic = (findings?.findings ?? []).map((f) => ({
        name: f.name ?? 'finding',
        severity: f.severity ?? 'UNDEFINED',
        where: f.attributes?.find((a) => a.key === 'package_name')?.value,
      }));
      const enhanced = (findings?.enhancedFindings ?? []).map((f) => ({
        name: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.title ?? 'finding',
        severity: f.severity ?? 'UNDEFINED',
        where: f.packageVulnerabilityDetails?.vulnerablePackages?.[0]?.name,
      }));
      return {
        status: out.imageScanStatus?.status ?? 'NONE',
        description: out.imageScanStatus?.description,
        completedAt: findings?.imageScanCompletedAt,
        counts: findings?.findingSeverityCounts ?? {},
        top: [...basic, ...enhanced].sort((a, b) => rank(a.severity) - rank(b.severity)).slice(0, TOP_FINDINGS),
      };
    } catch (error) {
      if (awsErrorName(error) === 'ScanNotFoundException')
        return { status: 'NONE', description: undefined, completedAt: undefined, counts: {}, top: [] };
      throw error;
    }
  }

  private client(region: string): ECRClient {
    let client = this.clients.get(region);
    if (!client) {
      client = this.clientFor(region);
      this.clients.set(region, client);
    }
    return client;
  }
}

const imageId = (image: EcrImage): ImageIdentifier => (image.digest ? { imageDigest: image.digest } : { imageTag: image.tag });
