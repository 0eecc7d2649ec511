import type {
  DescribeImageScanFindingsRequest,
  DescribeImagesRequest,
  DescribeRepositoriesRequest,
  ImageIdentifier,
  ListImagesRequest,
} from '@aws-sdk/client-ecr';
import type { EcrImage, EcrRegistry, EcrRepository } from '../ecr-registry.ts';
import { AwsError } from '../errors.ts';
import { list, num, obj, paginate, str } from '../params.ts';
import type { Operations } from './types.ts';

function severityCounts(image: EcrImage): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of image.findings) {
    const severity = f.severity ?? 'UNDEFINED';
    counts[severity] = (counts[severity] ?? 0) + 1;
  }
  return counts;
}

/** Amazon ECR (awsJson1_1, AmazonEC2ContainerRegistry_V20150921). */
export function ecrOperations(deps: { registry: EcrRegistry }): Operations {
  const { registry } = deps;

  const repository = (name: string | undefined): EcrRepository => {
    const found = name ? registry.repositories.get(name) : undefined;
    if (!found) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name ?? ''}' does not exist in the registry with id '${registry.registryId}'`,
      );
    }
    return found;
  };

  const image = (repo: EcrRepository, raw: unknown): EcrImage => {
    const id = (obj(raw) ?? {}) as ImageIdentifier;
    const found = registry.findImage(repo, { imageTag: str(id.imageTag), imageDigest: str(id.imageDigest) });
    if (!found) {
      throw new AwsError(
        'ImageNotFoundException',
        `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.name}' in the registry with id '${registry.registryId}'`,
      );
    }
    return found;
  };

  return {
    DescribeRepositories(input: DescribeRepositoriesRequest) {
      const names = list<string>(input.repositoryNames);
      const repos = names.length > 0 ? names.map((n) => repository(n)) : [...registry.repositories.values()];
      const { page, nextToken } = paginate(repos, num(input.maxResults), str(input.nextToken), 1000);
      return {
        repositories: page.map((r) => ({
          repositoryArn: r.arn,
          registryId: registry.registryId,
          repositoryName: r.name,
          repositoryUri: r.uri,
          createdAt: r.createdAt,
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfiguration: { encryptionType: 'AES256' },
        })),
        nextToken,
      };
    },

    DescribeImages(input: DescribeImagesRequest) {
      const repo = repository(str(input.repositoryName));
      const ids = list(input.imageIds);
      const tagStatus = str(obj(input.filter)?.tagStatus);
      const images = (ids.length > 0 ? ids.map((id) => image(repo, id)) : repo.images).filter(
        (i) => !tagStatus || tagStatus === 'ANY' || (tagStatus === 'TAGGED') === i.tags.length > 0,
      );
      const { page, nextToken } = paginate(images, num(input.maxResults), str(input.nextToken), 1000);
      return {
        imageDetails: page.map((i) => ({
          registryId: registry.registryId,
          repositoryName: repo.name,
          imageDigest: i.digest,
          imageTags: i.tags,
          imageSizeInBytes: i.sizeBytes,
          imagePushedAt: i.pushedAt,
          imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
          imageScanFindingsSummary: {
            imageScanCompletedAt: i.scannedAt,
            vulnerabilitySourceUpdatedAt: i.scannedAt,
            findingSeverityCounts: severityCounts(i),
          },
          imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          artifactMediaType: 'application/vnd.docker.container.image.v1+json',
          imageStatus: 'ACTIVE',
        })),
        nextToken,
      };
    },

    ListImages(input: ListImagesRequest) {
      const repo = repository(str(input.repositoryName));
      const ids = repo.images.flatMap((i) =>
        i.tags.length > 0 ? i.tags.map((tag) => ({ imageDigest: i.digest, imageTag: tag })) : [{ imageDigest: i.digest }],
      );
      const { page, nextToken } = paginate(ids, num(input.maxResults), str(input.nextToken), 1000);
      return { imageIds: page, nextToken };
    },

    DescribeImageScanFindings(input: DescribeImageScanFindingsRequest) {
      const repo = repository(str(input.repositoryName));
      const found = image(repo, input.imageId);
      const requested = (obj(input.imageId) ?? {}) as ImageIdentifier;
      const { page, nextToken } = paginate(found.findings, num(input.maxResults), str(input.nextToken), 1000);
      return {
        registryId: registry.registryId,
        repositoryName: repo.name,
        imageId: { imageDigest: found.digest, ...(requested.imageTag ? { imageTag: requested.imageTag } : {}) },
        imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
        imageScanFindings: {
          imageScanCompletedAt: found.scannedAt,
          vulnerabilitySourceUpdatedAt: found.scannedAt,
          findingSeverityCounts: severityCounts(found),
          findings: page,
        },
        nextToken,
      };
    },
  };
}
