/**
 * What the runner needs of a native run without loading the SDK: its outputs, console link,
 * notification facts, and how to tell its report from a two-color one.
 */
import type { NativeReport } from '../engine/native/context.ts';
import { consoleLinks } from './action.ts';
import type { Outputs } from './runner.ts';

/** The post step reads no inputs: the main step leaves the region (the role goes to State.Role). */
export const NATIVE_REGION_STATE = 'native-region';

/** `tg-web-1=0,tg-web-2=100`: production weights by target group name. */
export const formatTargetGroupWeights = (weights: Record<string, number>): string =>
  Object.entries(weights)
    .map(([arn, weight]) => `${arn.split('/').at(-2) ?? arn}=${weight}`)
    .join(',');

/**
 * What a native run tells the workflow: the outputs two-color runs give (result, live-service,
 * task-definition-arn, previous-task-definition-arn, weights) plus service-deployment-arn.
 */
export function nativeOutputs(report: NativeReport, extra: Record<string, string | undefined> = {}): Outputs {
  return {
    result: report.result,
    // One service: it is live whatever the outcome; the weights say which target group serves.
    'live-service': report.service,
    'task-definition-arn': report.taskDefinitionArn,
    'previous-task-definition-arn': report.previousTaskDefinitionArn,
    weights: report.weights ? formatTargetGroupWeights(report.weights) : undefined,
    'service-deployment-arn': report.serviceDeploymentArn,
    ...extra,
  } as Outputs;
}

/** The console link of the service, for the summary. */
export function addNativeLinks(report: NativeReport, region: string): void {
  report.facts['ECS console'] = consoleLinks(region, report.cluster, [report.service], '')['ECS console']!;
}

/** Reports of the two forms share an action; a native one names its one service. */
export const isNative = (report: object): report is NativeReport => typeof (report as { service?: unknown }).service === 'string';

/** What a native report tells the team (notifications): versions and production weights by target group. */
export function nativeFacts(report: NativeReport) {
  const weights =
    report.weights && Object.fromEntries(Object.entries(report.weights).map(([arn, weight]) => [arn.split('/').at(-2) ?? arn, weight]));
  return { taskDefinitionArn: report.taskDefinitionArn, previousTaskDefinitionArn: report.previousTaskDefinitionArn, weights };
}
