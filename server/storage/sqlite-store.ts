/**
 * The default backend: one SQLite file (better-sqlite3) holding every document's attributed, hash-chained history.
 * better-sqlite3 is synchronous, so each call runs to completion before the next starts; transactions still matter
 * because another process (the admin CLI) may write the same file.
 */
import Database from 'better-sqlite3';
import { addFirstOwners, decodeOwners, encodeOwners, ownersStart, type ClientOwners } from './client-owners';
import type { AppendRequest, AppendedUpdate, ChainReport, DocumentStore, StoredUpdate } from './document-store';
import { EMPTY_HEAD, chainHash, createChainVerifier } from './hash-chain';
import type { ChainHead } from './hash-chain';
import { mergeUpdatesInBatches } from './merge-updates';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';
import { migrate } from './sqlite-schema';
import { StorageInputError, checkAppend, checkDocName, checkSeq, checkYjsUpdate } from './store-input';
import { err, ok } from '../../shared/result';

export interface SqliteStoreOptions {
  /** File path, or ":memory:" for tests. */
  path: string;
  /**
   * NORMAL (default) survives a killed process: a commit has been written to the WAL file, which lives in the OS page
   * cache and reaches the disk even if the process dies. FULL also fsyncs every commit, which only matters when the
   * machine itself loses power or the kernel crashes.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long to wait for another process's write lock before failing, in ms. */
  busyTimeoutMs?: number;
  /** Snapshots kept per document; older ones only cost space, since every update row is kept anyway. */
  snapshotsToKeep?: number;
  /** Clock for snapshot times. */
  now?: () => number;
  /**
   * How often a worker thread checkpoints the WAL into the database file (sqlite-checkpointer.ts), in ms; null
   * leaves it to SQLite, which checkpoints inside a commit and blocks the caller for milliseconds. Files only.
   */
  checkpointIntervalMs?: number | null;
}

/** SQLite's own default: checkpoint inside the commit that brings the WAL to this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export class StorageOpenError extends Error {
  override readonly name = 'StorageOpenError';
}

/** A row as SQLite hands it back; checked before use, since anyone with the file can edit it. */
interface UpdateRow {
  seq: number;
  author: string;
  at: number;
  update: Uint8Array;
  hash: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toUpdateRow(row: unknown): UpdateRow | null {
  if (!isRecord(row)) return null;
  const { seq, author, at, update, hash } = row;
  if (typeof seq !== 'number' || typeof author !== 'string' || typeof at !== 'number') return null;
  if (!(update instanceof Uint8Array) || typeof hash !== 'string') return null;
  return { seq, author, at, update: asPlainBytes(update), hash };
}

function toHead(row: unknown): ChainHead | null {
  if (!isRecord(row)) return null;
  const { last_seq: seq, last_hash: hash } = row;
  return typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : null;
}

/** better-sqlite3 returns Buffers; callers get plain Uint8Array views of the same memory. */
function asPlainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** better-sqlite3 binds Buffers as BLOBs; wrap without copying. */
function asBlob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rejectIf(problem: StorageInputError | null): void {
  if (problem) throw problem;
}

export function openSqliteStore(options: SqliteStoreOptions): DocumentStore {
  const { path, synchronous = 'NORMAL', busyTimeoutMs = 5_000, snapshotsToKeep = 1, now = Date.now, checkpointIntervalMs = 500 } = options;
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    const migrated = migrate(db);
    if (!migrated.ok) throw new StorageOpenError(`${path}: ${migrated.reason}`);
  } catch (error) {
    db.close();
    throw error;
  }

