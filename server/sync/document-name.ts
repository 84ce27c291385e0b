import { MAX_DOCUMENT_NAME_LENGTH } from '../../shared/protocol/messages';
import type { Result } from '../../shared/result';

export type RoomRequest = Result<{ docName: string; token: string | null }, { reason: 'empty' | 'too-long' | 'not-text' }>;

/**
 * The room and token of an upgrade request `/<docName>?token=…`. Names are opaque, but must be non-empty,
 * bounded, valid percent-encoding and free of control characters (they end up in logs and storage keys).
 */
export function parseRoomRequest(url: string | undefined): RoomRequest {
  const raw = url ?? '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  const encoded = path.startsWith('/') ? path.slice(1) : path;
  if (encoded.length === 0) return { ok: false, reason: 'empty' };
  if (encoded.length > MAX_DOCUMENT_NAME_LENGTH * 3) return { ok: false, reason: 'too-long' };
  let docName: string;
  try {
    docName = decodeURIComponent(encoded);
  } catch {
    return { ok: false, reason: 'not-text' };
  }
  if (docName.length > MAX_DOCUMENT_NAME_LENGTH) return { ok: false, reason: 'too-long' };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls and DEL are what this refuses (a document name is printable text)
  if (/[\u0000-\u001f\u007f]/.test(docName)) return { ok: false, reason: 'not-text' };
  const token = query.get('token');
  return { ok: true, docName, token: token === null || token === '' ? null : token };
}
