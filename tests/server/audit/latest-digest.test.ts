import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  digestFingerprint,
  digestPayload,
  digestText,
  keyFingerprint,
  loadOrCreateDigestKey,
  signDigest,
  type SignedDigest,
} from '../../../server/audit/chain-digest';
import { startDigestSchedule } from '../../../server/audit/digest-schedule';
import { readLatestDigest } from '../../../server/audit/latest-digest';
import { createSilentLogger } from '../../../server/log';
import { FINGERPRINT_RE, shortFingerprint } from '../../../shared/schema/history-anchor';
import { makeTempDir } from '../storage/temp-dir';
import { waitFor } from '../wait-for';

const DEC_5 = Date.UTC(2026, 11, 4, 16, 1); // 2026-12-05 00:01 in Asia/Shanghai
const HASH = 'ab'.repeat(32);
let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = makeTempDir('latest-digest')));
afterEach(() => remove());

/** A store of two documents whose heads are fixed. */
const store = {
  listDocuments: async () => ['ws/w1/project/p1', 'ws/w1/workspace'],
  history: async (doc: string, from: number) => (from === 1 ? [{ seq: 1, hash: HASH, docName: doc }] : []),
  verify: async () => ({ ok: true, documents: 2, updates: 2 }),
} as never;

async function signed(at: number): Promise<SignedDigest> {
  const result = await signDigest(store, await loadOrCreateDigestKey(dir), at);
  if (!result.ok) throw new Error('not signed');
  return result.digest;
}

describe('the fingerprint rule (one place: shared/schema/history-anchor)', () => {
  it('is the first 16 hex digits of a SHA-256, upper case, in groups of four', () => {
    expect(shortFingerprint('3f2a91c07d44e1b8ffffffff00000000')).toBe('3F2A-91C0-7D44-E1B8');
    expect(() => shortFingerprint('not hex at all, not hex at all')).toThrow();
  });

  it('of a digest: over the signed bytes and the signature, so a changed head, time or signature changes it', async () => {
    const digest = await signed(DEC_5);
    const expected = createHash('sha256').update(digestPayload(digest)).update(digest.signature).digest('hex');
    expect(digestFingerprint(digest)).toBe(shortFingerprint(expected));
    expect(digestFingerprint(digest)).toMatch(FINGERPRINT_RE);
    expect(digestFingerprint({ ...digest, at: digest.at + 1 })).not.toBe(digestFingerprint(digest));
    expect(digestFingerprint({ ...digest, heads: [{ ...digest.heads[0]!, seq: 2 }] })).not.toBe(digestFingerprint(digest));
    expect(keyFingerprint(digest.publicKey)).toMatch(FINGERPRINT_RE);
  });
});

describe('the latest digest kept for the members’ route', () => {
  it('is recorded by the daily schedule as it signs', async () => {
    const schedule = startDigestSchedule({ store, dataDir: dir, logger: createSilentLogger(), now: () => DEC_5 });
    try {
      await waitFor(async () => (await readLatestDigest(dir)) !== null, 'the latest recorded');
      const latest = await readLatestDigest(dir);
      expect(latest).toMatchObject({ at: DEC_5, fingerprint: expect.stringMatching(FINGERPRINT_RE) });
    } finally {
      schedule.stop();
    }
  });

  it('is found once among digests signed before it was recorded (the newest day)', async () => {
    const older = await signed(DEC_5 - 2 * 86_400_000);
    const newer = await signed(DEC_5);
    mkdirSync(join(dir, 'digests'));
    writeFileSync(join(dir, 'digests', '2026-12-03.json'), digestText(older));
    writeFileSync(join(dir, 'digests', '2026-12-05.json'), digestText(newer));
    writeFileSync(join(dir, 'digests', 'notes.txt'), 'not a digest');
    const schedule = startDigestSchedule({ store, dataDir: dir, logger: createSilentLogger(), now: () => DEC_5 + 3_600_000 });
    try {
      await waitFor(async () => (await readLatestDigest(dir)) !== null, 'the latest recorded');
      expect((await readLatestDigest(dir))?.fingerprint).toBe(digestFingerprint(newer));
    } finally {
      schedule.stop();
    }
  });
});
