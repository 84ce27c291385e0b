import * as z from 'zod/mini';
import type { Locale } from '../shared/schema/common';
import { ChecklistProjectionSchema, JoinedWorkspaceSchema, LocaleRow, type ChecklistProjection, type JoinedWorkspace } from './stored-rows';

/**
 * The popup reads Dexie's database with plain IndexedDB: one transaction for the language, the joined workspaces, the
 * remembered choice and that workspace's checklist, each row checked with client/stored-rows' zod/mini schemas (the
 * ones client/db.ts checks them with). Dexie itself (its module and its open, which checks the schema) is not loaded. The names below are Dexie's (client/db.ts, version 1); the tests write
 * with Dexie and read with this.
 */
/** client/db's GUATU_DB_NAME (importing that module would bring Dexie). */
export const DEFAULT_DB_NAME = 'guatu';
export const DEXIE_STORES = { workspaces: 'workspaces', projections: 'projections', settings: 'settings' } as const;
/** Settings rows the popup reads (client/db.ts LOCALE_KEY; entrypoints/popup/popup-settings.ts). */
export const LOCALE_SETTING = 'locale';
export const CHOSEN_WORKSPACE_SETTING = 'popup.workspace';

export interface PopupFirstRead {
  locale: Locale;
  /** Joined workspaces that validate, oldest first (as client/db readWorkspaces). */
  workspaces: JoinedWorkspace[];
  /** The one to show: the remembered choice while it is still joined, else the oldest; null with none. */
  current: JoinedWorkspace | null;
  /** Its stored checklist, when there is one and it validates. */
  projection: ChecklistProjection | null;
}

const NOTHING: PopupFirstRead = { locale: 'zh-CN', workspaces: [], current: null, projection: null };

function byJoinTime(a: JoinedWorkspace, b: JoinedWorkspace): number {
  return a.joinedAt - b.joinedAt || (a.key < b.key ? -1 : 1);
}

function settingValue(row: unknown): unknown {
  return typeof row === 'object' && row !== null && 'value' in row ? row.value : undefined;
}

/** A first read as another bundle hands it over (popup.html's classic script): the same rows, checked again. */
const PopupFirstReadSchema = z.object({
  locale: LocaleRow,
  workspaces: z.array(JoinedWorkspaceSchema),
  current: z.nullable(JoinedWorkspaceSchema),
  projection: z.nullable(ChecklistProjectionSchema),
});

/** A first read handed over from another bundle (popup.html's classic script), checked again; null if it is not one. */
export function parsePopupFirst(value: unknown): PopupFirstRead | null {
  const parsed = PopupFirstReadSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function parsed<T>(schema: z.ZodMiniType<T>, row: unknown): T | null {
  const result = schema.safeParse(row);
  return result.success ? result.data : null;
}

/** The workspace to show: `preferred` (a switch), else the remembered one, else the oldest. */
export function chooseWorkspace(workspaces: readonly JoinedWorkspace[], ...keys: unknown[]): JoinedWorkspace | null {
  for (const key of keys) {
    const found = typeof key === 'string' ? workspaces.find((w) => w.key === key) : undefined;
    if (found) return found;
  }
  return workspaces[0] ?? null;
}

/**
 * Reads what the popup paints first. Resolves null when the database cannot be read this way (its stores are not
 * Dexie's version-1 stores, or IndexedDB fails): the page then waits for Dexie. A database that does not exist yet is
 * not created here (Dexie creates it with its schema): that reads as nothing joined.
 */
export function readPopupFirst(dbName: string, options: { factory?: IDBFactory; preferKey?: string } = {}): Promise<PopupFirstRead | null> {
  const factory = options.factory ?? globalThis.indexedDB;
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(dbName);
    } catch {
      resolve(null);
      return;
    }
    let fresh = false;
    open.onupgradeneeded = () => {
      // No such database: leave its creation to Dexie.
      fresh = true;
      open.transaction?.abort();
    };
    open.onerror = () => resolve(fresh ? NOTHING : null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      // Dexie may upgrade the schema later in this page or another one: never stand in its way.
      db.onversionchange = () => db.close();
      const finish = (value: PopupFirstRead | null): void => {
        db.close();
        resolve(value);
      };
      const names = Object.values(DEXIE_STORES);
      if (!names.every((n) => db.objectStoreNames.contains(n))) {
        finish(null);
        return;
      }
      let tx: IDBTransaction;
      try {
        tx = db.transaction(names, 'readonly');
      } catch {
        finish(null);
        return;
      }
      let result: PopupFirstRead | null = null;
      tx.oncomplete = () => finish(result);
      tx.onerror = () => finish(null);
      tx.onabort = () => finish(null);
      const settings = tx.objectStore(DEXIE_STORES.settings);
      const locale = settings.get(LOCALE_SETTING);
      const chosen = settings.get(CHOSEN_WORKSPACE_SETTING);
      const rows = tx.objectStore(DEXIE_STORES.workspaces).getAll();
      // The three answer in order: by the last one, the choice is known and its checklist is read in the same transaction.
      rows.onsuccess = () => {
        const workspaces: JoinedWorkspace[] = [];
        for (const row of rows.result as unknown[]) {
          const ws = parsed(JoinedWorkspaceSchema, row);
          if (ws) workspaces.push(ws);
        }
        workspaces.sort(byJoinTime);
        const language = settingValue(locale.result);
        const current = chooseWorkspace(workspaces, options.preferKey, settingValue(chosen.result));
        result = { locale: parsed(LocaleRow, language) ?? 'zh-CN', workspaces, current, projection: null };
        if (!current) return;
        const stored = tx.objectStore(DEXIE_STORES.projections).get(current.key);
        stored.onsuccess = () => {
          if (result) result.projection = parsed(ChecklistProjectionSchema, stored.result);
        };
      };
    };
  });
}

/**
 * Remembers the workspace chosen in the popup (the settings row popup-settings.ts writes with Dexie), for a switch
 * made before Dexie has loaded: the popup may be closed before it does. Resolves false when it could not be stored.
 */
export function rememberWorkspace(dbName: string, key: string, factory: IDBFactory = globalThis.indexedDB): Promise<boolean> {
  return new Promise((resolve) => {
    const open = factory.open(dbName);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(false);
    open.onblocked = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      try {
        const tx = db.transaction(DEXIE_STORES.settings, 'readwrite');
        tx.objectStore(DEXIE_STORES.settings).put({ key: CHOSEN_WORKSPACE_SETTING, value: key });
        tx.oncomplete = () => {
          db.close();
          resolve(true);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          resolve(false);
        };
      } catch {
        db.close();
        resolve(false);
      }
    };
  });
}
