import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

export function randomDigits(length: number): string {
  // The first digit is never 0 so ids keep their length when parsed as numbers.
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

export function uuid(): string {
  return randomUUID();
}

/** 22 characters like the ids in ECS service-deployment ARNs. */
export function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(0, alphabet.length)];
  return out;
}
