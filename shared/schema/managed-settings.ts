import * as z from 'zod/mini';
import { LocaleSchema, type Locale } from './common';

/**
 * What an office's IT may set by browser policy for the extension (managed storage; its JSON schema is
 * public/managed-schema.json): the server address every cadre's browser uses, and the language the pages start in.
 * Each field is read on its own, so one mistyped value does not drop the other.
 */
export interface ManagedSettings {
  serverUrl: string | null;
  locale: Locale | null;
}

const ServerUrlSchema = z.url({ protocol: /^https?$/ });

export function parseManagedSettings(raw: unknown): ManagedSettings {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const url = ServerUrlSchema.safeParse(typeof record.serverUrl === 'string' ? record.serverUrl.trim() : undefined);
  const locale = LocaleSchema.safeParse(record.locale);
  return { serverUrl: url.success ? url.data.replace(/\/+$/, '') : null, locale: locale.success ? locale.data : null };
}
