/**
 * The activity index's SQL, the same for SQLite and PostgreSQL but for placeholders: one table of entries keyed by
 * (workspace, project, seq), an index per filter that starts with the workspace and ends with the page order, and the
 * per-document marks of how far the history is indexed. A page is a keyset query: the filters, then "older than the
 * cursor" as a row comparison on the order's columns, so the database reads the page and not what precedes it.
 */
import { isActivityKind, parseChanges, type ActivityEntry, type ActivityQuery } from './activity-index';

/** Table and index definitions; `bigint` is BIGINT on PostgreSQL, INTEGER on SQLite; `text` of the ordered id column. */
export function activitySchema(types: { bigint: string; orderedText: string }): string {
  const { bigint, orderedText } = types;
  return `CREATE TABLE activity_entries (
     workspace TEXT NOT NULL,
     project ${orderedText} NOT NULL,
     seq ${bigint} NOT NULL,
     at ${bigint} NOT NULL,
     member TEXT NOT NULL,
     unit TEXT,
     kind TEXT NOT NULL,
     action TEXT NOT NULL,
     changes TEXT NOT NULL,
     PRIMARY KEY (workspace, project, seq)
   );
   CREATE INDEX activity_by_time ON activity_entries (workspace, at, project, seq);
   CREATE INDEX activity_by_member ON activity_entries (workspace, member, at, project, seq);
   CREATE INDEX activity_by_member_kind ON activity_entries (workspace, member, kind, at, project, seq);
   CREATE INDEX activity_by_unit ON activity_entries (workspace, unit, at, project, seq);
   CREATE INDEX activity_by_project ON activity_entries (workspace, project, at, seq);
   CREATE INDEX activity_by_kind ON activity_entries (workspace, kind, at, project, seq);
   CREATE TABLE activity_marks (
     doc TEXT PRIMARY KEY,
     seq ${bigint} NOT NULL
   );`;
}

export const ACTIVITY_COLUMNS = 'workspace, project, seq, at, member, unit, kind, action, changes';

/** The page query (limit + 1 rows: the extra one says whether more follow) and its parameters. */
export function activityPageSql(query: ActivityQuery, placeholder: (n: number) => string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  const where = [`workspace = ${p(query.workspaceId)}`];
  const { filter, cursor } = query;
  if (filter.memberId !== undefined) where.push(`member = ${p(filter.memberId)}`);
  if (filter.unitId !== undefined) where.push(`unit = ${p(filter.unitId)}`);
  if (filter.projectId !== undefined) where.push(`project = ${p(filter.projectId)}`);
  if (filter.kind !== undefined) where.push(`kind = ${p(filter.kind)}`);
  if (filter.from !== undefined) where.push(`at >= ${p(filter.from)}`);
  if (filter.to !== undefined) where.push(`at < ${p(filter.to)}`);
  if (cursor) where.push(`(at, project, seq) < (${p(cursor.at)}, ${p(cursor.projectId)}, ${p(cursor.seq)})`);
  const sql = `SELECT ${ACTIVITY_COLUMNS} FROM activity_entries WHERE ${where.join(' AND ')} ORDER BY at DESC, project DESC, seq DESC LIMIT ${p(query.limit + 1)}`;
  return { sql, params };
}

/** One entry's column values, in ACTIVITY_COLUMNS order. */
export function activityRowValues(entry: ActivityEntry): unknown[] {
  return [entry.workspaceId, entry.projectId, entry.seq, entry.at, entry.memberId, entry.unitId, entry.kind, entry.action, JSON.stringify(entry.changes)];
}

function isRow(row: unknown): row is Record<string, unknown> {
  return typeof row === 'object' && row !== null;
}

function whole(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

/** A stored row as an entry; null for a row of the wrong shape (the file can be edited by hand). */
export function activityEntryOf(row: unknown): ActivityEntry | null {
  if (!isRow(row)) return null;
  const seq = whole(row.seq);
  const at = whole(row.at);
  const { workspace, project, member, unit, kind, action, changes } = row;
  if (seq === null || at === null || typeof workspace !== 'string' || typeof project !== 'string' || typeof member !== 'string') return null;
  if (!isActivityKind(kind) || typeof action !== 'string' || typeof changes !== 'string') return null;
  return {
    workspaceId: workspace,
    projectId: project,
    seq,
    at,
    memberId: member,
    unitId: typeof unit === 'string' ? unit : null,
    kind,
    action,
    changes: parseChanges(changes),
  };
}
