import { fail, pass, warn, type CheckOutcome } from './check.ts';
import { SEVERITIES, type EcrImage, type ImageRegistry, type ScanFindings, type Severity } from './ports.ts';

const ECR =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._\-/]*?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** A private ECR image URI as the ECR API addresses it; undefined for any other registry. */
export function parseEcrImage(uri: string): EcrImage | undefined {
  const m = ECR.exec(uri);
  if (!m) return undefined;
  const digest = m[5];
  return { registryId: m[1]!, region: m[2]!, repository: m[3]!, tag: digest ? undefined : (m[4] ?? 'latest'), digest };
}

/** Scan statuses that mean a finished scan whose counts can be trusted. */
const FINISHED = new Set(['COMPLETE', 'ACTIVE']);

/**
 * The image exists (tag or digest), and its scan has nothing at or above `maxSeverity`
 * (fail) nor one level below (warn). Not scanned yet, or not ECR: a warning.
 */
export async function checkImage(uri: string, maxSeverity: Severity, registry: ImageRegistry): Promise<CheckOutcome> {
  const image = parseEcrImage(uri);
  if (!image) return warn(`${uri} is not in a private ECR registry: its existence and scan were not checked`, [`image: ${uri}`]);
  const ref = image.digest ?? `:${image.tag}`;
  const where = `${image.registryId}/${image.repository} in ${image.region}`;
  const found = await registry.findImage(image);
  if (!found) return fail(`${image.repository}${image.digest ? '@' : ''}${ref} does not exist in ECR`, [`repository: ${where}`]);
  const evidence = [
    `repository: ${where}`,
    `digest: ${found.digest}`,
    `tags: ${found.tags.join(', ') || 'none'}`,
    ...(found.pushedAt ? [`pushed: ${found.pushedAt.toISOString()}`] : []),
  ];
  const scan = await registry.scanFindings(image, found.digest);
  if (!FINISHED.has(scan.status)) {
    const state =
      scan.status === 'NONE' ? 'it has not been scanned' : `its scan is ${scan.status}${scan.description ? ` (${scan.description})` : ''}`;
    return warn(`${image.repository}${image.digest ? '@' : ''}${ref} exists; ${state}: vulnerabilities unknown`, evidence);
  }
  return judgeFindings(scan, maxSeverity, `${image.repository}${image.digest ? '@' : ''}${ref}`, evidence);
}

function judgeFindings(scan: ScanFindings, maxSeverity: Severity, name: string, evidence: string[]): CheckOutcome {
  const limit = SEVERITIES.indexOf(maxSeverity);
  const count = (severities: readonly string[]) => severities.reduce((sum, s) => sum + (scan.counts[s] ?? 0), 0);
  const atOrAbove = SEVERITIES.slice(0, limit + 1);
  const below = SEVERITIES.slice(limit + 1, limit + 2);
  const counts = SEVERITIES.map((s) => `${s} ${scan.counts[s] ?? 0}`).join(', ');
  const details = [
    `scan: ${scan.status}${scan.completedAt ? ` at ${scan.completedAt.toISOString()}` : ''}`,
    `findings: ${counts}`,
    ...scan.top.map((f) => `${f.name} (${f.severity})${f.where ? ` in ${f.where}` : ''}`),
  ];
  const blocking = count(atOrAbove);
  if (blocking > 0)
    return fail(`${name} has ${blocking} finding(s) at ${maxSeverity} or above (max-severity ${maxSeverity})`, [...evidence, ...details]);
  const near = count(below);
  if (near > 0)
    return warn(`${name} has ${near} ${below[0]} finding(s), one level below max-severity ${maxSeverity}`, [...evidence, ...details]);
  return pass(`${name} exists; no findings at ${below[0] ?? maxSeverity} or above`, [...evidence, ...details]);
}
