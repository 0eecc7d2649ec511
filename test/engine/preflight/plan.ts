import type { CheckId, CheckResult } from '../../../shared/engine/preflight/check.ts';
import { runPreflight, type PreflightPlan } from '../../../shared/engine/preflight/runner.ts';
import { IMAGE, type AwsWorld } from './aws-world.ts';

export const twoColors = { kind: 'two-color', services: { blue: 'web-blue', green: 'web-green' } } as const;

export function plan(patch: Partial<PreflightPlan> = {}): PreflightPlan {
  return {
    checks: [],
    strict: false,
    cluster: 'demo',
    scope: twoColors,
    expectedAccount: undefined,
    image: IMAGE,
    maxSeverity: 'CRITICAL',
    taskDefinition: undefined,
    alarms: ['web-5xx'],
    schedule: undefined,
    ...patch,
  };
}

/** Runs one check against the world and returns its result. */
export async function runCheck(
  world: AwsWorld,
  id: CheckId,
  patch: Partial<PreflightPlan> = {},
  ports: Parameters<AwsWorld['ports']>[0] = {},
): Promise<CheckResult> {
  const { report } = await runPreflight(plan({ ...patch, checks: [id] }), world.ports(ports));
  return report.checks[0]!;
}
