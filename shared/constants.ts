/**
 * Every name the suite shares with the runner: the state keys a main step saves for its post
 * step, and the output names the action.yml files declare. One file, like actions/cache's
 * constants.ts, so a rename is one edit and a typo is a type error.
 */

/** core.saveState keys (the engines write them through their Checkpoint port). */
export const State = {
  /** The two-color run's phase: only `shift` means traffic may need restoring. */
  Phase: 'phase',
  /** The weights to put back (a RestorePoint as JSON). */
  Restore: 'restore',
  /** Targets chaos drained and has not put back (DrainedTargets as JSON). */
  Drained: 'drained',
  /** The role the main step assumed (RoleToAssume as JSON), so the post step can assume it again. */
  Role: 'role',
  /**
   * The GitHub deployment entry the main step opened and has not closed (SavedRecord as JSON;
   * emptied once it is closed), so the post step of a killed main step can close it.
   */
  Record: 'record',
  /** The Slack message a bot-token notifier posted (`channel/ts`), updated in place. */
  SlackThread: 'slack-thread',
} as const;

/** Output names, as the action.yml files declare them. */
export const Output = {
  Result: 'result',
  Report: 'report',
  LiveService: 'live-service',
  LiveTaskDefinitionArn: 'live-task-definition-arn',
  PreviousService: 'previous-service',
  TaskDefinitionArn: 'task-definition-arn',
  PreviousTaskDefinitionArn: 'previous-task-definition-arn',
  Weights: 'weights',
  TestUrl: 'test-url',
  Service: 'service',
  RecoverySeconds: 'recovery-seconds',
  FailedChecks: 'failed-checks',
  Warnings: 'warnings',
  Passed: 'passed',
  Failed: 'failed',
  P95Ms: 'p95-ms',
  Images: 'images',
  Blocking: 'blocking',
  Issues: 'issues',
} as const;
