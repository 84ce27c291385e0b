/**
 * The key pair the server signs the extension with, and the extension id it gives.
 *
 * Chromium derives an extension's id from the public key it was signed with (and rewrites the manifest `key` of an
 * installed CRX to that key), so whoever holds this key decides the id every office machine sees. The server uses
 * EXTENSION_KEY_FILE when given (the organisation's production key, kept outside the repo), else its own pair,
 * generated on the first start into DATA_DIR/extension-key.pem (0600). Back that file up with the database: a new
 * key means a new id, and browsers would treat the update as another extension with an empty IndexedDB.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_KEY_FILE_NAME = 'extension-key.pem';

export interface SigningKey {
  /** The PEM file crx3 signs with. */
  path: string;
  privateKey: KeyObject;
  /** The public key as DER SubjectPublicKeyInfo: what the CRX header and the manifest `key` (base64) carry. */
  publicDer: Buffer;
  id: string;
  /** Whether this start generated it. */
  generated: boolean;
}

/** Chromium's extension id: the first 16 bytes of SHA-256 of the public key, each nibble written as a–p. */
export function extensionIdOf(publicDer: Uint8Array): string {
  const hex = createHash('sha256').update(publicDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The key in `keyFile` when given; else DATA_DIR's own, generated on first use. */
export function loadSigningKey(options: { dataDir: string; keyFile?: string | null }): SigningKey {
  const path = options.keyFile ?? join(options.dataDir, EXTENSION_KEY_FILE_NAME);
  let generated = false;
  if (!existsSync(path)) {
    if (options.keyFile) throw new Error(`EXTENSION_KEY_FILE ${path} does not exist`);
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  const privateKey = createPrivateKey(readFileSync(path));
  const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { path, privateKey, publicDer, id: extensionIdOf(publicDer), generated };
}
