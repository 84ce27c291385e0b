/**
 * The DocumentStore on PostgreSQL, shared by every instance of a scaled-out server (docs/scale-out.md).
 * Each append takes the document's head row lock (SELECT … FOR UPDATE) inside its transaction: that row is the
 * document's sequencer, so appends from any number of instances get consecutive seqs and one hash chain. When this
 * instance knows the heads (it committed the last update of each document), the append is one statement, one round
 * trip; otherwise, or when a head moved meanwhile, four.
 */
import type pg from 'pg';
import * as Y from 'yjs';
import { addFirstOwners, decodeOwners, encodeOwners, ownersStart, type ClientOwners } from './client-owners';
import type { AppendRequest, AppendedUpdate, ChainReport, DocumentStore, StoredUpdate } from './document-store';
import { EMPTY_HEAD, GENESIS_HASH, chainHash, createChainVerifier, type ChainHead } from './hash-chain';
import { mergeUpdatesInBatches } from './merge-updates';
import { KnownHeads } from './pg-known-heads';
import { inPgTransaction } from './pg-pool';
import { migratePg } from './pg-migrate';
import { PG_DOCUMENT_MIGRATIONS } from './pg-schema';
import { StorageInputError, checkAppend, checkDocName, checkSeq, checkYjsUpdate } from './store-input';
import { err, ok } from '../../shared/result';

export interface PgStoreOptions {
  pool: pg.Pool;
  /** Close the pool on close() (when this store opened it for itself). */
  ownsPool?: boolean;
  snapshotsToKeep?: number;
  now?: () => number;
}

/** A fenced write whose lease has moved on (another holder took it over): nothing of its batch was stored. */
export class FencedWriteError extends Error {
  override readonly name = 'FencedWriteError';
}

export class PgStoreOpenError extends Error {
  override readonly name = 'PgStoreOpenError';
}

/** A DocumentStore several instances share: it can say how far each document's history goes. */
export interface SharedDocumentStore extends DocumentStore {
  /** The seq of the last stored update of each named document (absent: nothing stored). */
  heads(docNames: readonly string[]): Promise<Map<string, number>>;
  /** The same for every document whose name starts with `prefix`. */
  headsWithPrefix(prefix: string): Promise<Map<string, number>>;
}

/** PostgreSQL's SQLSTATE for division by zero: the one-round-trip append's "a head moved" (see appendKnown). */
const DIVISION_BY_ZERO = '22012';

/** How many records verify reads at a time (a long history is streamed, not loaded). */
const VERIFY_PAGE = 2_000;

interface UpdateRow {
  seq: string | number;
  author: string;
  at: string | number;
  update: Buffer;
  hash: string;
}

function toNumber(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`a stored ${what} is not a whole number; run verify`);
  return n;
}

function asPlainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toStored(docName: string, row: UpdateRow): StoredUpdate {
  if (!(row.update instanceof Uint8Array) || typeof row.author !== 'string' || typeof row.hash !== 'string') {
    throw new Error(`${docName}: a stored update has fields of the wrong type; run verify`);
  }
  return { docName, seq: toNumber(row.seq, 'seq'), update: asPlainBytes(row.update), author: row.author, at: toNumber(row.at, 'time'), hash: row.hash };
}

function rejectIf(problem: StorageInputError | null): void {
  if (problem) throw problem;
}

/**
 * `snapshot` plus whatever `stored` holds that it lacks: the items past its state vector and every deletion. Merging
 * the two whole states instead interleaves their structs, and a snapshot written that way loads several times slower
 * (Yjs merges the fragments back on every load) — the cold load of a long document is what compaction is for.
 */
function withWhatIsMissing(snapshot: Uint8Array, stored: Uint8Array): Uint8Array {
  const missing = Y.diffUpdate(stored, Y.encodeStateVectorFromUpdate(snapshot));
  return Y.mergeUpdates([snapshot, missing]);
}

