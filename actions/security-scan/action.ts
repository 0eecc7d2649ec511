import { Output } from '../../shared/constants.ts';
import { syncIssues, type IssueChange } from '../../shared/engine/security/issues.ts';
import { runSecurityScan, type ScanReport } from '../../shared/engine/security/scan.ts';
import { renderScanSummary } from '../../shared/engine/security/summary.ts';
import { runAction, type ActionSpec } from '../../shared/github/runner.ts';
import { parseScanInputs, type ScanInputs } from './inputs.ts';

/** The scan's report with the issues it opened, updated or closed. */
type ScanWithIssues = ScanReport & { issues: IssueChange[] };

export const securityScan: ActionSpec<ScanInputs, ScanWithIssues> = {
  inputs: parseScanInputs,
  async run(inputs, context) {
    const { wire } = await import('./wiring.ts');
    const { ports, issues: tracker } = wire(inputs, context);
    const plan = { cluster: inputs.cluster, services: inputs.services, failOn: inputs['fail-on'], requireScan: inputs['require-scan'] };
    const { report, error } = await runSecurityScan(plan, ports);
    const issues = tracker && report.images.length > 0 ? await syncIssues(report, tracker, inputs['issue-label'], context) : [];
    return { report: { ...report, issues }, error };
  },
  outputs: ({ report }) => ({
    [Output.Result]: report.result,
    [Output.Images]: String(report.images.length),
    [Output.Blocking]: String(report.images.reduce((sum, r) => sum + r.blocking.length, 0)),
    [Output.Issues]: report.issues
      .filter((i) => i.action !== 'unchanged')
      .map((i) => i.url)
      .join(','),
  }),
  summary: (report) => renderScanSummary(report, report.issues),
};

export const run = () => runAction(securityScan);
