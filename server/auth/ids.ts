import { randomBytes } from 'node:crypto';

/**
 * A random id that passes IdSchema: 12 base64url characters (72 bits), never starting with '-' or '_': an id such as
 * `-Xk3…` would be read as an option by the CLI (`npm run cli -- wall -Xk3…`), so such draws are made again.
 */
export function newId(): string {
  for (;;) {
    const id = randomBytes(9).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}
