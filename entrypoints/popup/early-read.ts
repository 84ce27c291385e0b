import { DEFAULT_DB_NAME, parsePopupFirst, readPopupFirst, type PopupFirstRead } from '../../client/popup-first-read';

/** Where popup-early-read.js (the classic script popup.html runs first) leaves the read it started. */
export const EARLY_READ_GLOBAL = '__guatuPopupFirstRead';

/**
 * The popup's first read: the one popup.html's classic script started while the page parsed, checked again here
 * (another bundle made it), or, when that script did not run, one started now.
 */
export function takeEarlyRead(): Promise<PopupFirstRead | null> {
  const started: unknown = Reflect.get(globalThis, EARLY_READ_GLOBAL);
  Reflect.deleteProperty(globalThis, EARLY_READ_GLOBAL);
  if (started instanceof Promise) return started.then((value: unknown) => parsePopupFirst(value), () => null);
  return readPopupFirst(DEFAULT_DB_NAME);
}
