import { DEFAULT_DB_NAME, EARLY_READ_GLOBAL, readPopupRows } from '../client/popup-rows';

/**
 * A classic script popup.html runs while it parses, before its module scripts are even fetched: it starts the
 * popup's first IndexedDB read, so the read overlaps loading and evaluating React instead of following it.
 * entrypoints/popup/early-read.ts takes the rows and checks them (zod/mini stays out of this script).
 */
export default defineUnlistedScript(() => {
  Reflect.set(globalThis, EARLY_READ_GLOBAL, readPopupRows(DEFAULT_DB_NAME));
});
