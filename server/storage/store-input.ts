/**
 * Checks on what a caller hands a DocumentStore, shared by every backend so they refuse the same things.
 * The interface returns promises, so a refusal rejects with a StorageInputError naming the field.
 */
import * as Y from 'yjs';

export const MAX_DOC_NAME_LENGTH = 512;
export const MAX_AUTHOR_LENGTH = 256;

export class StorageInputError extends Error {
  override readonly name = 'StorageInputError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

type Problem = StorageInputError | null;

export function checkDocName(docName: unknown): Problem {
  if (typeof docName !== 'string' || docName.length === 0) return new StorageInputError('docName', 'must be a non-empty string');
  if (docName.length > MAX_DOC_NAME_LENGTH) return new StorageInputError('docName', `longer than ${MAX_DOC_NAME_LENGTH} characters`);
  return null;
}

/** A stored update that Yjs cannot decode would make the document unloadable forever, so it never gets in. */
export function checkYjsUpdate(field: string, bytes: unknown): Problem {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return new StorageInputError(field, 'must be non-empty Yjs update bytes');
  try {
    Y.decodeUpdate(bytes);
  } catch (error) {
    return new StorageInputError(field, `is not a Yjs update (${error instanceof Error ? error.message : String(error)})`);
  }
  return null;
}

export function checkAppend(docName: unknown, update: unknown, author: unknown, at: unknown): Problem {
  return (
    checkDocName(docName) ??
    checkYjsUpdate('update', update) ??
    (typeof author !== 'string' || author.length === 0 || author.length > MAX_AUTHOR_LENGTH
      ? new StorageInputError('author', `must be a member id of 1 to ${MAX_AUTHOR_LENGTH} characters`)
      : null) ??
    (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0 ? new StorageInputError('at', 'must be epoch milliseconds (a non-negative integer)') : null)
  );
}

export function checkSeq(field: string, seq: unknown): Problem {
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? null : new StorageInputError(field, 'must be a whole number ≥ 1');
}
