import type { ReactNode } from 'react';
import { LocaleProvider } from '../../components/common/i18n-context';
import { pageMessages } from '../../shared/i18n/extension-pages';

/** A page speaking zh-CN from the extension pages' tables, as the options page and the admin console provide it. */
function ZhPage({ children }: { children: ReactNode }) {
  return (
    <LocaleProvider locale="zh-CN" messages={pageMessages}>
      {children}
    </LocaleProvider>
  );
}

/** `render(ui, onZhPage)`: a component drawn inside such a page. */
export const onZhPage = { wrapper: ZhPage };
