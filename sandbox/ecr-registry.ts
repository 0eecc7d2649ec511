import { createHash } from 'node:crypto';
import type { ImageScanFinding } from '@aws-sdk/client-ecr';

export interface EcrImage {
  digest: string;
  tags: string[];
  pushedAt: Date;
  sizeBytes: number;
  scannedAt: Date;
  findings: ImageScanFinding[];
}

export interface EcrRepository {
  name: string;
  arn: string;
  uri: string;
  createdAt: Date;
  images: EcrImage[];
}

export interface ImageSeed {
  tags: string[];
  findings?: ImageScanFinding[];
}

/** The sandbox account's ECR registry: repositories, images, scan findings. */
export class EcrRegistry {
  readonly registryId: string;
  readonly host: string;
  readonly repositories = new Map<string, EcrRepository>();
  readonly #region: string;

  constructor(region: string, accountId: string) {
    this.#region = region;
    this.registryId = accountId;
    this.host = `${accountId}.dkr.ecr.${region}.amazonaws.com`;
  }

  addRepository(name: string, images: ImageSeed[]): EcrRepository {
    const now = Date.now();
    const repository: EcrRepository = {
      name,
      arn: `arn:aws:ecr:${this.#region}:${this.registryId}:repository/${name}`,
      uri: `${this.host}/${name}`,
      createdAt: new Date(now - 30 * 86_400_000),
      images: images.map((seed, index) => ({
        digest: `sha256:${createHash('sha256')
          .update(`${name}:${seed.tags.join(',')}:${index}`)
          .digest('hex')}`,
        tags: seed.tags,
        pushedAt: new Date(now - (images.length - index) * 86_400_000),
        sizeBytes: 48_000_000 + index * 1_234_567,
        scannedAt: new Date(now - (images.length - index) * 86_400_000 + 60_000),
        findings: seed.findings ?? [],
      })),
    };
    this.repositories.set(name, repository);
    return repository;
  }

  findImage(repository: EcrRepository, id: { imageTag?: string | undefined; imageDigest?: string | undefined }): EcrImage | undefined {
    return repository.images.find(
      (image) =>
        (id.imageDigest === undefined || image.digest === id.imageDigest) &&
        (id.imageTag === undefined || image.tags.includes(id.imageTag)),
    );
  }

  /**
   * Whether ECS could pull this image. Images outside this registry are assumed to
   * exist (the sample app runs whatever the image is); images inside must be there.
   */
  imageAvailable(image: string): boolean {
    if (!image.startsWith(`${this.host}/`)) return true;
    const rest = image.slice(this.host.length + 1);
    const [path, digest] = rest.split('@');
    const [name, tag] = (path ?? '').split(':');
    const repository = name ? this.repositories.get(name) : undefined;
    if (!repository) return false;
    return this.findImage(repository, digest ? { imageDigest: digest } : { imageTag: tag ?? 'latest' }) !== undefined;
  }
}
