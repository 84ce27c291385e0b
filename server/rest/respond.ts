/**
 * What every REST route shares: the Hono environment (the node request behind it), the caller's language, the bearer
 * token, and the one error shape `{ error: { code, message } }` the options page shows and switches on.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { t, type MessageKey } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';

/** Under the node server the raw request is `c.env.incoming`; `app.request()` in a test has none. */
export interface RestEnv {
  Bindings: Partial<HttpBindings>;
}

/** zh-CN unless the client asks for English first (the extension sends its chosen language). */
export function requestLocale(c: Context): Locale {
  const first = c.req.header('accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** A JSON answer no cache keeps (tokens and reports are per caller). */
export function sendJson(c: Context, status: ContentfulStatusCode, body: unknown, headers: Record<string, string> = {}): Response {
  return c.json(body, status, { 'cache-control': 'no-store', ...headers });
}

/** Every REST error has this shape, in the caller's language. */
export function sendError(c: Context, status: ContentfulStatusCode, code: string, key: MessageKey, headers: Record<string, string> = {}): Response {
  return sendJson(c, status, { error: { code, message: t(requestLocale(c), key) } }, headers);
}
