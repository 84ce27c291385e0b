/**
 * The hash chain over a document's attributed history, in one place so every backend computes it the same way.
 *
 *   hash(n) = sha256hex(prevHash | docName | seq | author | at | sha256hex(update))
 *
 * Each field is written as a 4-byte big-endian byte length followed by its UTF-8 bytes, so no two different records
 * encode to the same input ("ab" + "c" vs "a" + "bc"). The first record of every document chains to GENESIS_HASH.
 * Changing any byte, author or time, or deleting or reordering a record changes every hash after it.
 */
import { createHash } from 'node:crypto';
import type { StoredUpdate } from './document-store';
import { err, ok, type Result } from '../../shared/result';

/** What the first record of every document chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a record's hash covers (the update itself enters only through its digest). */
export interface ChainFields {
  prevHash: string;
  docName: string;
  seq: number;
  author: string;
  at: number;
  update: Uint8Array;
}

export function sha256hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function updateDigest(update: Uint8Array): string {
  return sha256hex(update);
}

const encoder = new TextEncoder();

function lengthPrefixed(fields: readonly string[]): Uint8Array {
  const parts = fields.map((field) => encoder.encode(field));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** The hash of one record given the hash of the record before it. */
export function chainHash(fields: ChainFields): string {
  return sha256hex(lengthPrefixed([fields.prevHash, fields.docName, String(fields.seq), fields.author, String(fields.at), updateDigest(fields.update)]));
}

/** Where a chain broke: the seq of the first record that does not fit, and why. */
export interface ChainBreak {
  seq: number;
  reason: string;
}

/** The position a verifier has reached: the last good seq and its hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/**
 * Checks one document's records one at a time, so a backend can stream a long history instead of loading it.
 * `next` returns the break at the first bad record; after a break the verifier keeps reporting it.
 */
export interface ChainVerifier {
  next(record: StoredUpdate): ChainBreak | null;
  /** Compare the end of the records with the head the backend recorded separately (catches deleted last rows). */
  finish(expectedHead?: ChainHead): ChainBreak | null;
  readonly checked: number;
}

export function createChainVerifier(docName: string): ChainVerifier {
  let head = EMPTY_HEAD;
  let broken: ChainBreak | null = null;
  let checked = 0;
  return {
    get checked() {
      return checked;
    },
    next(record) {
      if (broken) return broken;
      checked += 1;
      const expectedSeq = head.seq + 1;
      if (record.docName !== docName) {
        broken = { seq: record.seq, reason: `record belongs to document "${record.docName}"` };
      } else if (record.seq > expectedSeq) {
        broken = { seq: expectedSeq, reason: `record ${expectedSeq} is missing (next stored record is ${record.seq})` };
      } else if (record.seq < expectedSeq) {
        broken = { seq: record.seq, reason: `record ${record.seq} is out of order (expected ${expectedSeq})` };
      } else if (chainHash({ ...record, prevHash: head.hash }) !== record.hash) {
        broken = { seq: record.seq, reason: 'hash does not match the record (changed bytes, author, time or order)' };
      } else {
        head = { seq: record.seq, hash: record.hash };
      }
      return broken;
    },
    finish(expectedHead) {
      if (broken || !expectedHead) return broken;
      if (expectedHead.seq > head.seq) {
        broken = { seq: head.seq + 1, reason: `record ${head.seq + 1} is missing (history ends at ${head.seq}, head says ${expectedHead.seq})` };
      } else if (expectedHead.seq < head.seq) {
        broken = { seq: expectedHead.seq + 1, reason: `records after ${expectedHead.seq} are not in the document head` };
      } else if (expectedHead.hash !== head.hash) {
        broken = { seq: head.seq, reason: 'last hash differs from the document head' };
      }
      return broken;
    },
  };
}

export type VerifyResult = Result<{ updates: number }, { updates: number; brokenAt: ChainBreak }>;

/** Verify one document's records, in seq order, from the genesis on (the document is the first record's). */
export function verifyRecords(records: Iterable<StoredUpdate>, expectedHead?: ChainHead): VerifyResult {
  let verifier: ChainVerifier | null = null;
  for (const record of records) {
    verifier ??= createChainVerifier(record.docName);
    const broken = verifier.next(record);
    if (broken) return err({ updates: verifier.checked, brokenAt: broken });
  }
  verifier ??= createChainVerifier('');
  const broken = verifier.finish(expectedHead);
  return broken ? err({ updates: verifier.checked, brokenAt: broken }) : ok({ updates: verifier.checked });
}
