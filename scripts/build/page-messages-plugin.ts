import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';

/** `import('virtual:page-messages/en')`: the popup and options pages' message tables (EXTENSION_PAGE_TABLES) in one language. */
export const PAGE_MESSAGES_PREFIX = 'virtual:page-messages/';
const RESOLVED_PREFIX = '\0page-messages-';
const LOCALES = ['zh-CN', 'en'] as const;
const TABLES_FILE = resolve(import.meta.dirname, '../../shared/i18n/extension-pages.ts');

type Table = Record<string, string>;

/** The page tables merged for one language, read from their sources (shared/i18n/*.ts) at build time. */
export async function pageMessagesOf(locale: (typeof LOCALES)[number], onImport?: (file: string) => void): Promise<Table> {
  const module: { EXTENSION_PAGE_TABLES: readonly Record<string, Table>[] } = await tsImport(pathToFileURL(TABLES_FILE).href, {
    parentURL: import.meta.url,
    ...(onImport ? { onImport: (url: string) => url.startsWith('file:') && onImport(fileURLToPath(url)) } : {}),
  });
  const merged: Table = {};
  for (const table of module.EXTENSION_PAGE_TABLES) Object.assign(merged, table[locale]);
  return merged;
}

/**
 * Serves `virtual:page-messages/<locale>`: one language's page messages as a plain object, so a page that loads the
 * language it shows never downloads the other one (shared/i18n keeps both languages of a table in one source file,
 * which no bundler splits). The tables are read again whenever one of their files changes (`wxt dev`).
 */
export function pageMessagesPlugin(): Plugin {
  return {
    name: 'guatu-page-messages',
    resolveId(id) {
      if (!id.startsWith(PAGE_MESSAGES_PREFIX)) return null;
      const locale = LOCALES.find((l) => id === `${PAGE_MESSAGES_PREFIX}${l}`);
      if (!locale) throw new Error(`${id}: no such language (${LOCALES.join(', ')})`);
      // the chunk is named after the module: _page-messages-<locale>-<hash>.js (scripts/bench/extension/popup-size.ts)
      return `${RESOLVED_PREFIX}${locale}`;
    },
    async load(id) {
      const locale = LOCALES.find((l) => id === `${RESOLVED_PREFIX}${l}`);
      if (!locale) return null;
      const table = await pageMessagesOf(locale, (file) => this.addWatchFile(file));
      return `export default ${JSON.stringify(table)};\n`;
    },
  };
}
