/**
 * What the smoke engine needs from the outside world: an HTTP client that measures latency and
 * shows the peer certificate (shared/net/http-probe.ts), and optionally the user's own test
 * suite (run by the entrypoint through bash -c, stopped on cancel).
 */

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** No answer (headers and body) within this time is a failed attempt. */
  timeoutMs: number;
  /** Accept any certificate (self-signed, expired, wrong name). */
  insecure: boolean;
  signal?: AbortSignal;
}

export interface PeerCertificate {
  validTo: Date;
  subject: string;
  issuer: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string>;
  body: string;
  /** From sending the request to the last byte of the body. */
  latencyMs: number;
  /** Present for https. */
  certificate?: PeerCertificate;
}

export interface HttpProbe {
  /** Rejects with a readable message when there is no HTTP answer (refused, timed out, TLS handshake failed). */
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface SuiteOutcome {
  exitCode: number;
  durationMs: number;
  /** The last non-blank line of its output, for the summary. */
  lastLine: string;
}

/** The user's own test suite, given the target in its environment. */
export interface TestSuite {
  readonly command: string;
  /** `signal`: a cancelled run stops the command (SIGTERM) instead of waiting for it. */
  run(env: Record<string, string>, signal?: AbortSignal): Promise<SuiteOutcome>;
}
