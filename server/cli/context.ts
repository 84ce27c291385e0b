import { readFile } from 'node:fs/promises';
import type { Locale } from '../../shared/schema/common';
import type { AccountStore } from '../auth/account-store';
import { createAuth, type Auth } from '../auth/create-auth';
import type { AppConfig } from '../config';
import type { DocumentStore } from '../storage/document-store';
import { openStores } from '../stores';

/** What a command that opens no store works with (backup, restore, extension): the language and where to write. */
export interface BareCliContext {
  now: () => number;
  locale: Locale;
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Promise<string>;
  /** A file's bytes (spreadsheets: .xlsx, CSV in any encoding). */
  readBytes(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
}

/** What every other CLI command works with: the server's own stores on the same DATA_DIR, and where to write. */
export interface CliContext extends BareCliContext {
  store: DocumentStore;
  accounts: AccountStore;
  auth: Auth;
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

export function bareCliContext(io: CliIo, locale: Locale): BareCliContext {
  return {
    now: io.now ?? Date.now,
    locale,
    out: io.out,
    err: io.err,
    readFile: io.readFile,
    readBytes: io.readBytes ?? ((path) => readFile(path)),
    writeFile: io.writeFile,
  };
}

/**
 * Opens the stores the server uses: the SQLite file (WAL lets the CLI run while the server is up: each write is one
 * short transaction, and a writer waits for the other rather than failing), or PostgreSQL when DATABASE_URL is set
 * (the running instances see what the CLI writes: revocations within seconds, documents at their next head check).
 */
export async function openCliContext(config: AppConfig, io: CliIo, locale: Locale): Promise<CliContext & { close(): Promise<void> }> {
  const now = io.now ?? Date.now;
  const stores = await openStores(config, { now });
  const { store, accounts } = stores;
  const auth = createAuth({ store: accounts, now, tokenLifetimeSeconds: config.tokenTtlSeconds });
  return { ...bareCliContext({ ...io, now }, locale), store, accounts, auth, close: () => stores.close() };
}
