import { useEffect, useState } from 'react';
import type { Locale } from '../../shared/schema/common';
import { hasPageMessages, loadPageMessages } from './page-messages';

/**
 * The language a page can speak now: `wanted` once its messages are loaded, until then the language it spoke before
 * (null before it has spoken any, when the page should draw nothing rather than raw keys). A language that fails to
 * load leaves the page in the one it had, or in zh-CN.
 */
export function usePageLocale(wanted: Locale): Locale | null {
  const [spoken, setSpoken] = useState<Locale | null>(() => (hasPageMessages(wanted) ? wanted : null));
  const ready = hasPageMessages(wanted);
  useEffect(() => {
    if (ready) {
      setSpoken(wanted);
      return;
    }
    let current = true;
    const fallBack = (): void => {
      if (wanted === 'zh-CN') return;
      loadPageMessages('zh-CN').then(
        () => current && setSpoken((was) => was ?? 'zh-CN'),
        () => {},
      );
    };
    loadPageMessages(wanted).then(() => current && setSpoken(wanted), fallBack);
    return () => {
      current = false;
    };
  }, [wanted, ready]);
  return ready ? wanted : spoken;
}
