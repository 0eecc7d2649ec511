import { describe, expect, it } from 'vitest';
import { issueBody, marker, syncIssues } from '../../../shared/engine/security/issues.ts';
import type { ImageScan, ImageScanner, Issue, IssueTracker, TaskDefinitionImages } from '../../../shared/engine/security/ports.ts';
import { blocks, runSecurityScan, type ScanPlan } from '../../../shared/engine/security/scan.ts';
import { renderScanSummary } from '../../../shared/engine/security/summary.ts';
import { FakeClock, FakeFleet, MemoryLog, taskDef, throttled } from '../../../sandbox/rehearsal/engine-fakes.ts';

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web';
const complete = (counts: ImageScan['counts'], findings: ImageScan['findings'] = []): ImageScan => ({
  status: 'COMPLETE',
  detail: undefined,
  digest: 'sha256:abc',
  completedAt: new Date('2026-11-22T09:00:00Z'),
  counts,
  findings,
});
const cve = (id: string, severity: ImageScan['findings'][number]['severity']) => ({
  id,
  severity,
  package: 'openssl 3.0.2',
  uri: `https://nvd/${id}`,
});

function world(images: Record<string, { container: string; image: string }[]>, scans: Record<string, ImageScan>) {
  const fleet = new FakeFleet({ blueRevision: 1, greenRevision: 2 });
  const scanned: string[] = [];
  const taskDefinitions: TaskDefinitionImages = { images: async (arn) => images[arn] ?? [] };
  const scanner: ImageScanner = {
    scan: async (image) => {
      scanned.push(image);
      return scans[image]!;
    },
  };
  return {
    fleet,
    taskDefinitions,
    scanner,
    scanned,
    clock: new FakeClock(),
    log: new MemoryLog(),
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 },
  };
}

const plan = (overrides: Partial<ScanPlan> = {}): ScanPlan => ({
  cluster: 'prod',
  services: ['web-blue', 'web-green'],
  failOn: 'HIGH',
  requireScan: true,
  ...overrides,
});

describe('severity threshold', () => {
  it('blocks at or above fail-on, never UNDEFINED, nothing with NONE', () => {
    expect(blocks('CRITICAL', 'HIGH')).toBe(true);
    expect(blocks('HIGH', 'HIGH')).toBe(true);
    expect(blocks('MEDIUM', 'HIGH')).toBe(false);
    expect(blocks('UNDEFINED', 'INFORMATIONAL')).toBe(false);
    expect(blocks('CRITICAL', 'NONE')).toBe(false);
  });
});

describe('runSecurityScan', () => {
  it('scans each live image once and fails at or above the threshold', async () => {
    const ports = world(
      {
        [taskDef(1)]: [
          { container: 'app', image: `${REPO}:v1` },
          { container: 'log', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable' },
        ],
        [taskDef(2)]: [{ container: 'app', image: `${REPO}:v1` }],
      },
      {
        [`${REPO}:v1`]: complete({ HIGH: 1, LOW: 3 }, [cve('CVE-1', 'LOW'), cve('CVE-2', 'HIGH')]),
        'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable': {
          ...complete({}),
          status: 'NOT_ECR',
          detail: 'not an ECR image; ECR cannot scan it',
        },
      },
    );
    const { report, error } = await runSecurityScan(plan(), ports);
    expect(ports.scanned).toEqual([`${REPO}:v1`, 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable']);
    expect(report.result).toBe('failed');
    expect(report.images[0]).toMatchObject({
      usedBy: ['web-blue/app', 'web-green/app'],
      taskDefinitions: ['web:1', 'web:2'],
      verdict: 'fail',
    });
    expect(report.images[0]!.blocking.map((f) => f.id)).toEqual(['CVE-2']);
    expect(report.images[1]!.verdict).toBe('pass');
    expect(error?.message).toBe('1 of 2 live image(s) fail the security scan (fail-on HIGH)');
    expect(error?.why).toEqual([`${REPO}:v1: 1 HIGH, 3 LOW`]);
  });

  it('fails on the counts even when the finding list was cut short', async () => {
    const ports = world({ [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }] }, { [`${REPO}:v1`]: complete({ CRITICAL: 2 }) });
    const { report } = await runSecurityScan(plan({ services: ['web-blue'] }), ports);
    expect(report.result).toBe('failed');
  });

  it('passes below the threshold, and reports only with NONE', async () => {
    const scans = { [`${REPO}:v1`]: complete({ MEDIUM: 4 }, [cve('CVE-3', 'MEDIUM')]) };
    const images = { [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }] };
    expect((await runSecurityScan(plan({ services: ['web-blue'] }), world(images, scans))).report.result).toBe('passed');
    expect((await runSecurityScan(plan({ services: ['web-blue'], failOn: 'MEDIUM' }), world(images, scans))).report.result).toBe('failed');
    expect((await runSecurityScan(plan({ services: ['web-blue'], failOn: 'NONE' }), world(images, scans))).error).toBeUndefined();
  });

  it('fails an unscanned ECR image unless require-scan is off', async () => {
    const scans: Record<string, ImageScan> = {
      [`${REPO}:v1`]: { ...complete({}), status: 'NO_SCAN', detail: 'the image was never scanned' },
    };
    const images = { [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }] };
    const strict = await runSecurityScan(plan({ services: ['web-blue'] }), world(images, scans));
    expect(strict.error?.why).toEqual([`${REPO}:v1: NO_SCAN: the image was never scanned`]);
    const lenient = await runSecurityScan(plan({ services: ['web-blue'], requireScan: false }), world(images, scans));
    expect(lenient.report.result).toBe('passed');
  });

  it('includes an older deployment that still runs tasks', async () => {
    const ports = world(
      { [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }], [taskDef(7)]: [{ container: 'app', image: `${REPO}:v7` }] },
      { [`${REPO}:v1`]: complete({}), [`${REPO}:v7`]: complete({}) },
    );
    await ports.fleet.deploy('web-blue', taskDef(7), 2);
    ports.fleet.rollout = { kind: 'hangs' };
    ports.fleet.service('web-blue').deployments[1]!.runningCount = 2;
    const { report } = await runSecurityScan(plan({ services: ['web-blue'] }), ports);
    expect(report.images.map((r) => r.image)).toEqual([`${REPO}:v7`, `${REPO}:v1`]);
  });

  it('retries a throttled scan call', async () => {
    const ports = world({ [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }] }, { [`${REPO}:v1`]: complete({}) });
    const scan = ports.scanner.scan;
    let calls = 0;
    ports.scanner.scan = async (image) => {
      if (calls++ === 0) throw throttled();
      return scan(image);
    };
    const { report } = await runSecurityScan(plan({ services: ['web-blue'] }), ports);
    expect(report.result).toBe('passed');
    expect(calls).toBe(2);
  });

  it('renders one row per image with the counts per severity', async () => {
    const ports = world(
      { [taskDef(1)]: [{ container: 'app', image: `${REPO}:v1` }] },
      { [`${REPO}:v1`]: complete({ CRITICAL: 1 }, [cve('CVE-9', 'CRITICAL')]) },
    );
    const { report } = await runSecurityScan(plan({ services: ['web-blue'] }), ports);
    const summary = renderScanSummary(report);
    expect(summary).toContain('## ❌ Failed: security scan of web-blue on prod (fail-on HIGH)');
    expect(summary).toContain(`| \`${REPO}:v1\` | web-blue/app | 1 | 0 | 0 | 0 | 0 | 2026-11-22 09:00 | ❌ |`);
    expect(summary).toContain(`| \`${REPO}:v1\` | CRITICAL | [CVE-9](https://nvd/CVE-9) | openssl 3.0.2 |`);
  });
});

