/**
 * What a page or an export knows of the latest signed history digest (issue #13 "anchored"), and the words it prints
 * for it: the fingerprint and signing time when the server gave them, and plainly "未取得存证摘要" otherwise — never a
 * value of its own making.
 */
import { formatShanghaiTime } from '../format';
import { t } from '../i18n';
import type { Locale } from '../schema/common';
import type { HistoryAnchor } from '../schema/history-anchor';

export type AnchorStatus =
  /** Asked, not answered yet. */
  | { kind: 'pending' }
  /** Offline, refused, or an answer that did not validate. */
  | { kind: 'unavailable' }
  /** The server's answer (its `latest` null when nothing was signed yet). */
  | { kind: 'known'; anchor: HistoryAnchor };

export const ANCHOR_PENDING: AnchorStatus = { kind: 'pending' };
export const ANCHOR_UNAVAILABLE: AnchorStatus = { kind: 'unavailable' };

/** The note line the 月报 and 通报 exports carry (a row under the table, a line under the signature). */
export function anchorNote(locale: Locale, status: AnchorStatus): string {
  if (status.kind === 'pending') return t(locale, 'anchor.note.pending');
  if (status.kind === 'unavailable') return t(locale, 'anchor.note.unavailable');
  const { latest } = status.anchor;
  if (latest === null) return t(locale, 'anchor.note.none');
  return t(locale, 'anchor.note.signed', { fingerprint: latest.fingerprint, signedAt: formatShanghaiTime(latest.at), key: latest.keyFingerprint });
}

/** The wall display's footer: the digest's fingerprint and time, then the server's key; empty while asking. */
export function wallAnchorParts(locale: Locale, status: AnchorStatus): string[] {
  if (status.kind === 'pending') return [];
  if (status.kind === 'unavailable') return [t(locale, 'anchor.wall.unavailable')];
  const { latest, key } = status.anchor;
  const digest =
    latest === null
      ? t(locale, 'anchor.wall.none')
      : t(locale, 'anchor.wall.signed', { fingerprint: latest.fingerprint, signedAt: formatShanghaiTime(latest.at) });
  return key === null ? [digest] : [digest, t(locale, 'anchor.wall.key', { key: key.fingerprint })];
}
