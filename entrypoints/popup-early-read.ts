import { DEFAULT_DB_NAME, readPopupFirst } from '../client/popup-first-read';
import { EARLY_READ_GLOBAL } from './popup/early-read';

/**
 * A classic script popup.html runs while it parses, before its module scripts are even fetched: it starts the
 * popup's first IndexedDB read, so the read overlaps loading and evaluating React instead of following it.
 * entrypoints/popup/early-read.ts takes the answer (and checks it again: it crosses from one bundle to another).
 */
export default defineUnlistedScript(() => {
  Reflect.set(globalThis, EARLY_READ_GLOBAL, readPopupFirst(DEFAULT_DB_NAME));
});
