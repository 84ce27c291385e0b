import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Locale } from '../../shared/schema/common';
import type { AccountStore } from '../auth/account-store';
import { createAuth, type Auth } from '../auth/create-auth';
import { openSqliteAccountStore } from '../auth/sqlite-account-store';
import { SQLITE_FILE_NAME, type AppConfig } from '../config';
import type { DocumentStore } from '../storage/document-store';
import { openSqliteStore } from '../storage/sqlite-store';

/** What every CLI command works with: the server's own stores on the same DATA_DIR, and where to write. */
export interface CliContext {
  store: DocumentStore;
  accounts: AccountStore;
  auth: Auth;
  now: () => number;
  locale: Locale;
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Promise<string>;
  /** A file's bytes (spreadsheets: .xlsx, CSV in any encoding). */
  readBytes(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
}

export interface CliIo {
  now?: () => number;
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Promise<string>;
  /** Defaults to reading the file from disk. */
  readBytes?(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
}

/**
 * Opens the SQLite file the server uses. WAL lets the CLI run while the server is up: each write is one short
 * transaction, and a writer waits (busy timeout) for the other rather than failing.
 */
export function openCliContext(config: AppConfig, io: CliIo, locale: Locale): CliContext & { close(): Promise<void> } {
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, SQLITE_FILE_NAME);
  const now = io.now ?? Date.now;
  const store = openSqliteStore({ path, now });
  const accounts = openSqliteAccountStore(path);
  const auth = createAuth({ store: accounts, now, tokenLifetimeSeconds: config.tokenTtlSeconds });
  return {
    store,
    accounts,
    auth,
    now,
    locale,
    out: io.out,
    err: io.err,
    readFile: io.readFile,
    readBytes: io.readBytes ?? ((path) => readFile(path)),
    writeFile: io.writeFile,
    async close() {
      await store.close();
      await accounts.close();
    },
  };
}
