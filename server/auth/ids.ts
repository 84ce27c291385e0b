import { randomBytes } from 'node:crypto';

/** A random id that passes IdSchema: 12 base64url characters (72 bits). */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}
