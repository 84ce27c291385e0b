/**
 * The popup's rows of Dexie's database read with plain IndexedDB, unchecked: the language, the remembered choice, the
 * joined workspaces and their checklists, in one transaction. No zod here: popup.html's classic script
 * (entrypoints/popup-early-read.ts) runs this while the page parses, and client/popup-first-read.ts checks the rows
 * once the module scripts have loaded. The names below are Dexie's (client/db.ts, version 1); the tests write with
 * Dexie and read with this.
 */

/** client/db's GUATU_DB_NAME (importing that module would bring Dexie). */
export const DEFAULT_DB_NAME = 'guatu';
export const DEXIE_STORES = { workspaces: 'workspaces', projections: 'projections', settings: 'settings' } as const;
/** Settings rows the popup reads (client/db.ts LOCALE_KEY; the popup's remembered workspace). */
export const LOCALE_SETTING = 'locale';
export const CHOSEN_WORKSPACE_SETTING = 'popup.workspace';
/** Where popup-early-read.js (the classic script popup.html runs first) leaves the read it started. */
export const EARLY_READ_GLOBAL = '__guatuPopupFirstRead';

/** The stored rows as they are, to be checked (client/popup-first-read.ts firstReadOf). */
export interface PopupRows {
  /** The settings rows' values. */
  locale: unknown;
  chosen: unknown;
  workspaces: unknown[];
  projections: unknown[];
}

/** What a database that does not exist yet holds. */
export const NO_ROWS: PopupRows = { locale: undefined, chosen: undefined, workspaces: [], projections: [] };

function settingValue(row: unknown): unknown {
  return typeof row === 'object' && row !== null && 'value' in row ? row.value : undefined;
}

/**
 * Reads the popup's rows. Resolves null when the database cannot be read this way (its stores are not Dexie's
 * version-1 stores, or IndexedDB fails). A database that does not exist yet is not created here (Dexie creates it with
 * its schema): that reads as nothing joined.
 */
export function readPopupRows(dbName: string, factory: IDBFactory = globalThis.indexedDB): Promise<PopupRows | null> {
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
    open.onerror = () => resolve(fresh ? NO_ROWS : null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      // Dexie may upgrade the schema later in this page or another one: never stand in its way.
      db.onversionchange = () => db.close();
      const finish = (value: PopupRows | null): void => {
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
      const settings = tx.objectStore(DEXIE_STORES.settings);
      const locale = settings.get(LOCALE_SETTING);
      const chosen = settings.get(CHOSEN_WORKSPACE_SETTING);
      const workspaces = tx.objectStore(DEXIE_STORES.workspaces).getAll();
      const projections = tx.objectStore(DEXIE_STORES.projections).getAll();
      tx.oncomplete = () =>
        finish({
          locale: settingValue(locale.result),
          chosen: settingValue(chosen.result),
          workspaces: workspaces.result as unknown[],
          projections: projections.result as unknown[],
        });
      tx.onerror = () => finish(null);
      tx.onabort = () => finish(null);
    };
  });
}

/**
 * Remembers the workspace chosen in the popup (the settings row firstReadOf follows) with one plain write: the popup
 * may be closed any moment after a switch. Resolves false when it could not be stored.
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
