/**
 * An invite as both account stores keep it (one row of `auth_invites`), read back into an InviteRecord. SQLite hands
 * integers over as numbers, PostgreSQL's BIGINT columns as strings: both read through `StoredInt`.
 */
import { z } from 'zod';
import { IdSchema, NameSchema } from '../../shared/schema/common';
import { RankSchema, RoleSchema } from '../../shared/schema/member';
import type { InviteRecord, NewMemberProfile } from './account-store';

/** A whole number as a driver returns it (a number, or a BIGINT's decimal string), within the safe range. */
export const StoredInt = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: 'custom', message: 'not a whole number' });
    return z.NEVER;
  }
  return n;
});

const ProfileSchema = z.object({ name: NameSchema, rank: RankSchema, unitId: z.nullable(IdSchema) });

const InviteRowSchema = z.object({
  code_hash: z.string(),
  id: z.string(),
  workspace_id: z.string(),
  member_id: z.string(),
  role: RoleSchema,
  profile: z.string().nullable(),
  created_by: z.string(),
  created_at: StoredInt,
  expires_at: StoredInt,
  used_at: StoredInt.nullable(),
  used_by: z.string().nullable(),
  revoked_at: StoredInt.nullable(),
});

/** The stored profile of a new person (JSON), or null when absent or unreadable. */
function parseProfile(text: string | null): NewMemberProfile | null {
  if (text === null) return null;
  try {
    const parsed = ProfileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A row of `auth_invites` as an InviteRecord, or null when the row does not read. */
export function toInvite(row: unknown): InviteRecord | null {
  const parsed = InviteRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    codeHash: r.code_hash,
    id: r.id,
    workspaceId: r.workspace_id,
    memberId: r.member_id,
    role: r.role,
    profile: parseProfile(r.profile),
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    usedBy: r.used_by,
    revokedAt: r.revoked_at,
  };
}
