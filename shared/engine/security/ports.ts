/** What the security scan reads: the live task definitions' images, their ECR scans, and GitHub issues. */

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** CVE-2026-1234 or the scanner's name for it. */
  id: string;
  severity: Severity;
  /** `openssl 3.0.2`, when the scanner says which package. */
  package: string | undefined;
  uri: string | undefined;
}

/**
 * COMPLETE (findings are the truth), NO_SCAN (never scanned, or the image is gone),
 * IN_PROGRESS, FAILED, NOT_ECR (a registry ECR cannot scan).
 */
export type ScanStatus = 'COMPLETE' | 'NO_SCAN' | 'IN_PROGRESS' | 'FAILED' | 'NOT_ECR';

export interface ImageScan {
  status: ScanStatus;
  /** Why it is not COMPLETE, in the scanner's words. */
  detail: string | undefined;
  /** The digest the scan is about, when ECR says. */
  digest: string | undefined;
  completedAt: Date | undefined;
  counts: Partial<Record<Severity, number>>;
  findings: Finding[];
}

export interface ImageScanner {
  scan(image: string): Promise<ImageScan>;
}

export interface ContainerImage {
  container: string;
  image: string;
}

export interface TaskDefinitionImages {
  images(taskDefinitionArn: string): Promise<ContainerImage[]>;
}

export interface Issue {
  number: number;
  url: string;
  title: string;
  body: string;
}

export interface IssueTracker {
  /** Open issues with the label. */
  openIssues(label: string): Promise<Issue[]>;
  create(title: string, body: string, label: string): Promise<Issue>;
  update(number: number, title: string, body: string): Promise<Issue>;
}
