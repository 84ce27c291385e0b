import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { GENESIS_HASH, chainHash, verifyRecords } from '../../../server/storage/hash-chain';

const DOC = 'ws1/project/p1';

/** The chain rule written out by hand, byte by byte, as an auditor without our code would. */
function byHand(prevHash: string, docName: string, seq: string, author: string, at: string, update: number[]): string {
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    return Buffer.concat([Buffer.from([0, 0, (bytes.length >> 8) & 0xff, bytes.length & 0xff]), bytes]);
  };
  const digest = createHash('sha256').update(Buffer.from(update)).digest('hex');
  return createHash('sha256')
    .update(Buffer.concat([field(prevHash), field(docName), field(seq), field(author), field(at), field(digest)]))
    .digest('hex');
}

function chain(docName: string, entries: Array<{ author: string; at: number; update: number[] }>): StoredUpdate[] {
  const records: StoredUpdate[] = [];
  let prevHash = GENESIS_HASH;
  entries.forEach((entry, i) => {
    const update = new Uint8Array(entry.update);
    const hash = chainHash({ prevHash, docName, seq: i + 1, author: entry.author, at: entry.at, update });
    records.push({ docName, seq: i + 1, author: entry.author, at: entry.at, update, hash });
    prevHash = hash;
  });
  return records;
}

const entries = [
  { author: 'm1', at: 1_772_328_600_000, update: [0, 0] },
  { author: '张三', at: 1_772_328_660_000, update: [1, 2, 3] },
  { author: 'server', at: 1_772_328_720_000, update: [4] },
];

describe('hash chain', () => {
  it('chains the first record to sixty-four zeros with length-prefixed UTF-8 fields', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const [first, second] = chain(DOC, entries);
    expect(first?.hash).toBe(byHand('0'.repeat(64), DOC, '1', 'm1', '1772328600000', [0, 0]));
    expect(second?.hash).toBe(byHand(first?.hash ?? '', DOC, '2', '张三', '1772328660000', [1, 2, 3]));
  });

  it('keeps field boundaries: moving a character from one field to the next changes the hash', () => {
    const base = { prevHash: GENESIS_HASH, seq: 1, at: 5, update: new Uint8Array([0, 0]) };
    expect(chainHash({ ...base, docName: 'ws1/a', author: 'bm1' })).not.toBe(chainHash({ ...base, docName: 'ws1/ab', author: 'm1' }));
  });

  it('verifies an honest chain and counts its records', () => {
    expect(verifyRecords(chain(DOC, entries))).toEqual({ ok: true, updates: 3 });
    expect(verifyRecords([])).toEqual({ ok: true, updates: 0 });
  });

  it('reports the first record that does not fit, and why', () => {
    const records = chain(DOC, entries);
    const [r1, r2, r3] = records as [StoredUpdate, StoredUpdate, StoredUpdate];
    expect(verifyRecords([r1, { ...r2, at: r2.at + 1 }, r3])).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    expect(verifyRecords([r1, { ...r2, update: new Uint8Array([1, 2, 4]) }, r3])).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    expect(verifyRecords([r1, r3])).toMatchObject({ ok: false, updates: 2, brokenAt: { seq: 2, reason: expect.stringMatching(/missing/) } });
    expect(verifyRecords([r1, r3, r2])).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    expect(verifyRecords([r2, r3])).toMatchObject({ ok: false, brokenAt: { seq: 1 } });
    expect(verifyRecords([r1, r1])).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: expect.stringMatching(/order/) } });
    // A record copied from another document does not fit, even with the same content.
    const [foreign] = chain('ws1/project/p2', entries);
    expect(verifyRecords([r1, { ...foreign!, seq: 2 }])).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('compares the end of the chain with the head recorded elsewhere (a deleted last record)', () => {
    const records = chain(DOC, entries);
    const head = { seq: 3, hash: records[2]?.hash ?? '' };
    expect(verifyRecords(records, head)).toEqual({ ok: true, updates: 3 });
    expect(verifyRecords(records.slice(0, 2), head)).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
    expect(verifyRecords([], head)).toMatchObject({ ok: false, brokenAt: { seq: 1 } });
  });
});
