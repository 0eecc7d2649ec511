import type * as z from 'zod/mini';
import { InputError } from '../errors.ts';

/** Reads one raw input by its action.yml name; '' when not given (like core.getInput). */
export type InputSource = (name: string) => string;

export type InputSpec = Record<string, z.ZodMiniType<unknown, unknown>>;
export type Inputs<S extends InputSpec> = { [K in keyof S]: z.output<S[K]> };

/** Parses every input of the spec; the first bad one is an InputError naming it and the fix. */
export function readInputs<S extends InputSpec>(spec: S, source: InputSource): Inputs<S> {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec)) {
    const parsed = schema.safeParse(source(name));
    if (!parsed.success) throw new InputError(name, parsed.error.issues[0]?.message ?? 'is invalid');
    values[name] = parsed.data;
  }
  return values as Inputs<S>;
}
