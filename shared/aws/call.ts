import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { CancelledError, DeployError, TransientError } from '../errors.ts';

interface SdkLikeError extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string> };
  Code?: string;
}

/**
 * An answer the SDK could not read as AWS's (an HTML error page from a proxy, a wrong
 * AWS_ENDPOINT_URL, a CloudWatch-compatible endpoint): an endpoint error, never throttling.
 * The SDK has already retried it as its retry policy allows.
 */
function foreignAnswer(error: SdkLikeError): ((operation: string) => DeployError) | undefined {
  if (!/Deserialization error/.test(error.message)) return undefined;
  const status = error.$metadata?.httpStatusCode ?? 'unknown';
  const type = error.$response?.headers?.['content-type'] ?? 'no content type';
  return (operation) =>
    new DeployError(`${operation} failed: the endpoint answered HTTP ${status} (${type}) that is not an AWS response`, {
      fix: 'This is an endpoint error, not throttling: check AWS_ENDPOINT_URL, any proxy between the runner and AWS, and the AWS Health Dashboard.',
      cause: error,
    });
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

/** The AWS error code (the SDK error's name) behind an error call() threw; '' when there is none. */
export function awsErrorName(error: unknown): string {
  return error instanceof Error && error.cause instanceof Error ? error.cause.name : '';
}

export function translate(operation: string, error: unknown): Error {
  if (!(error instanceof Error)) return new DeployError(`${operation} failed: ${String(error)}`);
  // The run's abort signal reached the request (see clients.ts): a cancel, not an AWS failure.
  if (error.name === 'AbortError') return new CancelledError();
  const sdk = error as SdkLikeError;
  const foreign = foreignAnswer(sdk);
  if (foreign) return foreign(operation);
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
