import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDigest, verifyDigest, existingPublicKey } from '../../../server/audit/chain-digest';
import { startDigestSchedule, untilNextDigest } from '../../../server/audit/digest-schedule';
import { createSilentLogger } from '../../../server/log';
import type { DocumentStore } from '../../../server/storage/document-store';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { makeTempDir } from '../storage/temp-dir';
import { waitFor } from '../wait-for';

const NOV_30_2359_SHANGHAI = Date.UTC(2026, 10, 30, 15, 59);
let dir: string;
let remove: () => void;
let store: DocumentStore;

beforeEach(() => {
  ({ dir, remove } = makeTempDir('digest-schedule'));
  store = openSqliteStore({ path: join(dir, 'guatu.sqlite') });
});
afterEach(async () => {
  await store.close();
  remove();
});

describe('the daily digest (#13 anchored)', () => {
  it('is due a minute past each midnight in Asia/Shanghai', () => {
    expect(untilNextDigest(NOV_30_2359_SHANGHAI)).toBe(2 * 60_000);
    expect(untilNextDigest(NOV_30_2359_SHANGHAI + 2 * 60_000)).toBe(86_400_000);
  });

  it('is signed at start when the day has none, into DATA_DIR/digests/<day>.json, and verifies against the store', async () => {
    const doc = new Y.Doc();
    doc.getMap('project').set('name', '城东污水处理厂');
    await store.append('ws/w1/project/p1', Y.encodeStateAsUpdate(doc), 'm-li', NOV_30_2359_SHANGHAI - 1_000);
    const schedule = startDigestSchedule({ store, dataDir: dir, logger: createSilentLogger(), now: () => NOV_30_2359_SHANGHAI });
    try {
      const file = join(dir, 'digests', '2026-11-30.json');
      await waitFor(() => {
        try {
          return parseDigest(readFileSync(file, 'utf8')) !== null;
        } catch {
          return false;
        }
      }, 'the day’s digest written');
      const digest = parseDigest(readFileSync(file, 'utf8'));
      if (!digest) throw new Error('no digest');
      expect(digest.heads).toEqual([{ doc: 'ws/w1/project/p1', seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect(await verifyDigest(store, digest, await existingPublicKey(dir))).toMatchObject({ ok: true, documents: 1, signedUpdates: 1 });
    } finally {
      schedule.stop();
    }
  });
});
