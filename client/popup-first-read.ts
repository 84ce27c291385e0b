import * as z from 'zod/mini';
import type { Locale } from '../shared/schema/common';
import { DEFAULT_DB_NAME, readPopupRows, type PopupRows } from './popup-rows';
import { ChecklistProjectionSchema, JoinedWorkspaceSchema, LocaleRow, type ChecklistProjection, type JoinedWorkspace } from './stored-rows';

export { DEFAULT_DB_NAME, rememberWorkspace } from './popup-rows';

/**
 * What the popup shows, from one plain IndexedDB read of Dexie's database (client/popup-rows.ts), each row checked
 * with client/stored-rows' zod/mini schemas (the ones client/db.ts checks them with). Dexie itself is not loaded.
 */
export interface PopupFirstRead {
  locale: Locale;
  /** Joined workspaces that validate, oldest first (as client/db readWorkspaces). */
  workspaces: JoinedWorkspace[];
  /** The one to show: the remembered choice while it is still joined, else the oldest; null with none. */
  current: JoinedWorkspace | null;
  /** Its stored checklist, when there is one and it validates. */
  projection: ChecklistProjection | null;
}

function byJoinTime(a: JoinedWorkspace, b: JoinedWorkspace): number {
  return a.joinedAt - b.joinedAt || (a.key < b.key ? -1 : 1);
}

function parsed<T>(schema: z.ZodMiniType<T>, row: unknown): T | null {
  const result = schema.safeParse(row);
  return result.success ? result.data : null;
}

/** The rows as another bundle may hand them over (popup.html's classic script): checked before anything is read. */
const PopupRowsSchema = z.object({ locale: z.unknown(), chosen: z.unknown(), workspaces: z.array(z.unknown()), projections: z.array(z.unknown()) });

/** The workspace to show: `preferred` (a switch), else the remembered one, else the oldest. */
export function chooseWorkspace(workspaces: readonly JoinedWorkspace[], ...keys: unknown[]): JoinedWorkspace | null {
  for (const key of keys) {
    const found = typeof key === 'string' ? workspaces.find((w) => w.key === key) : undefined;
    if (found) return found;
  }
  return workspaces[0] ?? null;
}

/**
 * The popup's first read from its stored rows: rows that do not validate are left out (an older version, or a
 * half-finished write, may have left them); null when `value` is not the rows at all.
 */
export function firstReadOf(value: unknown, preferKey?: string): PopupFirstRead | null {
  const rows: PopupRows | null = parsed(PopupRowsSchema, value);
  if (!rows) return null;
  const workspaces: JoinedWorkspace[] = [];
  for (const row of rows.workspaces) {
    const ws = parsed(JoinedWorkspaceSchema, row);
    if (ws) workspaces.push(ws);
  }
  workspaces.sort(byJoinTime);
  const current = chooseWorkspace(workspaces, preferKey, rows.chosen);
  const stored = current ? rows.projections.find((p) => typeof p === 'object' && p !== null && 'key' in p && p.key === current.key) : undefined;
  return {
    locale: parsed(LocaleRow, rows.locale) ?? 'zh-CN',
    workspaces,
    current,
    projection: stored === undefined ? null : parsed(ChecklistProjectionSchema, stored),
  };
}

/**
 * Reads what the popup paints first. Resolves null when the database cannot be read this way (its stores are not
 * Dexie's version-1 stores, or IndexedDB fails).
 */
export async function readPopupFirst(
  dbName: string = DEFAULT_DB_NAME,
  options: { factory?: IDBFactory; preferKey?: string } = {},
): Promise<PopupFirstRead | null> {
  const rows = await readPopupRows(dbName, options.factory);
  return rows ? firstReadOf(rows, options.preferKey) : null;
}
