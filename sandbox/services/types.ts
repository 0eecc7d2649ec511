export interface CallContext {
  service: string;
  operation: string;
  requestId: string;
  accessKeyId: string | undefined;
}

/**
 * Inputs come straight off the wire (JSON, or Query strings), so handlers declare
 * the SDK's request type for documentation and coerce every field they read.
 */
export type Handler = (input: never, ctx: CallContext) => unknown;
export type Operations = Record<string, Handler>;
