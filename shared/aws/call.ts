import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { CancelledError, DeployError, TransientError } from '../errors.ts';

interface SdkLikeError extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string };
  Code?: string;
}

/** IAM denials get the exact action to add, since that is the fix. */
const DENIED = /AccessDenied|UnauthorizedOperation|not authorized/i;
/** Credentials that ran out mid-run: the fix is credentials that renew themselves. */
const EXPIRED = /^ExpiredToken/;

/**
 * Runs one SDK call and translates what escapes the SDK's own retries: transient errors
 * become TransientError (the engine retries more slowly), everything else a DeployError
 * naming the operation and the AWS error code.
 */
export async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw translate(operation, error);
  }
}

export function translate(operation: string, error: unknown): Error {
  if (!(error instanceof Error)) return new DeployError(`${operation} failed: ${String(error)}`);
  // The run's abort signal reached the request (see clients.ts): a cancel, not an AWS failure.
  if (error.name === 'AbortError') return new CancelledError();
  const sdk = error as SdkLikeError;
  const code = sdk.name || sdk.Code || 'Error';
  if (isThrottlingError(sdk as never) || isTransientError(sdk as never) || isServerError(sdk as never)) {
    return new TransientError(code, `${operation}: ${error.message}`, error);
  }
  const requestId = sdk.$metadata?.requestId ? ` (request ${sdk.$metadata.requestId})` : '';
  return new DeployError(`${operation} failed: ${code}: ${error.message}${requestId}`, {
    fix: EXPIRED.test(code)
      ? 'The AWS credentials expired during the run: give role-to-assume (the action then renews them itself), or a longer role-duration-seconds.'
      : DENIED.test(`${code} ${error.message}`)
        ? `Allow the action ${operation} in the role's IAM policy (see docs/iam-policy.json).`
        : undefined,
    cause: error,
  });
}
