import { createHash, randomBytes } from 'node:crypto';

/** 32 symbols without 0/O/1/I, so a code read aloud or copied by hand survives. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;

/** A fresh code: 8 symbols × 5 bits = 40 random bits (32 symbols, so masking with 31 has no bias). */
export function generateInviteCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(INVITE_CODE_LENGTH);
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[(bytes[i] ?? 0) & 31];
  return code;
}

/** What a person typed, as the code: case, spaces and dashes do not matter ("abcd-efgh" = "ABCDEFGH"). */
export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** True when the normalised text could be a code at all (length and alphabet). */
export function isWellFormedInviteCode(normalized: string): boolean {
  return normalized.length === INVITE_CODE_LENGTH && [...normalized].every((c) => INVITE_ALPHABET.includes(c));
}

/** Stored in place of the code, so a copy of the database does not hand out invites. */
export function hashInviteCode(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
