import { DescribeImageScanFindingsCommand, type ECRClient, type DescribeImageScanFindingsCommandOutput } from '@aws-sdk/client-ecr';
import { SEVERITIES, type Finding, type ImageScan, type ImageScanner, type Severity } from '../engine/security/ports.ts';
import { awsErrorName, call } from './call.ts';

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[a-f0-9]{64}))?$/;
/** Pages of 1000 findings; past this the counts still tell the whole story. */
const MAX_PAGES = 10;

export interface EcrImage {
  registryId: string;
  region: string;
  repositoryName: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function parseEcrImage(image: string): EcrImage | undefined {
  const match = ECR_IMAGE.exec(image);
  if (!match) return undefined;
  const [, registryId, region, repositoryName, tag, digest] = match;
  return { registryId: registryId!, region: region!, repositoryName: repositoryName!, tag: digest ? undefined : (tag ?? 'latest'), digest };
}

const severity = (value: string | undefined): Severity => (SEVERITIES.includes(value as Severity) ? (value as Severity) : 'UNDEFINED');

/**
 * ECR's scan findings for an image reference, basic or enhanced (Inspector) scanning alike.
 * The registry's region may differ from the cluster's, so the client comes per region.
 */
export class EcrScanner implements ImageScanner {
  private readonly clientFor: (region: string) => ECRClient;

  constructor(clientFor: (region: string) => ECRClient) {
    this.clientFor = clientFor;
  }

  async scan(image: string): Promise<ImageScan> {
    const ref = parseEcrImage(image);
    const empty = { digest: undefined, completedAt: undefined, counts: {}, findings: [] };
    if (!ref) return { ...empty, status: 'NOT_ECR', detail: 'not an ECR image; ECR cannot scan it' };
    const ecr = this.clientFor(ref.region);
    const pages: DescribeImageScanFindingsCommandOutput[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const out = await call('ecr:DescribeImageScanFindings', () =>
          ecr.send(
            new DescribeImageScanFindingsCommand({
              registryId: ref.registryId,
              repositoryName: ref.repositoryName,
              imageId: ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag },
              maxResults: 1000,
              nextToken,
            }),
          ),
        );
        pages.push(out);
        nextToken = out.nextToken;
      } while (nextToken && pages.length < MAX_PAGES);
    } catch (error) {
      const code = awsErrorName(error);
      if (code === 'ScanNotFoundException' || code === 'ImageNotFoundException')
        return {
          ...empty,
          status: 'NO_SCAN',
          detail: code === 'ScanNotFoundException' ? 'the image was never scanned' : 'the image is not in the repository',
        };
      throw error;
    }
    return toScan(pages);
  }
}

function toScan(pages: DescribeImageScanFindingsCommandOutput[]): ImageScan {
  const first = pages[0]!;
  const status = first.imageScanStatus?.status ?? 'FAILED';
  const findings: Finding[] = pages.flatMap((page) => [
    ...(page.imageScanFindings?.findings ?? []).map((f) => ({
      id: f.name ?? 'unnamed',
      severity: severity(f.severity),
      package: packageOf(f.attributes ?? []),
      uri: f.uri,
    })),
    ...(page.imageScanFindings?.enhancedFindings ?? []).map((f) => ({
      id: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.title ?? 'unnamed',
      severity: severity(f.severity),
      package: f.packageVulnerabilityDetails?.vulnerablePackages?.map((p) => [p.name, p.version].filter(Boolean).join(' ')).join(', '),
      uri: f.packageVulnerabilityDetails?.sourceUrl,
    })),
  ]);
  const counted = first.imageScanFindings?.findingSeverityCounts;
  const counts: Partial<Record<Severity, number>> = {};
  if (counted) for (const [name, n] of Object.entries(counted)) counts[severity(name)] = (counts[severity(name)] ?? 0) + n;
  else for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return {
    status:
      status === 'COMPLETE' || status === 'ACTIVE'
        ? 'COMPLETE'
        : status === 'IN_PROGRESS' || status === 'PENDING'
          ? 'IN_PROGRESS'
          : 'FAILED',
    detail: first.imageScanStatus?.description,
    digest: first.imageId?.imageDigest,
    completedAt: first.imageScanFindings?.imageScanCompletedAt,
    counts,
    findings,
  };
}

function packageOf(attributes: { key?: string; value?: string }[]): string | undefined {
  const get = (key: string) => attributes.find((a) => a.key === key)?.value;
  const name = get('package_name');
  return name ? [name, get('package_version')].filter(Boolean).join(' ') : undefined;
}
