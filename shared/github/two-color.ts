import { Output, State } from '../constants.ts';
import { OWNED_WEIGHTS_STATE } from '../engine/two-color/ownership.ts';
import { formatWeights } from '../engine/topology.ts';
import type { Color, Clock, Log } from '../engine/ports.ts';
import type { NativeReport } from '../engine/native/context.ts';
import { renderNativeSummary } from '../engine/native/summary.ts';
import { notifyAs, type ReportFacts } from '../notify/announcer.ts';
import type { NotifyValues } from '../notify/inputs.ts';
import type { Report } from '../engine/two-color/report.ts';
import { renderSummary } from '../engine/two-color/summary.ts';
import { consoleLinks } from './action.ts';
import { isNative, nativeFacts } from './native-report.ts';
import { postClients } from './post-clients.ts';
import type { Outputs } from './runner.ts';

/** What canary, blue-green and rollback (two colors) tell the workflow. */
export function twoColorOutputs(report: Report): Outputs {
  const service = (color?: Color) => color && report.services[color];
  return {
    [Output.Result]: report.result,
    [Output.LiveService]: service(report.liveColor),
    [Output.PreviousService]: service(report.previousColor),
    [Output.TaskDefinitionArn]: report.taskDefinitionArn,
    [Output.PreviousTaskDefinitionArn]: report.previousTaskDefinitionArn,
    [Output.Weights]: report.weights && formatWeights(report.weights),
  };
}

/** Adds the console links of the run to the report's facts (the summary shows them). */
export function addConsoleLinks(
  report: { facts: Record<string, string> },
  where: { region: string; cluster: string; services: string[]; listener?: string },
) {
  const links = consoleLinks(where.region, where.cluster, where.services, where.listener ?? '');
  if (!where.listener) delete links['Load balancer'];
  Object.assign(report.facts, links);
}

/** Two services take turns (two-color), or one service is deployed by ECS itself (native, `service`). */
export const deployedServices = (
  inputs: { mode: 'native'; service: string } | { mode: 'two-color'; 'blue-service': string; 'green-service': string },
): string[] => (inputs.mode === 'native' ? [inputs.service] : [inputs['blue-service'], inputs['green-service']]);

/**
 * The job summary and the notification of canary, blue-green and rollback, whichever engine ran:
 * two services taking turns, or one service deployed by ECS itself.
 */
export function eitherEngineReport<I extends NotifyValues & { cluster: string; environment?: string }>(
  action: string,
  services: (inputs: I) => string[],
) {
  return {
    summary: (report: Report | NativeReport) => (isNative(report) ? renderNativeSummary(report) : renderSummary(report)),
    notify: notifyAs<I, Report | NativeReport>(action, services, (report) =>
      isNative(report) ? nativeFacts(report) : twoColorFacts(report),
    ),
  };
}

export const NO_GATES = 'No traffic gates configured (alarms, max-5xx-rate, max-p95-latency): only ECS task health guards';

/**
 * The post step of every traffic-shifting action. The runner runs it even when the job was
 * cancelled or the main step was killed; if the main step left traffic mid-shift, this puts
 * the saved weights back. It reads only the saved state, never the (maybe invalid) inputs,
 * and loads the SDK only when there is something to restore. Returns what it did, in a few words.
 */
export async function restoreTraffic(state: { get(key: string): string }, context: { clock: Clock; log: Log }): Promise<string> {
  const phase = state.get(State.Phase);
  const saved = state.get(State.Restore);
  if (phase !== 'shift') {
    context.log.info(`Nothing to restore (the main step ended in phase "${phase || 'none'}")`);
    return NOTHING_RESTORED;
  }
  context.log.warn('The main step stopped while traffic was shifting: restoring the previous weights');
  const { restoreFromCheckpoint } = await import('../engine/two-color/restore.ts');
  const { AlbRouter } = await import('../aws/alb-router.ts');
  const clientsFor = await postClients(state);
  // The listener ARN names its region, which is the one that matters here.
  const routerFor = (arn: string) => new AlbRouter(clientsFor(arn.split(':')[3]!).elb, arn);
  context.log.info(await restoreFromCheckpoint(phase, saved, routerFor, context, state.get(OWNED_WEIGHTS_STATE)));
  return 'restored and verified the previous weights';
}

/** What a post step that had nothing to put back says it did (for the deployment record). */
export const NOTHING_RESTORED = 'found nothing to restore';

/** What a two-color report tells the team: versions, traffic by service (as read back), the last step's gates. */
export function twoColorFacts(report: Report): ReportFacts {
  const last = report.steps.at(-1);
  return {
    taskDefinitionArn: report.taskDefinitionArn,
    previousTaskDefinitionArn: report.previousTaskDefinitionArn,
    weights: report.weights && {
      [report.services.blue]: report.weights.blue,
      [report.services.green]: report.weights.green,
    },
    gates: last?.gates.map((g) => ({ name: g.gate, observed: g.observed, threshold: g.threshold, verdict: g.verdict })),
  };
}
