/**
 * Inputs of the single-service (ECS-native) form. `service` is the alternative to
 * `blue-service` + `green-service`: exactly one form. Native mode adds the shape rules ECS
 * imposes (CANARY or LINEAR steps, whole-minute bakes) and how the run treats the service's
 * deployment configuration.
 */
import * as z from 'zod/mini';
import { nativeShape, type NativeShape } from '../engine/native/shape.ts';
import { InputError } from '../errors.ts';
import type { Color } from '../engine/ports.ts';
import { checkTopology } from './common.ts';
import { arn, duration, field, invalid, oneOf, optional, required, text } from './fields.ts';
import { readInputs, type InputSource, type Inputs } from './read.ts';

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$|^arn:aws[a-z-]*:ecs:/;
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2';
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const SERVICE_DEPLOYMENT = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/my-cluster/web/AbCdEf123';

const MINUTE = 60_000;
/** ECS bakes up to 1440 minutes; PAUSE hooks time out after 1 to 20160 minutes (14 days). */
const MAX_BAKE = 1440 * MINUTE;
const MAX_HOOK_TIMEOUT = 20_160 * MINUTE;

/** The two topologies' inputs, all optional here: checkServiceForm says which form was given. */
export const serviceFormInputs = {
  cluster: required(text(SERVICE_NAME, 'expected a cluster name or ARN'), 'the ECS cluster name'),
  service: optional(text(SERVICE_NAME, 'expected an ECS service name')),
  'blue-service': optional(text(SERVICE_NAME, 'expected an ECS service name')),
  'green-service': optional(text(SERVICE_NAME, 'expected an ECS service name')),
  'listener-arn': optional(arn('elasticloadbalancing', 'listener/', LISTENER)),
  'listener-rule-arn': optional(arn('elasticloadbalancing', 'listener-rule/', RULE)),
};

export type ServiceForm =
  | {
      kind: 'native';
      cluster: string;
      service: string;
      /** Must equal the service's production rule when given. */ productionRule: string | undefined;
    }
  | { kind: 'two-color'; cluster: string; services: Record<Color, string>; router: { kind: 'listener' | 'rule'; arn: string } };

/** Exactly one of `service` or `blue-service` + `green-service`. */
export function checkServiceForm(values: Inputs<typeof serviceFormInputs>): ServiceForm {
  const blue = values['blue-service'];
  const green = values['green-service'];
  const single = values.service;
  if (single && (blue || green))
    throw new InputError(
      'service',
      `give either service (one ECS service, native mode) or blue-service and green-service (two services), not both`,
    );
  if (single) {
    if (values['listener-arn'] && values['listener-rule-arn'])
      throw new InputError(
        'listener-rule-arn',
        'give either listener-arn or listener-rule-arn, not both (or neither: the service says which rule)',
      );
    return {
      kind: 'native',
      cluster: values.cluster,
      service: single,
      productionRule: values['listener-rule-arn'] ?? values['listener-arn'],
    };
  }
  if (!blue && !green)
    throw new InputError(
      'service',
      'is required: give service (one ECS service deployed natively) or blue-service and green-service (two services)',
    );
  if (!blue) throw new InputError('blue-service', 'is required with green-service: give both, or service alone for one ECS service');
  if (!green) throw new InputError('green-service', 'is required with blue-service: give both, or service alone for one ECS service');
  const router = checkTopology({ ...values, 'blue-service': blue, 'green-service': green });
  return { kind: 'two-color', cluster: values.cluster, services: { blue, green }, router };
}

/** A duration ECS takes in whole minutes. */
export const wholeMinutes = (limits: { min: number; max: number }) =>
  z.pipe(
    duration(limits),
    field<number, number>((ms, ctx) =>
      ms % MINUTE === 0
        ? ms
        : invalid(ctx, `${ms / 1000}s is not whole minutes: ECS counts this in minutes, use e.g. ${Math.max(1, Math.round(ms / MINUTE))}m`),
    ),
  );

/** The service's deployment configuration as a JSON object (blue-green prepare's `config-snapshot` output). */
const jsonObject = () =>
  field((value, ctx) => {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return value;
    } catch {
      // reported below
    }
    return invalid(ctx, 'is not a JSON object: pass the config-snapshot output of phase prepare unchanged');
  });

/** Inputs only native mode reads. */
export const nativeInputs = {
  /** `action`: the action sets strategy and PAUSE hooks for the run and restores the team's configuration after; `managed`: IaC owns them. */
  'deployment-config': optional(oneOf(['action', 'managed'] as const), 'action'),
  'approval-timeout': optional(wholeMinutes({ min: MINUTE, max: MAX_HOOK_TIMEOUT }), '24h'),
  'service-deployment-arn': optional(arn('ecs', 'service-deployment/', SERVICE_DEPLOYMENT)),
  'config-snapshot': optional(jsonObject()),
};

/** `steps` as ECS can run them: CANARY (`10,100`) or LINEAR (`25,50,75,100`); anything else is an input error. */
export function checkNativeSteps(steps: number[]): NativeShape {
  const shape = nativeShape(steps);
  if (typeof shape === 'string') throw new InputError('steps', shape);
  return shape;
}

/** `bake-time` in native mode: whole minutes, at most ECS's 1440. */
export function checkNativeBake(ms: number): number {
  if (ms % MINUTE !== 0)
    throw new InputError(
      'bake-time',
      `${ms / 1000}s is not whole minutes: ECS bakes in minutes in native mode, use e.g. ${Math.max(1, Math.round(ms / MINUTE))}m`,
    );
  if (ms > MAX_BAKE) throw new InputError('bake-time', `${ms / MINUTE}m is too long: ECS bakes at most 1440m (24h)`);
  return ms;
}

/** Reads the service form and, in native mode, the native inputs. */
export function parseServiceForm(source: InputSource) {
  const form = checkServiceForm(readInputs(serviceFormInputs, source));
  if (form.kind === 'two-color') return { form, native: undefined };
  const native = readInputs(nativeInputs, source);
  return { form, native };
}
