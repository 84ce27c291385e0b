/**
 * The latest signed digest of the stored history (issue #13 "anchored") as the server reports it to a workspace's
 * members (`GET /api/workspaces/:id/history-anchor`): the digest's short fingerprint and when it was signed, and the
 * server's signing key. The wall display shows them; the 月报 and 通报 exports print them.
 */
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** A short fingerprint as people read it: 16 hex digits, upper case, in four groups ("3F2A-91C0-7D44-E1B8"). */
export const FINGERPRINT_RE = /^[0-9A-F]{4}(?:-[0-9A-F]{4}){3}$/;
export const FingerprintSchema = z.string().regex(FINGERPRINT_RE);

/**
 * The one rule for every fingerprint Guatu prints (a digest's, the signing key's): the first 16 hex digits of a SHA-256
 * (computed by the server: of the signed bytes and the signature, or of the key's SPKI DER), upper case, grouped by
 * four. The CLI, the route, the wall and the exports all show this string, never their own form of it.
 */
export function shortFingerprint(sha256Hex: string): string {
  const hex = sha256Hex.slice(0, 16).toUpperCase();
  if (!/^[0-9A-F]{16}$/.test(hex)) throw new Error('not a SHA-256 in hex');
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

export const AnchorDigestSchema = z.object({
  fingerprint: FingerprintSchema,
  /** When it was signed (epoch ms). */
  at: TimestampSchema,
  /** The same instant in Asia/Shanghai, e.g. "2026-12-05T00:01:00+08:00". */
  signedAt: z.string().max(40),
  /** The fingerprint of the key that signed it. */
  keyFingerprint: FingerprintSchema,
});
export type AnchorDigest = z.infer<typeof AnchorDigestSchema>;

export const AnchorKeySchema = z.object({
  fingerprint: FingerprintSchema,
  /** SPKI PEM; public, meant to be published. */
  publicKey: z.string().min(1).max(1_000),
});
export type AnchorKey = z.infer<typeof AnchorKeySchema>;

export const HistoryAnchorSchema = z.object({
  workspaceId: IdSchema,
  /** null: the server has not signed a digest yet. */
  latest: AnchorDigestSchema.nullable(),
  /** The server's signing key; null: none made yet. */
  key: AnchorKeySchema.nullable(),
});
export type HistoryAnchor = z.infer<typeof HistoryAnchorSchema>;
