import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../server/storage/document-store';
import { SCHEMA_VERSION } from '../../../server/storage/sqlite-schema';
import { StorageOpenError, openSqliteStore } from '../../../server/storage/sqlite-store';
import { describeDocumentStoreContract } from './contract';
import { recordEdits } from './project-edits';
import { makeTempDir } from './temp-dir';

describeDocumentStoreContract('SQLite (temp file)', async () => {
  const temp = makeTempDir('sqlite');
  const path = join(temp.dir, 'guatu.sqlite');
  const opened: DocumentStore[] = [openSqliteStore({ path })];
  return {
    store: opened[0]!,
    reopen: async () => {
      const store = openSqliteStore({ path });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      temp.remove();
    },
  };
});

describeDocumentStoreContract('SQLite (:memory:)', async () => {
  const store = openSqliteStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});

const P1 = 'ws1/project/p1';
const P2 = 'ws1/project/p2';
const T0 = Date.UTC(2026, 2, 1, 1, 30);

describe('SQLite store: tampering with the file is caught by verify', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  /** A store with five updates to P1 (authors m1…m5) and two to P2, plus a raw connection to the same file. */
  async function honestStoreAndRawFile() {
    const temp = makeTempDir('tamper');
    const path = join(temp.dir, 'guatu.sqlite');
    const store = openSqliteStore({ path });
    const raw = new Database(path);
    cleanup = async () => {
      raw.close();
      await store.close();
      temp.remove();
    };
    const cadre = recordEdits(1);
    for (let i = 1; i <= 5; i++)
      await store.append(
        P1,
        cadre.edit((p) => p.set('progressNote', `第${i}周`)),
        `m${i}`,
        T0 + i,
      );
    const other = recordEdits(2);
    for (let i = 1; i <= 2; i++)
      await store.append(
        P2,
        other.edit((p) => p.set('stage', `s${i}`)),
        'm9',
        T0 + i,
      );
    expect(await store.verify()).toEqual({ ok: true, documents: 2, updates: 7 });
    return { store, raw };
  }

  it('names the document and seq when one byte of an update changed', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    const bytes = raw.prepare('SELECT "update" FROM updates WHERE doc = ? AND seq = 3').pluck().get(P1);
    if (!(bytes instanceof Uint8Array)) throw new Error('expected the update bytes');
    const changed = Buffer.from(bytes);
    changed[changed.length - 3] = (changed[changed.length - 3] ?? 0) ^ 1;
    raw.prepare('UPDATE updates SET "update" = ? WHERE doc = ? AND seq = 3').run(changed, P1);
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ docName: P1, seq: 3 });
    expect(report.brokenAt?.reason).toMatch(/hash/);
    expect(await store.verify(P2)).toEqual({ ok: true, documents: 1, updates: 2 });
  });

  it('names the seq when an author was rewritten', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare("UPDATE updates SET author = 'm1' WHERE doc = ? AND seq = 4").run(P1);
    expect((await store.verify(P1)).brokenAt).toMatchObject({ docName: P1, seq: 4 });
  });

  it('names the seq when a time was moved by one millisecond', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare('UPDATE updates SET at = at + 1 WHERE doc = ? AND seq = 2').run(P1);
    expect((await store.verify(P1)).brokenAt).toMatchObject({ docName: P1, seq: 2 });
  });

  it('names the missing seq when a row in the middle was deleted', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare('DELETE FROM updates WHERE doc = ? AND seq = 3').run(P1);
    const report = await store.verify();
    expect(report.brokenAt).toMatchObject({ docName: P1, seq: 3 });
    expect(report.brokenAt?.reason).toMatch(/missing/);
  });

  it('names the missing seq when the last row was deleted', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare('DELETE FROM updates WHERE doc = ? AND seq = 5').run(P1);
    expect((await store.verify(P1)).brokenAt).toMatchObject({ docName: P1, seq: 5 });
  });

  it('names the first swapped seq when two rows were reordered', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.transaction(() => {
      raw.prepare('UPDATE updates SET seq = -1 WHERE doc = ? AND seq = 2').run(P1);
      raw.prepare('UPDATE updates SET seq = 2 WHERE doc = ? AND seq = 4').run(P1);
      raw.prepare('UPDATE updates SET seq = 4 WHERE doc = ? AND seq = -1').run(P1);
    })();
    expect((await store.verify(P1)).brokenAt).toMatchObject({ docName: P1, seq: 2 });
  });

  it('names the seq when a stored hash was overwritten', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare('UPDATE updates SET hash = ? WHERE doc = ? AND seq = 1').run('f'.repeat(64), P1);
    expect((await store.verify(P1)).brokenAt).toMatchObject({ docName: P1, seq: 1 });
  });

  it('catches a row whose fields were given the wrong type', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    raw.prepare('UPDATE updates SET "update" = \'text\' WHERE doc = ? AND seq = 2').run(P2);
    expect((await store.verify()).brokenAt).toMatchObject({ docName: P2, seq: 2 });
  });

  it('keeps every update row after compaction, and keeps only the latest snapshot', async () => {
    const { store, raw } = await honestStoreAndRawFile();
    await store.compact(P1, (await store.load(P1))!, 5);
    await store.compact(P2, (await store.load(P2))!, 1);
    await store.compact(P2, (await store.load(P2))!, 2);
    expect(raw.prepare('SELECT COUNT(*) FROM updates').pluck().get()).toBe(7);
    expect(raw.prepare('SELECT doc, upto_seq FROM snapshots ORDER BY doc').all()).toEqual([
      { doc: P1, upto_seq: 5 },
      { doc: P2, upto_seq: 2 },
    ]);
  });
});

describe('SQLite store: opening a file', () => {
  it('writes the schema version, uses WAL and refuses a file from a newer version', async () => {
    const temp = makeTempDir('open');
    try {
      const path = join(temp.dir, 'guatu.sqlite');
      await openSqliteStore({ path }).close();
      const raw = new Database(path);
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      expect(() => openSqliteStore({ path })).toThrow(StorageOpenError);
    } finally {
      temp.remove();
    }
  });
});

describe('SQLite store: two connections to one file (the server and the admin CLI)', () => {
  it('never hands out the same seq twice and keeps one valid chain', async () => {
    const temp = makeTempDir('two');
    const path = join(temp.dir, 'guatu.sqlite');
    const server = openSqliteStore({ path });
    const cli = openSqliteStore({ path });
    try {
      const cadre = recordEdits(1);
      const results = [];
      for (let i = 0; i < 10; i++) {
        const store = i % 3 === 0 ? cli : server;
        results.push(
          (
            await store.append(
              P1,
              cadre.edit((p) => p.set('stage', `s${i}`)),
              i % 3 === 0 ? 'server' : 'm1',
              T0 + i,
            )
          ).seq,
        );
      }
      expect(results).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await server.verify()).toEqual({ ok: true, documents: 1, updates: 10 });
      expect((await cli.history(P1)).filter((r) => r.author === 'server').map((r) => r.seq)).toEqual([1, 4, 7, 10]);
    } finally {
      await server.close();
      await cli.close();
      temp.remove();
    }
  });
});