  let checkpointer: Checkpointer | null = null;
  const inMemory = path === ':memory:' || path === '' || path.startsWith('file:');
  if (checkpointIntervalMs !== null && !inMemory) {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer({
      path,
      intervalMs: checkpointIntervalMs,
      // without the worker the WAL would grow without bound: checkpoint in the commits again
      onFailure: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      },
    });
  }

  const statements = {
    head: db.prepare('SELECT last_seq, last_hash FROM documents WHERE doc = ?'),
    putHead: db.prepare(
      'INSERT INTO documents (doc, last_seq, last_hash) VALUES (?, ?, ?) ' +
        'ON CONFLICT (doc) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash',
    ),
    insertUpdate: db.prepare('INSERT INTO updates (doc, seq, author, at, "update", hash) VALUES (?, ?, ?, ?, ?, ?)'),
    updatesFrom: db.prepare('SELECT seq, author, at, "update", hash FROM updates WHERE doc = ? AND seq >= ? ORDER BY seq'),
    // LIMIT -1 is SQLite's "no limit"
    updatesFromLimited: db.prepare('SELECT seq, author, at, "update", hash FROM updates WHERE doc = ? AND seq >= ? ORDER BY seq LIMIT ?'),
    updateBytesAfter: db.prepare('SELECT "update" FROM updates WHERE doc = ? AND seq > ? ORDER BY seq').pluck(),
    latestSnapshot: db.prepare('SELECT upto_seq, state FROM snapshots WHERE doc = ? ORDER BY upto_seq DESC LIMIT 1'),
    latestSnapshotSeq: db.prepare('SELECT MAX(upto_seq) FROM snapshots WHERE doc = ?').pluck(),
    putSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (doc, upto_seq, state, at, owners) VALUES (?, ?, ?, ?, ?)'),
    ownersAtOrBefore: db.prepare('SELECT upto_seq, owners FROM snapshots WHERE doc = ? AND upto_seq <= ? ORDER BY upto_seq DESC LIMIT 1'),
    authorsInRange: db.prepare('SELECT author, "update" FROM updates WHERE doc = ? AND seq >= ? AND seq <= ? ORDER BY seq'),
    pruneSnapshots: db.prepare(
      'DELETE FROM snapshots WHERE doc = ? AND upto_seq NOT IN ' + '(SELECT upto_seq FROM snapshots WHERE doc = ? ORDER BY upto_seq DESC LIMIT ?)',
    ),
    documentsWithPrefix: db.prepare('SELECT doc FROM documents WHERE substr(doc, 1, length(?)) = ? ORDER BY doc').pluck(),
    // A document whose head row was deleted still has its updates verified.
    allDocuments: db.prepare('SELECT doc FROM documents UNION SELECT DISTINCT doc FROM updates ORDER BY 1').pluck(),
  };

  function readHead(docName: string): ChainHead | null {
    return toHead(statements.head.get(docName));
  }

  // Reading the head and writing the next record happen in one IMMEDIATE transaction, so two writers
  // (even in two processes) can never both take the same seq.
  const appendTransaction = db.transaction((docName: string, update: Uint8Array, author: string, at: number) => {
    const head = readHead(docName) ?? EMPTY_HEAD;
    const seq = head.seq + 1;
    const hash = chainHash({ prevHash: head.hash, docName, seq, author, at, update });
    statements.insertUpdate.run(docName, seq, author, at, asBlob(update), hash);
    statements.putHead.run(docName, seq, hash);
    return { seq, hash };
  });

  // One transaction for a whole batch: the head of each document is read once, chained through the batch in memory
  // and written back once, so a batch of n updates costs one commit instead of n.
  const appendManyTransaction = db.transaction((entries: readonly AppendRequest[]) => {
    const heads = new Map<string, ChainHead>();
    const results: AppendedUpdate[] = [];
    for (const { docName, update, author, at } of entries) {
      const head = heads.get(docName) ?? readHead(docName) ?? EMPTY_HEAD;
      const seq = head.seq + 1;
      const hash = chainHash({ prevHash: head.hash, docName, seq, author, at, update });
      statements.insertUpdate.run(docName, seq, author, at, asBlob(update), hash);
      heads.set(docName, { seq, hash });
      results.push({ seq, hash });
    }
    for (const [docName, head] of heads) statements.putHead.run(docName, head.seq, head.hash);
    return results;
  });

  /** The client owners as of `uptoSeq`: the latest snapshot's at or below it, plus the stored updates after it. */
  function ownersUpTo(docName: string, uptoSeq: number): ClientOwners {
    const prior = statements.ownersAtOrBefore.get(docName, uptoSeq) as { upto_seq: number; owners: unknown } | undefined;
    const { owners, fromSeq } = ownersStart(prior ? { uptoSeq: prior.upto_seq, owners: prior.owners } : null);
    const records = (statements.authorsInRange.all(docName, fromSeq, uptoSeq) as Array<{ author: unknown; update: unknown }>).flatMap((row) =>
      typeof row.author === 'string' && row.update instanceof Uint8Array ? [{ author: row.author, update: row.update }] : [],
    );
    addFirstOwners(owners, records);
    return owners;
  }

  const compactTransaction = db.transaction((docName: string, snapshot: Uint8Array, uptoSeq: number) => {
    const head = readHead(docName);
    if (!head || uptoSeq > head.seq) {
      throw new StorageInputError('uptoSeq', `document "${docName}" has no update ${uptoSeq} (last is ${head?.seq ?? 0})`);
    }
    statements.putSnapshot.run(docName, uptoSeq, asBlob(snapshot), now(), encodeOwners(ownersUpTo(docName, uptoSeq)));
    statements.pruneSnapshots.run(docName, docName, Math.max(1, snapshotsToKeep));
  });

  function verifyDocument(docName: string): { updates: number; brokenAt?: ChainReport['brokenAt'] } {
    const verifier = createChainVerifier(docName);
    for (const raw of statements.updatesFrom.iterate(docName, 1)) {
      const row = toUpdateRow(raw);
      const seq = isRecord(raw) && typeof raw.seq === 'number' ? raw.seq : verifier.checked + 1;
      const broken = row ? verifier.next({ docName, ...row }) : { seq, reason: 'record has fields of the wrong type' };
      if (broken) {
        // Stop reading: the rest of a broken chain cannot be trusted and may be long.
        return { updates: verifier.checked, brokenAt: { docName, ...broken } };
      }
    }
    const head = readHead(docName);
    const broken = head
      ? verifier.finish(head)
      : verifier.checked > 0
        ? { seq: verifier.checked, reason: 'the document has updates but no recorded head' }
        : null;
    return broken ? { updates: verifier.checked, brokenAt: { docName, ...broken } } : { updates: verifier.checked };
  }

  const store: DocumentStore = {
    async load(docName) {
      rejectIf(checkDocName(docName));
      const snapshotRow: unknown = statements.latestSnapshot.get(docName);
      let uptoSeq = 0;
      const parts: Uint8Array[] = [];
      if (isRecord(snapshotRow) && typeof snapshotRow.upto_seq === 'number' && snapshotRow.state instanceof Uint8Array) {
        uptoSeq = snapshotRow.upto_seq;
        parts.push(asPlainBytes(snapshotRow.state));
      }
      for (const bytes of statements.updateBytesAfter.all(docName, uptoSeq)) {
        if (!(bytes instanceof Uint8Array)) throw new Error(`${docName}: a stored update is not bytes; run verify`);
        parts.push(asPlainBytes(bytes));
      }
      return mergeUpdatesInBatches(parts);
    },

    async append(docName, update, author, at): Promise<AppendedUpdate> {
      rejectIf(checkAppend(docName, update, author, at));
      return appendTransaction.immediate(docName, update, author, at);
    },

    async appendMany(entries): Promise<AppendedUpdate[]> {
      if (!Array.isArray(entries)) throw new StorageInputError('entries', 'must be an array');
      for (const entry of entries) {
        if (!isRecord(entry)) throw new StorageInputError('entries', 'every entry must be an object');
        rejectIf(checkAppend(entry.docName, entry.update, entry.author, entry.at));
      }
      if (entries.length === 0) return [];
      return appendManyTransaction.immediate(entries);
    },

    async compact(docName, snapshot, uptoSeq) {
      rejectIf(checkDocName(docName) ?? checkSeq('uptoSeq', uptoSeq) ?? checkYjsUpdate('snapshot', snapshot));
      compactTransaction.immediate(docName, snapshot, uptoSeq);
    },

    async snapshotOwners(docName) {
      rejectIf(checkDocName(docName));
      const row = statements.latestSnapshot.get(docName) as { upto_seq: number } | undefined;
      if (!row) return null;
      const stored = statements.ownersAtOrBefore.get(docName, row.upto_seq) as { upto_seq: number; owners: unknown } | undefined;
      const owners = stored ? decodeOwners(stored.owners) : null;
      return owners && stored ? { uptoSeq: stored.upto_seq, owners } : null;
    },

    async history(docName, fromSeq = 1, limit?: number): Promise<StoredUpdate[]> {
      rejectIf(checkDocName(docName) ?? checkSeq('fromSeq', fromSeq) ?? (limit === undefined ? null : checkSeq('limit', limit)));
      const records: StoredUpdate[] = [];
      for (const raw of statements.updatesFromLimited.iterate(docName, fromSeq, limit ?? -1)) {
        const row = toUpdateRow(raw);
        if (!row) throw new Error(`${docName}: a stored update has fields of the wrong type; run verify`);
        records.push({ docName, ...row });
      }
      return records;
    },

    async pendingSinceSnapshot(docName) {
      rejectIf(checkDocName(docName));
      const head = readHead(docName);
      if (!head) return 0;
      const snapshotSeq: unknown = statements.latestSnapshotSeq.get(docName);
      return head.seq - (typeof snapshotSeq === 'number' ? snapshotSeq : 0);
    },

    async listDocuments(prefix = '') {
      if (typeof prefix !== 'string') throw new StorageInputError('prefix', 'must be a string');
      return statements.documentsWithPrefix.all(prefix, prefix).filter((doc): doc is string => typeof doc === 'string');
    },

    async verify(docName): Promise<ChainReport> {
      if (docName !== undefined) rejectIf(checkDocName(docName));
      const names = docName === undefined ? statements.allDocuments.all().filter((doc): doc is string => typeof doc === 'string') : [docName];
      let documents = 0;
      let updates = 0;
      for (const name of names) {
        const result = verifyDocument(name);
        if (result.updates > 0 || readHead(name)) documents += 1;
        updates += result.updates;
        if (result.brokenAt) return err({ documents, updates, brokenAt: result.brokenAt });
      }
      return ok({ documents, updates });
    },

    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
  return store;
}
