/**
 * The activity index on PostgreSQL, shared by every instance (the pg-store pattern: migrations under the advisory
 * lock, one pool). Several instances may index the same update: inserts keep what is there and the mark only grows.
 */
import type pg from 'pg';
import { migratePg } from '../storage/pg-migrate';
import { PG_ACTIVITY_MIGRATIONS } from '../storage/pg-schema';
import { pageOf, type ActivityIndex } from './activity-index';
import { ACTIVITY_COLUMNS, activityEntryOf, activityPageSql, activityRowValues } from './activity-sql';

export interface PgActivityIndexOptions {
  pool: pg.Pool;
  /** End the pool on close() (when the index opened it for itself). */
  ownsPool?: boolean;
}

const COLUMN_COUNT = ACTIVITY_COLUMNS.split(',').length;
/** Rows per INSERT statement (PostgreSQL takes at most 65535 parameters). */
const INSERT_ROWS = 500;

export async function openPgActivityIndex(options: PgActivityIndexOptions): Promise<ActivityIndex> {
  const { pool, ownsPool = false } = options;
  const migrated = await migratePg(pool, 'activity', PG_ACTIVITY_MIGRATIONS);
  if (!migrated.ok) throw new Error(migrated.reason);
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('the activity index is closed');
  };
  return {
    async indexedSeq(docName) {
      open();
      const result = await pool.query<{ seq: string }>('SELECT seq FROM activity_marks WHERE doc = $1', [docName]);
      const seq = Number(result.rows[0]?.seq ?? 0);
      return Number.isSafeInteger(seq) ? seq : 0;
    },
    async record(docName, entries, uptoSeq) {
      open();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (let start = 0; start < entries.length; start += INSERT_ROWS) {
          const chunk = entries.slice(start, start + INSERT_ROWS);
          const values: unknown[] = [];
          const tuples = chunk.map((entry) => {
            const first = values.length;
            values.push(...activityRowValues(entry));
            return `(${Array.from({ length: COLUMN_COUNT }, (_, i) => `$${first + i + 1}`).join(', ')})`;
          });
          await client.query(`INSERT INTO activity_entries (${ACTIVITY_COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
        }
        await client.query(
          'INSERT INTO activity_marks (doc, seq) VALUES ($1, $2) ON CONFLICT (doc) DO UPDATE SET seq = GREATEST(activity_marks.seq, EXCLUDED.seq)',
          [docName, uptoSeq],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async query(query) {
      open();
      const { sql, params } = activityPageSql(query, (n) => `$${n}`);
      const result = await pool.query(sql, params);
      return pageOf(
        result.rows.flatMap((row) => activityEntryOf(row) ?? []),
        query.limit,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end();
    },
  };
}
