/**
 * What a release tells the team as it moves. One shape for every target: the generic webhook
 * sends it as is (docs/notifications.md documents it); Slack and Teams render it.
 */
export const RELEASE_EVENTS = [
  'started',
  'step',
  'awaiting-approval',
  'promoted',
  'rolled-back',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type ReleaseEventName = (typeof RELEASE_EVENTS)[number];

export interface GateVerdict {
  name: string;
  observed: string;
  threshold: string;
  verdict: string;
}

export interface ReleaseEvent {
  event: ReleaseEventName;
  /** The run's result so far ('in-progress' until it ends). */
  result: string;
  /** The action that sends it: canary, blue-green, rollback, chaos, run-task. */
  action: string;
  environment?: string;
  cluster: string;
  services: string[];
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  /** Traffic by service name, as read back from the load balancer. */
  weights?: Record<string, number>;
  gates: GateVerdict[];
  runUrl?: string;
  timestamp: string;
  /** One human line: what just happened ("step 2: 25 % on green"). */
  summary: string;
}

/** The link to this workflow run, from the runner's environment. */
export function runUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
