import { retrying, type RetryContext } from '../retry.ts';
import type { Issue, IssueTracker } from './ports.ts';
import { rank, type ImageRow, type ScanReport } from './scan.ts';

/** Up to this many findings are listed in an issue; the counts cover the rest. */
const LISTED = 50;

export interface IssueChange {
  image: string;
  action: 'created' | 'updated' | 'unchanged';
  number: number;
  url: string;
}

/** The hidden line that ties an issue to one image repository, so the next scan finds and updates it. */
export const marker = (image: string): string => `<!-- ecs-security-scan image=${imageKey(image)} -->`;

/** The repository without tag or digest: a new tag of the same image updates the same issue. */
const imageKey = (image: string): string => image.replace(/@sha256:[a-f0-9]+$/, '').replace(/:[^/:]+$/, '');

export function issueTitle(rows: ImageRow[]): string {
  const blocking = rows.flatMap((r) => r.blocking);
  const worst = blocking.map((f) => f.severity).sort((a, b) => rank(b) - rank(a))[0] ?? 'blocking';
  return `Security scan: ${blocking.length} finding(s) up to ${worst} in ${imageKey(rows[0]!.image)}`;
}

/** One section per running tag or digest of the repository. */
export function issueBody(rows: ImageRow[], report: ScanReport): string {
  const lines = [
    marker(rows[0]!.image),
    `Images of \`${imageKey(rows[0]!.image)}\` run now in cluster \`${report.cluster}\` with findings at or above **${report.failOn}**.`,
  ];
  for (const row of rows) {
    lines.push(
      '',
      `### \`${row.image}\``,
      '',
      '| | |',
      '|---|---|',
      `| Runs in | ${row.usedBy.map((u) => `\`${u}\``).join(', ')} |`,
      `| Task definitions | ${row.taskDefinitions.map((t) => `\`${t}\``).join(', ')} |`,
      `| Digest | \`${row.scan.digest ?? 'unknown'}\` |`,
      `| Scanned | ${row.scan.completedAt?.toISOString() ?? 'unknown'} |`,
      `| All findings | ${row.reason} |`,
      '',
      '| Severity | Finding | Package |',
      '|---|---|---|',
      ...row.blocking.slice(0, LISTED).map((f) => `| ${f.severity} | ${f.uri ? `[${f.id}](${f.uri})` : f.id} | ${f.package ?? ''} |`),
    );
    if (row.blocking.length > LISTED) lines.push('', `… and ${row.blocking.length - LISTED} more (see the ECR console).`);
  }
  lines.push('', 'Updated by the security scan workflow on each run; rebuild the image with fixed packages and deploy it to resolve.');
  return lines.join('\n');
}

/**
 * One open issue per image repository with blocking findings (its running tags together): created the first time, updated when its findings change,
 * left alone when they have not (no notification noise).
 */
export async function syncIssues(report: ScanReport, tracker: IssueTracker, label: string, ports: RetryContext): Promise<IssueChange[]> {
  const github = retrying(ports).port(tracker, 'github');
  const open = await github.openIssues(label);
  const changes: IssueChange[] = [];
  const groups = new Map<string, ImageRow[]>();
  for (const row of report.images.filter((r) => r.verdict === 'fail')) {
    groups.set(imageKey(row.image), [...(groups.get(imageKey(row.image)) ?? []), row]);
  }
  for (const [image, rows] of groups) {
    const title = issueTitle(rows);
    const body = issueBody(rows, report);
    const existing: Issue | undefined = open.find((issue) => issue.body.includes(marker(image)));
    if (!existing) {
      const created = await github.create(title, body, label);
      changes.push({ image, action: 'created', number: created.number, url: created.url });
    } else if (existing.title !== title || stripped(existing.body) !== stripped(body)) {
      const updated = await github.update(existing.number, title, body);
      changes.push({ image, action: 'updated', number: updated.number, url: updated.url });
    } else {
      changes.push({ image, action: 'unchanged', number: existing.number, url: existing.url });
    }
  }
  for (const change of changes) ports.log.info(`Issue #${change.number} ${change.action}: ${change.image}`);
  return changes;
}

/** The scan time changes every run; it alone is no reason to notify anyone. */
const stripped = (body: string): string => body.replace(/^\| Scanned \|.*$/gm, '').replace(/\r\n/g, '\n');
