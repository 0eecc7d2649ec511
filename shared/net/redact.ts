/**
 * Secrets a smoke run may meet in its own text: credentials in a URL (`https://user:pass@…`),
 * token-like query parameters (`?access_token=…`, presigned `X-Amz-Signature=…`) and the values
 * of secret headers. Everything smoke prints (log, annotations, summary, JSON report) goes
 * through one redactor, besides the runner's masking of the header values.
 */

const MASK = '***';

/** `scheme://user:password@host` → `scheme://***@host`. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]+@/gi;

/** Query parameters whose value is a credential; the name is kept so a reader knows which. */
const TOKEN_PARAM =
  /([?&;](?:access_token|id_token|refresh_token|token|api_key|apikey|key|signature|sig|password|passwd|secret|client_secret|X-Amz-[A-Za-z-]+)=)[^&#\s"'`]*/gi;

/** A redactor for URLs, plus the given secret values (header values), longest first. */
export function redactor(secrets: readonly string[] = []): (text: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text.replace(USERINFO, `$1${MASK}@`).replace(TOKEN_PARAM, `$1${MASK}`);
    for (const value of values) out = out.split(value).join(MASK);
    return out;
  };
}

/** A copy of a JSON-like value with every string redacted (a report, before it is written). */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) as T;
  }
  return value;
}
