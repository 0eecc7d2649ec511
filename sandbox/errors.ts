/** An error that the API server turns into the wire error shape of the calling protocol. */
export type Fault = 'Sender' | 'Receiver';

export interface AwsErrorOptions {
  status?: number;
  fault?: Fault;
  /** Code sent in the `x-amzn-query-error` header by awsQueryCompatible JSON services (CloudWatch). */
  queryCode?: string;
}

const SERVER_ERRORS: Record<string, number> = {
  InternalFailure: 500,
  InternalError: 500,
  InternalServiceError: 500,
  InternalServiceFault: 500,
  ServerException: 500,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
};

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;
  readonly queryCode: string | undefined;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status ?? SERVER_ERRORS[code] ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.queryCode = options.queryCode;
  }
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
