import { asDeployError, DeployError } from '../../errors.ts';
import type { Clock, Fleet, Log } from '../ports.ts';
import { retrying, type RetryPolicy } from '../retry.ts';
import { SEVERITIES, type Finding, type ImageScan, type ImageScanner, type Severity, type TaskDefinitionImages } from './ports.ts';

export type FailOn = Severity | 'NONE';

export interface ScanPlan {
  cluster: string;
  services: string[];
  /** Findings at or above this severity fail the scan; NONE reports only. */
  failOn: FailOn;
  /** An ECR image without a completed scan fails (nothing proves it clean). */
  requireScan: boolean;
}

export interface ScanPorts {
  fleet: Fleet;
  taskDefinitions: TaskDefinitionImages;
  scanner: ImageScanner;
  clock: Clock;
  log: Log;
  retry?: RetryPolicy;
}

/** One image as it runs now: where it runs, and what its scan found. */
export interface ImageRow {
  image: string;
  /** `service/container` for each place it runs. */
  usedBy: string[];
  taskDefinitions: string[];
  scan: ImageScan;
  /** Findings at or above fail-on, worst first. */
  blocking: Finding[];
  /** Why this image fails the scan, if it does. */
  verdict: 'pass' | 'fail' | 'unscanned';
  reason: string;
}

export interface ScanReport {
  action: 'security-scan';
  cluster: string;
  services: string[];
  failOn: FailOn;
  startedAt: string;
  finishedAt?: string;
  result?: 'passed' | 'failed';
  images: ImageRow[];
  error?: { what: string; why: string[]; fix?: string };
}

export const rank = (severity: Severity | 'NONE'): number => (severity === 'NONE' ? -1 : SEVERITIES.length - SEVERITIES.indexOf(severity));

/** At or above fail-on (UNDEFINED severities never block: they carry no judgement). */
export const blocks = (severity: Severity, failOn: FailOn): boolean =>
  failOn !== 'NONE' && severity !== 'UNDEFINED' && rank(severity) >= rank(failOn);

/**
 * The images of the task definitions that run now (every deployment with running tasks, not
 * what the repository would build today), each with its ECR scan findings, judged against
 * fail-on.
 */
export async function runSecurityScan(plan: ScanPlan, ports: ScanPorts): Promise<{ report: ScanReport; error?: DeployError }> {
  const { fleet, taskDefinitions, scanner } = retrying(ports).ports(ports, { fleet: 'ecs', taskDefinitions: 'ecs', scanner: 'ecr' });
  const iso = () => new Date(ports.clock.now()).toISOString();
  const report: ScanReport = {
    action: 'security-scan',
    cluster: plan.cluster,
    services: plan.services,
    failOn: plan.failOn,
    startedAt: iso(),
    images: [],
  };
  try {
    const services = await fleet.describeServices(plan.services);
    const rows = new Map<string, ImageRow>();
    for (const name of plan.services) {
      const live = liveTaskDefinitions(services.get(name)!);
      for (const arn of live) {
        for (const { container, image } of await taskDefinitions.images(arn)) {
          const row = rows.get(image) ?? {
            image,
            usedBy: [],
            taskDefinitions: [],
            scan: undefined!,
            blocking: [],
            verdict: 'pass',
            reason: '',
          };
          if (!row.usedBy.includes(`${name}/${container}`)) row.usedBy.push(`${name}/${container}`);
          const revision = arn.slice(arn.lastIndexOf('/') + 1);
          if (!row.taskDefinitions.includes(revision)) row.taskDefinitions.push(revision);
          rows.set(image, row);
        }
      }
    }
    for (const row of rows.values()) {
      row.scan = await scanner.scan(row.image);
      judge(row, plan);
      ports.log.info(`${row.image}: ${row.reason}`);
    }
    report.images = [...rows.values()];
    const failing = report.images.filter((r) => r.verdict !== 'pass' && !(r.verdict === 'unscanned' && !plan.requireScan));
    report.result = failing.length > 0 ? 'failed' : 'passed';
    report.finishedAt = iso();
    if (failing.length === 0) return { report };
    return {
      report,
      error: new DeployError(`${failing.length} of ${report.images.length} live image(s) fail the security scan (fail-on ${plan.failOn})`, {
        why: failing.map((r) => `${r.image}: ${r.reason}`),
        fix: 'Rebuild the images with fixed packages and deploy them, or scan the unscanned ones (ECR scan on push, or start-image-scan).',
      }),
    };
  } catch (caught) {
    report.result = 'failed';
    report.finishedAt = iso();
    return { report, error: asDeployError(caught) };
  }
}

/** The PRIMARY deployment's revision, and any older one still running tasks. */
function liveTaskDefinitions(service: {
  taskDefinition: string;
  deployments: { taskDefinition: string; status: string; runningCount: number }[];
}) {
  const live = service.deployments.filter((d) => d.status === 'PRIMARY' || d.runningCount > 0).map((d) => d.taskDefinition);
  return [...new Set(live.length > 0 ? live : [service.taskDefinition])];
}

function judge(row: ImageRow, plan: ScanPlan): void {
  const { scan } = row;
  if (scan.status !== 'COMPLETE') {
    row.verdict = scan.status === 'NOT_ECR' ? 'pass' : 'unscanned';
    row.reason = `${scan.status}${scan.detail ? `: ${scan.detail}` : ''}`;
    return;
  }
  row.blocking = scan.findings.filter((f) => blocks(f.severity, plan.failOn)).sort((a, b) => rank(b.severity) - rank(a.severity));
  const counts = SEVERITIES.filter((s) => scan.counts[s]).map((s) => `${scan.counts[s]} ${s}`);
  // The counts cover every finding even when the list was cut short.
  const counted = SEVERITIES.filter((s) => blocks(s, plan.failOn)).reduce((sum, s) => sum + (scan.counts[s] ?? 0), 0);
  row.verdict = row.blocking.length > 0 || counted > 0 ? 'fail' : 'pass';
  row.reason = counts.length > 0 ? counts.join(', ') : 'no findings';
}
