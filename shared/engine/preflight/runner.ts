import type { Clock } from '../ports.ts';
import { retrying } from '../retry.ts';
import { asDeployError, DeployError } from '../../errors.ts';
import { checkCapacity } from './capacity.ts';
import { CHECK_TITLES, fail, type CheckId, type CheckOutcome, type CheckResult } from './check.ts';
import { PreflightReads, type ServiceScope } from './context.ts';
import { captureLiveState, type LiveState } from './live-state.ts';
import { checkCredentials } from './credentials.ts';
import { checkDeployWindow } from './deploy-window.ts';
import { checkImage } from './image.ts';
import { checkNoActiveIncident } from './no-active-incident.ts';
import { checkNoDeploymentInProgress } from './no-deployment-in-progress.ts';
import type { PreflightPorts, Severity } from './ports.ts';
import { checkNativeNoDeployment, checkNativeWiring } from './native.ts';
import { checkRollbackReady } from './rollback-ready.ts';
import type { Schedule } from './schedule.ts';
import { checkServiceHealth } from './service-health.ts';
import { checkTaskDefinition, type TaskDefinitionPlan } from './task-definition.ts';

/** What to check, from the validated inputs. Each check uses only its part. */
export interface PreflightPlan {
  checks: CheckId[];
  strict: boolean;
  cluster: string | undefined;
  scope: ServiceScope | undefined;
  expectedAccount: string | undefined;
  image: string | undefined;
  maxSeverity: Severity;
  taskDefinition: TaskDefinitionPlan | undefined;
  alarms: string[] | undefined;
  schedule: Schedule | undefined;
  /** One service: listener-arn / listener-rule-arn when given, which must be its production rule. */
  productionRule?: string;
}

export interface PreflightReport {
  action: 'preflight';
  cluster: string | undefined;
  startedAt: string;
  finishedAt: string;
  result: 'passed' | 'failed';
  error?: { what: string; why: string[]; fix?: string };
  strict: boolean;
  checks: CheckResult[];
  failedChecks: CheckId[];
  warnings: CheckId[];
  /** What was live when preflight ran; undefined when the inputs cannot tell or it could not be read (see the log). */
  live: LiveState | undefined;
}

type Run = (plan: PreflightPlan, ports: PreflightPorts, reads: PreflightReads) => Promise<CheckOutcome> | CheckOutcome;

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`this check needs ${what}`);
  return value;
};

const CHECKS: Record<CheckId, Run> = {
  credentials: (plan, ports) => checkCredentials(ports.identity, plan.expectedAccount),
  image: (plan, ports) => checkImage(need(plan.image, 'image'), plan.maxSeverity, ports.registry),
  'task-definition': (plan, _ports, reads) => checkTaskDefinition(need(plan.taskDefinition, 'task-definition'), reads.taskDefinitions),
  'service-health': (_plan, ports, reads) => checkServiceHealth(reads, ports.targets),
  capacity: (plan, ports, reads) => checkCapacity(reads, plan.taskDefinition, ports),
  'no-deployment-in-progress': (_plan, _ports, reads) => checkNoDeploymentInProgress(reads),
  'no-active-incident': (plan, ports) => checkNoActiveIncident(need(plan.alarms, 'alarms'), ports.alarms),
  'deploy-window': (plan, ports) => checkDeployWindow(need(plan.schedule, 'deploy-window or freeze'), ports.clock),
  'rollback-ready': (_plan, _ports, reads) => checkRollbackReady(reads),
  'native-wiring': (plan, ports) => checkNativeWiring(need(ports.native, 'the native port'), singleService(plan), plan.productionRule),
  'native-deployments': async (plan, ports, reads) =>
    checkNativeNoDeployment(need(ports.native, 'the native port'), singleService(plan), (await reads.services())[0]!.state),
};

const singleService = (plan: PreflightPlan): string => {
  if (plan.scope?.kind !== 'single') throw new Error('this check needs service');
  return plan.scope.service;
};

/**
 * Runs the selected checks side by side. A check that throws (AWS denied, a service missing)
 * is that check's failure with the reason; the others still run. `strict` makes warnings fail.
 */
export async function runPreflight(
  plan: PreflightPlan,
  ports: PreflightPorts,
  signal?: AbortSignal,
): Promise<{ report: PreflightReport; error?: DeployError }> {
  const startedAt = iso(ports.clock);
  const retried = retriedPorts(ports, signal);
  const reads = new PreflightReads(plan.scope, retried);
  const live = captureLiveState(reads, retried.native).catch((error: unknown) => {
    ports.log.warn(`live state: not captured: ${asDeployError(error).message}`);
    return undefined;
  });
  const results = await Promise.all(
    plan.checks.map(async (id): Promise<CheckResult> => {
      const outcome = await runOne(() => CHECKS[id](plan, retried, reads));
      const result: CheckResult = { id, title: CHECK_TITLES[id], ...outcome };
      ports.log[outcome.status === 'pass' ? 'info' : 'warn'](`${id}: ${outcome.status}: ${outcome.summary}`);
      if (plan.strict && outcome.status === 'warn') return { ...result, status: 'fail', strictFromWarn: true };
      return result;
    }),
  );
  const failedChecks = results.filter((r) => r.status === 'fail').map((r) => r.id);
  const report: PreflightReport = {
    action: 'preflight',
    cluster: plan.cluster,
    startedAt,
    finishedAt: iso(ports.clock),
    result: failedChecks.length > 0 ? 'failed' : 'passed',
    strict: plan.strict,
    checks: results,
    failedChecks,
    warnings: results.filter((r) => r.status === 'warn').map((r) => r.id),
    live: await live,
  };
  return { report, error: preflightFailure(report) };
}

/** The step's error when a check failed; undefined when every check passed. */
function preflightFailure(report: PreflightReport): DeployError | undefined {
  if (report.result === 'passed') return undefined;
  return new DeployError(`Preflight failed: ${report.failedChecks.join(', ')}`, {
    why: report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.summary}`),
    fix: 'See the job summary for each check’s evidence; fix those, then run again.',
  });
}

async function runOne(check: () => Promise<CheckOutcome> | CheckOutcome): Promise<CheckOutcome> {
  try {
    return await check();
  } catch (error) {
    const failure = asDeployError(error);
    return fail(failure.message, [...failure.why, ...(failure.fix ? [`fix: ${failure.fix}`] : [])]);
  }
}

/** Every AWS-reading port retried on transient errors through the Clock, and refused once cancelled. */
function retriedPorts(ports: PreflightPorts, signal: AbortSignal | undefined): PreflightPorts {
  return {
    ...ports,
    ...retrying({ ...ports, signal }).ports(ports, {
      identity: 'sts',
      registry: 'ecr',
      taskDefinitions: 'ecs',
      capacity: 'ecs',
      fargate: 'cloudwatch',
      alarms: 'cloudwatch',
      fleet: 'ecs',
      targets: 'elb',
      router: 'elb',
      native: 'ecs',
    }),
  };
}

const iso = (clock: Clock): string => new Date(clock.now()).toISOString();
