/** Why a notification was not delivered; the message never carries the URL (it is a secret). */
export class NotifyError extends Error {}

/** POSTs a body and fails on anything but 2xx, naming only the status. */
export async function post(url: string, body: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal });
  } catch {
    throw new NotifyError(signal.aborted ? 'no answer in time' : 'not reachable');
  }
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new NotifyError(`HTTP ${response.status}`);
}
