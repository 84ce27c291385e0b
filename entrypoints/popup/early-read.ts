import { DEFAULT_DB_NAME, firstReadOf, readPopupFirst, type PopupFirstRead } from '../../client/popup-first-read';
import { EARLY_READ_GLOBAL } from '../../client/popup-rows';

export { EARLY_READ_GLOBAL };

/**
 * The popup's first read: the rows popup.html's classic script read while the page parsed, checked here, or, when
 * that script did not run, a read started now.
 */
export function takeEarlyRead(): Promise<PopupFirstRead | null> {
  const started: unknown = Reflect.get(globalThis, EARLY_READ_GLOBAL);
  Reflect.deleteProperty(globalThis, EARLY_READ_GLOBAL);
  if (started instanceof Promise)
    return started.then(
      (value: unknown) => firstReadOf(value),
      () => null,
    );
  return readPopupFirst(DEFAULT_DB_NAME);
}
