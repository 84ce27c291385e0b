/**
 * The activity index in the server's SQLite file: its own tables (activity_*) with their own version table, like the
 * account store, so the document store's schema and the index can change apart. Takes a file path (":memory:" for
 * tests) or a database already open.
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { ActivityEntry, ActivityIndex } from './activity-index';
import { pageOf } from './activity-index';
import { ACTIVITY_COLUMNS, activityEntryOf, activityPageSql, activityRowValues, activitySchema } from './activity-sql';

/** Migrations, in order; each runs once. A shipped one is never edited: a change is a new entry at the end. */
const MIGRATIONS: readonly string[] = [activitySchema({ bigint: 'INTEGER', orderedText: 'TEXT' })];

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS activity_schema_version (version INTEGER NOT NULL)');
  const row = z.object({ version: z.number().nullable() }).safeParse(db.prepare('SELECT MAX(version) AS version FROM activity_schema_version').get());
  const current = row.success ? (row.data.version ?? 0) : 0;
  if (current > MIGRATIONS.length) throw new Error(`the activity index has schema version ${current}; this server knows up to ${MIGRATIONS.length}`);
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i] ?? '');
      db.prepare('INSERT INTO activity_schema_version (version) VALUES (?)').run(i + 1);
    }).immediate();
  }
}

export function openSqliteActivityIndex(target: string | Database.Database): ActivityIndex {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target) : target;
  if (owned) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
  }
  migrate(db);
  const mark = db.prepare('SELECT seq FROM activity_marks WHERE doc = ?');
  const insert = db.prepare(`INSERT INTO activity_entries (${ACTIVITY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const putMark = db.prepare('INSERT INTO activity_marks (doc, seq) VALUES (?, ?) ON CONFLICT (doc) DO UPDATE SET seq = max(seq, excluded.seq)');
  const recordAll = db.transaction((docName: string, entries: readonly ActivityEntry[], uptoSeq: number) => {
    for (const entry of entries) insert.run(...activityRowValues(entry));
    putMark.run(docName, uptoSeq);
  });
  /** Prepared once per shape of filter (at most 2^7 of them). */
  const pages = new Map<string, Database.Statement>();

  return {
    async indexedSeq(docName) {
      const row = z.object({ seq: z.number() }).safeParse(mark.get(docName));
      return row.success ? row.data.seq : 0;
    },
    async record(docName, entries, uptoSeq) {
      recordAll.immediate(docName, entries, uptoSeq);
    },
    async query(query) {
      const { sql, params } = activityPageSql(query, () => '?');
      let statement = pages.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        pages.set(sql, statement);
      }
      const rows = statement.all(...params).flatMap((row) => activityEntryOf(row) ?? []);
      return pageOf(rows, query.limit);
    },
    async close() {
      if (owned && db.open) db.close();
    },
  };
}
