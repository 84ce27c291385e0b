import { wallAnchorParts, type AnchorStatus } from '../../../shared/history/anchor-note';
import type { Locale } from '../../../shared/schema/common';

/**
 * The wall's small print (#13 "anchored"): the latest signed history digest's fingerprint and time and the signing
 * key's fingerprint, so anyone in the room can compare them with the 通报 and the CLI. Nothing while it is asked.
 */
export function WallAnchor({ status, locale }: { status: AnchorStatus; locale: Locale }) {
  const parts = wallAnchorParts(locale, status);
  if (parts.length === 0) return null;
  const text = parts.join(' · ');
  return (
    <span className="wall-anchor" data-anchor={status.kind} title={text}>
      {text}
    </span>
  );
}
