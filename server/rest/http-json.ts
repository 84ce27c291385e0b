import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale } from '../../shared/schema/common';

/** Small bodies only: an invite request is well under 1 KiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'bad_json' };

/**
 * The request body as JSON, refusing more than `limit` bytes (by Content-Length, or while reading when it lies)
 * and anything that does not parse. Never throws.
 */
export function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // drain, so the socket can carry the answer
      resolve({ ok: false, reason: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settle({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        settle({ ok: true, value: JSON.parse(text) });
      } catch {
        settle({ ok: false, reason: 'bad_json' });
      }
    });
    req.on('error', () => settle({ ok: false, reason: 'bad_json' }));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Every REST error has this shape, so the options page can show `message` and switch on `code`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** zh-CN unless the client asks for English first (the extension sends its chosen language). */
export function requestLocale(req: IncomingMessage): Locale {
  const accept = req.headers['accept-language'];
  const first = (Array.isArray(accept) ? accept[0] : accept)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}