/** Opens the store and brings its schema up to date (safe when several instances start together). */
export async function openPgStore(options: PgStoreOptions): Promise<SharedDocumentStore> {
  const { pool, ownsPool = false, snapshotsToKeep = 1, now = Date.now } = options;
  const migrated = await migratePg(pool, 'documents', PG_DOCUMENT_MIGRATIONS);
  if (!migrated.ok) throw new PgStoreOpenError(migrated.reason);
  let closed = false;
  const knownHeads = new KnownHeads();

  function open(): void {
    if (closed) throw new Error('the document store is closed');
  }

  const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => inPgTransaction(pool, work);

  async function readHead(client: pg.ClientBase | pg.Pool, docName: string): Promise<ChainHead | null> {
    const result = await client.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM documents WHERE doc = $1', [docName]);
    const row = result.rows[0];
    return row ? { seq: toNumber(row.last_seq, 'head'), hash: row.last_hash } : null;
  }

  /**
   * Takes the head row locks of `docNames` in name order (so two batches cannot deadlock) and reads the heads, in one
   * statement: ON CONFLICT DO UPDATE locks the existing row (waiting for a concurrent append to commit, then seeing
   * its head) and creates a missing one at seq 0.
   */
  async function lockHeads(client: pg.PoolClient, docNames: readonly string[]): Promise<Map<string, ChainHead>> {
    const sorted = [...new Set(docNames)].sort();
    const result = await client.query<{ doc: string; last_seq: string; last_hash: string }>({
      name: 'guatu-lock-heads',
      text: `INSERT INTO documents (doc, last_seq, last_hash) SELECT unnest($1::text[]), 0, $2
       ON CONFLICT (doc) DO UPDATE SET doc = excluded.doc
       RETURNING doc, last_seq, last_hash`,
      values: [sorted, GENESIS_HASH],
    });
    const heads = new Map<string, ChainHead>();
    for (const row of result.rows) heads.set(row.doc, { seq: toNumber(row.last_seq, 'head'), hash: row.last_hash });
    return heads;
  }

  /** Refuses the batch unless every lease it writes under still carries the token (the lease row is locked meanwhile). */
  async function checkFences(client: pg.PoolClient, entries: readonly AppendRequest[]): Promise<void> {
    const fences = new Map<string, number>();
    for (const { fence } of entries) if (fence) fences.set(fence.lease, fence.token);
    for (const [lease, token] of [...fences].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const row = await client.query<{ token: string }>('SELECT token FROM leases WHERE name = $1 FOR SHARE', [lease]);
      const current = row.rows[0] ? toNumber(row.rows[0].token, 'lease token') : null;
      if (current !== token) throw new FencedWriteError(`lease ${lease} is at token ${current ?? 'none'}; this write was made under ${token}`);
    }
  }

  /** Seqs and hashes of `entries` chained onto `heads` (which it advances), as the columns of one insert. */
  function chainEntries(entries: readonly AppendRequest[], heads: Map<string, ChainHead>) {
    const results: AppendedUpdate[] = [];
    const columns = { doc: [] as string[], seq: [] as number[], author: [] as string[], at: [] as number[], update: [] as Buffer[], hash: [] as string[] };
    for (const { docName, update, author, at } of entries) {
      const head = heads.get(docName) ?? EMPTY_HEAD;
      const seq = head.seq + 1;
      const hash = chainHash({ prevHash: head.hash, docName, seq, author, at, update });
      heads.set(docName, { seq, hash });
      results.push({ seq, hash });
      columns.doc.push(docName);
      columns.seq.push(seq);
      columns.author.push(author);
      columns.at.push(at);
      columns.update.push(asBuffer(update));
      columns.hash.push(hash);
    }
    const insertValues = [columns.doc, columns.seq, columns.author, columns.at, columns.update, columns.hash];
    return { results, insertValues };
  }

  function remember(heads: Map<string, ChainHead>): void {
    for (const [docName, head] of heads) knownHeads.set(docName, head);
  }

  /** The four-round-trip append: BEGIN, lock and read the heads, insert records + move heads, COMMIT. */
  async function appendLocked(client: pg.PoolClient, entries: readonly AppendRequest[]): Promise<{ results: AppendedUpdate[]; heads: Map<string, ChainHead> }> {
    await checkFences(client, entries);
    const heads = await lockHeads(
      client,
      entries.map((e) => e.docName),
    );
    const { results, insertValues } = chainEntries(entries, heads);
    // lockHeads returned exactly this batch's documents
    const touched = [...heads.entries()];
    // the records and the new heads in one statement (one round trip)
    await client.query({
      name: 'guatu-append-locked',
      text: `WITH inserted AS (
         INSERT INTO updates (doc, seq, author, at, "update", hash)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bytea[], $6::text[])
       )
       UPDATE documents AS d SET last_seq = h.seq, last_hash = h.hash
       FROM unnest($7::text[], $8::bigint[], $9::text[]) AS h(doc, seq, hash) WHERE d.doc = h.doc`,
      values: [...insertValues, touched.map(([doc]) => doc), touched.map(([, head]) => head.seq), touched.map(([, head]) => head.hash)],
    });
    return { results, heads };
  }

  /**
   * The one-round-trip append, when this instance committed the last update of every document in the batch (the
   * common case: a document's writers are mostly on one instance): ONE statement, so one implicit transaction. It
   * locks the head rows in name order (as lockHeads does, so neither path can deadlock with the other), and only if
   * every locked head is the one expected inserts the records and moves the heads; otherwise `1 / 0` aborts the whole
   * statement (nothing stored) and the caller falls back to the locked append, which reads the true heads. Null: the
   * batch is not eligible (a fence, an unknown head) or a head had moved.
   */
  async function appendKnown(entries: readonly AppendRequest[]): Promise<AppendedUpdate[] | null> {
    if (entries.some((e) => e.fence !== undefined)) return null;
    const expected = new Map<string, ChainHead>();
    for (const { docName } of entries) {
      if (expected.has(docName)) continue;
      const head = knownHeads.get(docName);
      if (head === undefined) return null;
      expected.set(docName, head);
    }
    const before = [...expected.entries()];
    const heads = new Map(expected);
    const { results, insertValues } = chainEntries(entries, heads);
    try {
      await pool.query({
        // prepared once per connection: planning this statement cost about as much as running it
        name: 'guatu-append-known',
        text: `WITH locked AS (
           SELECT doc, last_seq, last_hash FROM documents WHERE doc = ANY($7::text[]) ORDER BY doc FOR UPDATE
         ), expected AS (
           SELECT * FROM unnest($7::text[], $8::bigint[], $9::text[], $10::bigint[], $11::text[]) AS h(doc, prev_seq, prev_hash, seq, hash)
         ), checked AS (
           SELECT 1 / (count(*) = $12::bigint)::int AS ok
           FROM locked l JOIN expected h ON l.doc = h.doc AND l.last_seq = h.prev_seq AND l.last_hash = h.prev_hash
         ), inserted AS (
           INSERT INTO updates (doc, seq, author, at, "update", hash)
           SELECT u.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bytea[], $6::text[]) AS u, checked
         )
         UPDATE documents AS d SET last_seq = h.seq, last_hash = h.hash FROM expected h, checked WHERE d.doc = h.doc`,
        values: [
          ...insertValues,
          before.map(([doc]) => doc),
          before.map(([, head]) => head.seq),
          before.map(([, head]) => head.hash),
          before.map(([doc]) => heads.get(doc)?.seq),
          before.map(([doc]) => heads.get(doc)?.hash),
          before.length,
        ],
      });
    } catch (error) {
      if ((error as { code?: unknown }).code !== DIVISION_BY_ZERO) throw error;
      for (const [doc] of before) knownHeads.forget(doc);
      return null;
    }
    remember(heads);
    return results;
  }

  /** One batch: the one-round-trip append when it applies, else the locked one. */
  async function appendBatch(entries: readonly AppendRequest[]): Promise<AppendedUpdate[]> {
    const fast = await appendKnown(entries);
    if (fast) return fast;
    const { results, heads } = await inTransaction((client) => appendLocked(client, entries));
    remember(heads);
    return results;
  }

  /** The stored state up to `uptoSeq` (latest snapshot at or below it, then the updates after it), or everything. */
  async function stateUpTo(client: pg.ClientBase | pg.Pool, docName: string, uptoSeq: number | null): Promise<Uint8Array | null> {
    const limit = uptoSeq ?? Number.MAX_SAFE_INTEGER;
    const snapshot = await client.query<{ upto_seq: string; state: Buffer }>(
      'SELECT upto_seq, state FROM snapshots WHERE doc = $1 AND upto_seq <= $2 ORDER BY upto_seq DESC LIMIT 1',
      [docName, limit],
    );
    const parts: Uint8Array[] = [];
    let from = 0;
    const row = snapshot.rows[0];
    if (row) {
      from = toNumber(row.upto_seq, 'snapshot seq');
      parts.push(asPlainBytes(row.state));
    }
    const updates = await client.query<{ update: Buffer }>('SELECT "update" FROM updates WHERE doc = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [
      docName,
      from,
      limit,
    ]);
    for (const { update } of updates.rows) {
      if (!(update instanceof Uint8Array)) throw new Error(`${docName}: a stored update is not bytes; run verify`);
      parts.push(asPlainBytes(update));
    }
    return mergeUpdatesInBatches(parts);
  }

  /** The client owners as of `uptoSeq`: the latest snapshot's at or below it, plus the stored updates after it. */
  async function ownersUpTo(client: pg.ClientBase, docName: string, uptoSeq: number): Promise<ClientOwners> {
    const prior = await client.query<{ upto_seq: string; owners: string | null }>(
      'SELECT upto_seq, owners FROM snapshots WHERE doc = $1 AND upto_seq <= $2 ORDER BY upto_seq DESC LIMIT 1',
      [docName, uptoSeq],
    );
    const row = prior.rows[0];
    const { owners, fromSeq } = ownersStart(row ? { uptoSeq: toNumber(row.upto_seq, 'snapshot seq'), owners: row.owners } : null);
    const records = await client.query<{ author: string; update: Buffer }>(
      'SELECT author, "update" FROM updates WHERE doc = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq',
      [docName, fromSeq, uptoSeq],
    );
    addFirstOwners(
      owners,
      records.rows.map((r) => ({ author: r.author, update: asPlainBytes(r.update) })),
    );
    return owners;
  }

  async function verifyDocument(docName: string): Promise<{ updates: number; brokenAt?: ChainReport['brokenAt'] }> {
    const verifier = createChainVerifier(docName);
    let from = 1;
    for (;;) {
      const page = await pool.query<UpdateRow>('SELECT seq, author, at, "update", hash FROM updates WHERE doc = $1 AND seq >= $2 ORDER BY seq LIMIT $3', [
        docName,
        from,
        VERIFY_PAGE,
      ]);
      for (const row of page.rows) {
        let record: StoredUpdate;
        try {
          record = toStored(docName, row);
        } catch {
          return { updates: verifier.checked, brokenAt: { docName, seq: verifier.checked + 1, reason: 'record has fields of the wrong type' } };
        }
        const broken = verifier.next(record);
        if (broken) return { updates: verifier.checked, brokenAt: { docName, ...broken } };
        from = record.seq + 1;
      }
      if (page.rows.length < VERIFY_PAGE) break;
    }
    const head = await readHead(pool, docName);
    const broken = head
      ? verifier.finish(head)
      : verifier.checked > 0
        ? { seq: verifier.checked, reason: 'the document has updates but no recorded head' }
        : null;
    return broken ? { updates: verifier.checked, brokenAt: { docName, ...broken } } : { updates: verifier.checked };
  }

  return {
    async load(docName) {
      open();
      rejectIf(checkDocName(docName));
      return stateUpTo(pool, docName, null);
    },

    async append(docName, update, author, at) {
      open();
      rejectIf(checkAppend(docName, update, author, at));
      const [result] = await appendBatch([{ docName, update, author, at }]);
      if (!result) throw new Error('append stored nothing');
      return result;
    },

    async appendMany(entries) {
      open();
      if (!Array.isArray(entries)) throw new StorageInputError('entries', 'must be an array');
      for (const entry of entries) {
        if (typeof entry !== 'object' || entry === null) throw new StorageInputError('entries', 'every entry must be an object');
        rejectIf(checkAppend(entry.docName, entry.update, entry.author, entry.at));
      }
      if (entries.length === 0) return [];
      return appendBatch(entries);
    },

    async compact(docName, snapshot, uptoSeq) {
      open();
      rejectIf(checkDocName(docName) ?? checkSeq('uptoSeq', uptoSeq) ?? checkYjsUpdate('snapshot', snapshot));
      await inTransaction(async (client) => {
        const head = await readHead(client, docName);
        if (!head || uptoSeq > head.seq) {
          throw new StorageInputError('uptoSeq', `document "${docName}" has no update ${uptoSeq} (last is ${head?.seq ?? 0})`);
        }
        // the caller's memory may lack an update another instance stored below uptoSeq: the snapshot must hold it
        const stored = await stateUpTo(client, docName, uptoSeq);
        const merged = stored ? withWhatIsMissing(snapshot, stored) : snapshot;
        const owners = await ownersUpTo(client, docName, uptoSeq);
        await client.query(
          'INSERT INTO snapshots (doc, upto_seq, state, at, owners) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (doc, upto_seq) DO UPDATE SET state = excluded.state, at = excluded.at, owners = excluded.owners',
          [docName, uptoSeq, asBuffer(merged), now(), encodeOwners(owners)],
        );
        await client.query(
          'DELETE FROM snapshots WHERE doc = $1 AND upto_seq NOT IN (SELECT upto_seq FROM snapshots WHERE doc = $1 ORDER BY upto_seq DESC LIMIT $2)',
          [docName, Math.max(1, snapshotsToKeep)],
        );
      });
    },

    async history(docName, fromSeq = 1, limit?: number) {
      open();
      rejectIf(checkDocName(docName) ?? checkSeq('fromSeq', fromSeq) ?? (limit === undefined ? null : checkSeq('limit', limit)));
      const result = await pool.query<UpdateRow>('SELECT seq, author, at, "update", hash FROM updates WHERE doc = $1 AND seq >= $2 ORDER BY seq LIMIT $3', [
        docName,
        fromSeq,
        limit ?? null,
      ]);
      return result.rows.map((row) => toStored(docName, row));
    },

    async snapshotOwners(docName) {
      open();
      rejectIf(checkDocName(docName));
      const result = await pool.query<{ upto_seq: string; owners: string | null }>(
        'SELECT upto_seq, owners FROM snapshots WHERE doc = $1 ORDER BY upto_seq DESC LIMIT 1',
        [docName],
      );
      const row = result.rows[0];
      const owners = row ? decodeOwners(row.owners) : null;
      return owners && row ? { uptoSeq: toNumber(row.upto_seq, 'snapshot seq'), owners } : null;
    },

    async pendingSinceSnapshot(docName) {
      open();
      rejectIf(checkDocName(docName));
      const result = await pool.query<{ last_seq: string; snap: string | null }>(
        'SELECT d.last_seq, (SELECT MAX(upto_seq) FROM snapshots s WHERE s.doc = d.doc) AS snap FROM documents d WHERE d.doc = $1',
        [docName],
      );
      const row = result.rows[0];
      if (!row) return 0;
      return toNumber(row.last_seq, 'head') - (row.snap === null ? 0 : toNumber(row.snap, 'snapshot seq'));
    },

    async listDocuments(prefix = '') {
      open();
      if (typeof prefix !== 'string') throw new StorageInputError('prefix', 'must be a string');
      // COLLATE "C": code-unit order, as SQLite sorts, whatever the database's locale
      const result = await pool.query<{ doc: string }>('SELECT doc FROM documents WHERE last_seq > 0 AND left(doc, length($1)) = $1 ORDER BY doc COLLATE "C"', [
        prefix,
      ]);
      return result.rows.map((row) => row.doc);
    },

    async verify(docName) {
      open();
      if (docName !== undefined) rejectIf(checkDocName(docName));
      const names =
        docName === undefined
          ? (await pool.query<{ doc: string }>('SELECT doc FROM documents UNION SELECT DISTINCT doc FROM updates ORDER BY 1')).rows.map((row) => row.doc)
          : [docName];
      let documents = 0;
      let updates = 0;
      for (const name of names) {
        const result = await verifyDocument(name);
        const head = await readHead(pool, name);
        if (result.updates > 0 || (head && head.seq > 0)) documents += 1;
        updates += result.updates;
        if (result.brokenAt) return err({ documents, updates, brokenAt: result.brokenAt });
      }
      return ok({ documents, updates });
    },

    async headsWithPrefix(prefix) {
      open();
      const result = await pool.query<{ doc: string; last_seq: string }>(
        'SELECT doc, last_seq FROM documents WHERE left(doc, length($1)) = $1 AND last_seq > 0',
        [prefix],
      );
      return new Map(result.rows.map((row) => [row.doc, toNumber(row.last_seq, 'head')]));
    },

    async heads(docNames) {
      open();
      const result = await pool.query<{ doc: string; last_seq: string }>('SELECT doc, last_seq FROM documents WHERE doc = ANY($1::text[]) AND last_seq > 0', [
        [...docNames],
      ]);
      return new Map(result.rows.map((row) => [row.doc, toNumber(row.last_seq, 'head')]));
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end();
    },
  };
}
