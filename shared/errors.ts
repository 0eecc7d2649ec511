/**
 * One error type for everything a user must act on: what happened, why (AWS error code,
 * ECS events, gate evidence) and what to do. Entry points print `what` + `fix` as the
 * annotation and `why` in a collapsed group.
 */
export class DeployError extends Error {
  readonly why: string[];
  readonly fix: string | undefined;

  constructor(what: string, details: { why?: string[] | string; fix?: string; cause?: unknown } = {}) {
    super(what, { cause: details.cause });
    this.name = 'DeployError';
    this.why = details.why === undefined ? [] : [details.why].flat();
    this.fix = details.fix;
  }
}

/** A gate decided the step (failed, or could not judge it in time): the step's verdict stands as the bake left it. */
export class GateError extends DeployError {}

/** A bad input: reported as one line naming the input and the fix, before any AWS call. */
export class InputError extends DeployError {
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Input "${input}": ${problem}`);
    this.name = 'InputError';
    this.input = input;
  }
}

/**
 * A failure worth trying again (throttling, 5xx, network). Adapters translate their SDK's
 * errors into this so the engine can retry without knowing any SDK.
 */
export class TransientError extends Error {
  readonly code: string;

  constructor(code: string, message: string, cause?: unknown) {
    super(`${code}: ${message}`, { cause });
    this.name = 'TransientError';
    this.code = code;
  }
}

/** The run was cancelled (SIGINT/SIGTERM); thrown out of sleeps and checked between phases. */
export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled');
    this.name = 'CancelledError';
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Any error as a DeployError, so reports and annotations have one shape. */
export function asDeployError(error: unknown): DeployError {
  if (error instanceof DeployError) return error;
  if (error instanceof CancelledError) return new DeployError('The run was cancelled');
  return new DeployError(`Unexpected error: ${messageOf(error)}`, {
    why: error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 6) : [],
    fix: 'This is a bug in the suite: please open an issue with this log.',
    cause: error,
  });
}
