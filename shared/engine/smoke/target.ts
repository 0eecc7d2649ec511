import type { CheckSpec } from './checks.ts';
import { mergeHeaders } from './checks.ts';
import type { HttpRequest } from './ports.ts';

/** Where and how every request of a run goes. */
export interface Target {
  /** Base URL, e.g. https://app.example.com or http://10.0.1.5:8080/api. */
  url: string;
  /** Sent with every request (a check's own headers win). */
  headers: Record<string, string>;
  requestTimeoutMs: number;
  insecure: boolean;
}

/** The base URL's path is kept: base `https://h/api` + check path `/health` → `https://h/api/health`. */
export function checkUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export function requestFor(check: CheckSpec, target: Target, signal?: AbortSignal): HttpRequest {
  return {
    url: checkUrl(target.url, check.path),
    method: check.method,
    headers: mergeHeaders(target.headers, check.headers),
    body: check.body,
    timeoutMs: target.requestTimeoutMs,
    insecure: target.insecure,
    signal,
  };
}
