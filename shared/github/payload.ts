/**
 * A deployment's payload as `last-successful` reads it. Anyone who can create a deployment in
 * the repository writes payloads, so one is trusted only when it has exactly the shape this
 * suite writes, its task definition ARN is anchored and in the same partition, region and
 * account, and it is of the same cluster and services as the rollback reading it.
 */
import { z } from 'zod';
import type { RecordScope } from '../engine/record.ts';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const TASK_DEFINITION_ARN =
  /^arn:(aws[a-z-]{0,10}):ecs:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):task-definition\/[A-Za-z0-9_-]{1,255}:[1-9]\d{0,8}$/;

const Payload = z.strictObject({
  cluster: z.string().regex(NAME),
  services: z.array(z.string().regex(NAME)).min(1).max(2),
  partition: z.string().regex(/^aws[a-z-]{0,10}$/),
  region: z.string().regex(REGION),
  account: z.string().regex(/^\d{12}$/),
  task_definition_arn: z.string().regex(TASK_DEFINITION_ARN),
  strategy: z.enum(['canary', 'blue-green', 'rollback']),
  reason: z.string().max(1000).optional(),
});

export type PayloadRead =
  | { ok: true; taskDefinitionArn: string }
  /** `invalid`: not a payload this suite wrote (worth a warning); otherwise another app's entry. */
  | { ok: false; invalid: boolean; problem: string };

export function readPayload(raw: unknown, scope: RecordScope): PayloadRead {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, invalid: true, problem: 'the payload is not JSON' };
    }
  }
  const parsed = Payload.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, invalid: true, problem: `payload ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const payload = parsed.data;
  const [, partition, region, account] = TASK_DEFINITION_ARN.exec(payload.task_definition_arn)!;
  if (partition !== payload.partition || region !== payload.region || account !== payload.account) {
    return { ok: false, invalid: true, problem: 'the task definition ARN is not in the partition, region and account the payload names' };
  }
  const sameServices =
    payload.services.length === scope.services.length && [...payload.services].sort().join() === [...scope.services].sort().join();
  const ours =
    payload.cluster === scope.cluster &&
    sameServices &&
    payload.partition === scope.partition &&
    payload.region === scope.region &&
    payload.account === scope.account;
  return ours ? { ok: true, taskDefinitionArn: payload.task_definition_arn } : { ok: false, invalid: false, problem: 'another app' };
}
