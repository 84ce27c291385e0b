/**
 * Leases in PostgreSQL (docs/scale-out.md §4): one holder at a time per name, for a time measured by the database's
 * own clock (instances' clocks may differ). Taking over an expired lease increments its token; writes made under a
 * lease carry the token (WriteFence) and the store refuses them once the token moved on, so a holder that lost its
 * lease mid-write (paused, cut off) cannot become a second writer.
 */
import type pg from 'pg';

export interface Leases {
  /** Takes or renews `name` for `ttlMs`; the token held, or null while another holder's lease runs. */
  acquire(name: string, holder: string, ttlMs: number): Promise<number | null>;
  /** Gives `name` up at once (graceful shutdown): another instance takes it over at its next try. */
  release(name: string, holder: string): Promise<void>;
  /** How far each named document was derived (0 when never). */
  marks(docNames: readonly string[]): Promise<Map<string, number>>;
  /** Records that `doc` was derived up to `seq`, if the lease still carries `token`. */
  setMark(doc: string, seq: number, fence: { lease: string; token: number }): Promise<boolean>;
}

export function pgLeases(pool: pg.Pool): Leases {
  return {
    async acquire(name, holder, ttlMs) {
      const result = await pool.query<{ token: string }>(
        `INSERT INTO leases (name, holder, token, expires_at) VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET
           token = CASE WHEN leases.holder = excluded.holder AND leases.expires_at > now() THEN leases.token ELSE leases.token + 1 END,
           holder = excluded.holder,
           expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= now()
         RETURNING token`,
        [name, holder, Math.max(1, Math.floor(ttlMs))],
      );
      const row = result.rows[0];
      return row ? Number(row.token) : null;
    },
    async release(name, holder) {
      await pool.query('UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2', [name, holder]);
    },
    async marks(docNames) {
      const result = await pool.query<{ doc: string; seq: string }>('SELECT doc, seq FROM derived_marks WHERE doc = ANY($1::text[])', [[...docNames]]);
      return new Map(result.rows.map((row) => [row.doc, Number(row.seq)]));
    },
    async setMark(doc, seq, fence) {
      const result = await pool.query(
        `INSERT INTO derived_marks (doc, seq) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM leases WHERE name = $3 AND token = $4)
         ON CONFLICT (doc) DO UPDATE SET seq = GREATEST(derived_marks.seq, excluded.seq)`,
        [doc, seq, fence.lease, fence.token],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}
