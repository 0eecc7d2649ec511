/** What every preflight check returns, and the list of checks. */

export const CHECK_IDS = [
  'credentials',
  'image',
  'task-definition',
  'service-health',
  'capacity',
  'no-deployment-in-progress',
  'no-active-incident',
  'deploy-window',
  'rollback-ready',
  // One service deployed natively (`service`): its wiring, and no service deployment in flight.
  'native-wiring',
  'native-deployments',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_TITLES: Record<CheckId, string> = {
  credentials: 'Credentials',
  image: 'Image',
  'task-definition': 'Task definition',
  'service-health': 'Current deployment healthy',
  capacity: 'Capacity',
  'no-deployment-in-progress': 'No deployment in progress',
  'no-active-incident': 'No active incident',
  'deploy-window': 'Deployment window',
  'rollback-ready': 'Rollback ready',
  'native-wiring': 'Wired for native deployments',
  'native-deployments': 'No service deployment in flight',
};

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckOutcome {
  status: CheckStatus;
  /** One line: what was found, with the numbers. */
  summary: string;
  /** What the verdict rests on: identities, counts, events, reasons. */
  evidence: string[];
}

export interface CheckResult extends CheckOutcome {
  id: CheckId;
  title: string;
  /** Set when `strict` turned this check's warning into its failure. */
  strictFromWarn?: boolean;
}

export const pass = (summary: string, evidence: string[] = []): CheckOutcome => ({ status: 'pass', summary, evidence });
export const warn = (summary: string, evidence: string[] = []): CheckOutcome => ({ status: 'warn', summary, evidence });
export const fail = (summary: string, evidence: string[] = []): CheckOutcome => ({ status: 'fail', summary, evidence });

/** The worst of several outcomes decides; summaries of the worst are kept, evidence of all. */
export function worst(outcomes: CheckOutcome[], passSummary: string): CheckOutcome {
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  const top = Math.max(0, ...outcomes.map((o) => rank[o.status]));
  const status = (['pass', 'warn', 'fail'] as const)[top]!;
  const summaries = outcomes.filter((o) => o.status === status).map((o) => o.summary);
  return {
    status,
    summary: status === 'pass' ? passSummary : summaries.join('; '),
    evidence: outcomes.flatMap((o) => o.evidence),
  };
}
