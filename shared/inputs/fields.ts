import * as z from 'zod/mini';
import { parseDuration } from '../duration.ts';
import { quoteInput as q } from '../github/untrusted.ts';

/**
 * Field types for action inputs. Every input arrives as a string ('' when not given); each
 * field turns it into a typed value or fails with a message that says how to fix it.
 * `undefined` means "not given", so a field's default lives here as well as in action.yml
 * (a caller passing `''` explicitly gets the same default; a test keeps the two equal).
 * zod/mini, not zod: a bad input is reported before anything else loads, and mini's schemas
 * cost a fraction of classic zod's to build (see bench/bundles.ts).
 */

/** A field's parse reports a problem here (as classic zod's ctx.addIssue). */
export interface FieldContext {
  addIssue(issue: { code: 'custom'; message: string }): void;
}

/** A field: the given text (never '') to its typed value. */
export type Field<T, I = string> = z.ZodMiniType<T, I>;

const given = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

/** A field from a parse function; what it reports through `ctx` fails the input. */
export function field<T, I = string>(parse: (value: I, ctx: FieldContext) => T): Field<T, I> {
  return z.transform((value: I, payload) =>
    parse(value, { addIssue: (issue) => payload.issues.push({ ...issue, input: value }) }),
  ) as unknown as Field<T, I>;
}

/** Reports `message` and ends the field's parse (the value is never used). */
export function invalid(ctx: FieldContext, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** Required: '' is an error saying what to give. */
export function required<T>(inner: Field<T>, what: string): Field<T, unknown> {
  const present = field<string, unknown>((value, ctx) => {
    const text = given(value);
    return typeof text === 'string' ? text : invalid(ctx, `is required: give ${what}`);
  });
  return z.pipe(present, inner);
}

/** Optional, with a default (the same text as action.yml's default) or undefined. */
export function optional<T>(inner: Field<T>): Field<T | undefined, unknown>;
export function optional<T>(inner: Field<T>, fallback: string): Field<T, unknown>;
export function optional<T>(inner: Field<T>, fallback?: string): Field<T | undefined, unknown> {
  if (fallback !== undefined)
    return z.pipe(
      z.transform((value: unknown) => (given(value) ?? fallback) as string),
      inner,
    );
  return z.pipe(z.transform(given), z.optional(inner));
}

// eslint-disable-next-line no-control-regex
const LINE_BREAK = /[\r\n\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/;

/** One line of text (a name, a label, a channel), optionally matching `pattern`; a line break is refused. */
export const text = (pattern?: RegExp, hint?: string) =>
  field((value, ctx) => {
    if (LINE_BREAK.test(value)) return invalid(ctx, `${q(value)} must be a single line without control characters`);
    return pattern && !pattern.test(value) ? invalid(ctx, `${q(value)} is not valid: ${hint}`) : value;
  });

/** Text that may span lines (inline YAML, a script); still quoted short in errors. */
export const block = () => field((value) => value);

export const duration = (limits: { min?: number; max?: number } = {}) =>
  field((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) return invalid(ctx, `${q(value)} is not a duration: use a number with a unit, like 30s, 5m or 1h`);
    if (limits.min !== undefined && ms < limits.min) return invalid(ctx, `${q(value)} is too short: the minimum is ${limits.min / 1000}s`);
    if (limits.max !== undefined && ms > limits.max) return invalid(ctx, `${q(value)} is too long: the maximum is ${limits.max / 60_000}m`);
    return ms;
  });

export const number = (limits: { min: number; max: number; integer?: boolean; unit?: string }) =>
  field((value, ctx) => {
    const n = Number(value.replace(/%$/, ''));
    const unit = limits.unit ?? '';
    if (value === '' || !Number.isFinite(n) || (limits.integer && !Number.isInteger(n))) {
      return invalid(
        ctx,
        `${q(value)} is not a${limits.integer ? 'n integer' : ' number'}: give a value from ${limits.min}${unit} to ${limits.max}${unit}`,
      );
    }
    if (n < limits.min || n > limits.max)
      return invalid(ctx, `${q(value)} is out of range: give a value from ${limits.min}${unit} to ${limits.max}${unit}`);
    return n;
  });

export const percent = () => number({ min: 0, max: 100, unit: '%' });

export const boolean = () =>
  field((value, ctx) => {
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    return invalid(ctx, `${q(value)} is not a boolean: use true or false`);
  });

export const oneOf = <const T extends string>(choices: readonly T[]) =>
  field((value, ctx) => (choices.includes(value as T) ? (value as T) : invalid(ctx, `${q(value)} is not one of: ${choices.join(', ')}`)));

/**
 * Items separated by commas or new lines (YAML block scalars), blanks dropped. `max` is an API
 * limit known from the input alone (DescribeAlarms takes 100 names), checked before any AWS call.
 */
export const list = <T>(item: (text: string, ctx: FieldContext) => T, max?: { count: number; why: string }) =>
  field((value, ctx) => {
    const parts = value
      .split(/[,\r\n]/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (max && parts.length > max.count) return invalid(ctx, `has ${parts.length} items, more than ${max.count}: ${max.why}`);
    return parts.map((part) => item(part, ctx));
  });

/** A CloudWatch alarm name: 1 to 255 characters on one line. */
export const alarmName = (name: string, ctx: FieldContext): string =>
  name.length > 255 || LINE_BREAK.test(name) ? invalid(ctx, `${q(name)} is not an alarm name: 1 to 255 characters on one line`) : name;

/** Alarm names, at most 100: DescribeAlarms reads up to 100 names in one call. */
export const alarmList = () => list(alarmName, { count: 100, why: 'CloudWatch DescribeAlarms takes at most 100 alarm names' });

/** The partitions this suite runs in; an ARN's partition must be the region's (see shared/inputs/aws.ts). */
export const PARTITION = '(?:aws|aws-cn|aws-us-gov)';

/**
 * An ARN of one service and resource type, e.g. `arn('elasticloadbalancing', 'listener/')`,
 * matched whole: an ARN followed by a newline and more text is refused.
 */
export const arn = (service: string, resourcePrefix: string, example: string) =>
  text(
    new RegExp(`^arn:${PARTITION}:${service}:[a-z0-9-]+:\\d{12}:${resourcePrefix.replace('/', '\\/')}[A-Za-z0-9_./:-]+$`),
    `expected an ARN like ${example}`,
  );

export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