class MemoryTracker implements IssueTracker {
  issues: Issue[] = [];
  calls: string[] = [];
  async openIssues(label: string) {
    this.calls.push(`list ${label}`);
    return structuredClone(this.issues);
  }
  async create(title: string, body: string) {
    this.calls.push(`create ${title}`);
    const issue = { number: this.issues.length + 1, url: `https://github.com/o/r/issues/${this.issues.length + 1}`, title, body };
    this.issues.push(issue);
    return issue;
  }
  async update(number: number, title: string, body: string) {
    this.calls.push(`update #${number}`);
    const issue = this.issues.find((i) => i.number === number)!;
    Object.assign(issue, { title, body });
    return issue;
  }
}

describe('syncIssues', () => {
  const scanOf = async (findings: ImageScan['findings'], tag = 'v1', at = '2026-11-22T09:00:00Z') => {
    const image = `${REPO}:${tag}`;
    const ports = world(
      { [taskDef(1)]: [{ container: 'app', image }] },
      { [image]: { ...complete({ HIGH: findings.length }, findings), completedAt: new Date(at) } },
    );
    return (await runSecurityScan(plan({ services: ['web-blue'] }), ports)).report;
  };
  const ports = { clock: new FakeClock(), log: new MemoryLog() };

  it('creates one issue per image repository, then updates it only when the findings change', async () => {
    const tracker = new MemoryTracker();
    const first = await syncIssues(await scanOf([cve('CVE-2', 'HIGH')]), tracker, 'security-scan', ports);
    expect(first).toEqual([{ image: REPO, action: 'created', number: 1, url: 'https://github.com/o/r/issues/1' }]);
    expect(tracker.issues[0]!.title).toBe(`Security scan: 1 finding(s) up to HIGH in ${REPO}`);
    expect(tracker.issues[0]!.body.startsWith(marker(`${REPO}:v1`))).toBe(true);

    const again = await syncIssues(await scanOf([cve('CVE-2', 'HIGH')], 'v1', '2026-11-23T09:00:00Z'), tracker, 'security-scan', ports);
    expect(again[0]!.action).toBe('unchanged');

    const changed = await syncIssues(await scanOf([cve('CVE-2', 'HIGH'), cve('CVE-4', 'HIGH')], 'v2'), tracker, 'security-scan', ports);
    expect(changed[0]).toMatchObject({ action: 'updated', number: 1 });
    expect(tracker.calls).toEqual([
      'list security-scan',
      `create Security scan: 1 finding(s) up to HIGH in ${REPO}`,
      'list security-scan',
      'list security-scan',
      'update #1',
    ]);
  });

  it('opens nothing for a passing scan', async () => {
    const tracker = new MemoryTracker();
    expect(await syncIssues(await scanOf([]), tracker, 'security-scan', ports)).toEqual([]);
    expect(tracker.issues).toEqual([]);
  });

  it('lists at most 50 findings in the body', async () => {
    const report = await scanOf(Array.from({ length: 60 }, (_, i) => cve(`CVE-${i}`, 'HIGH')));
    const body = issueBody(report.images, report);
    expect(body.match(/^\| HIGH \|/gm)).toHaveLength(50);
    expect(body).toContain('… and 10 more');
  });
});
