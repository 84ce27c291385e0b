import { randomBytes } from 'node:crypto';
import { NameSchema } from '../../shared/schema/common';
import type { AccountStore, NewMemberProfile } from './account-store';
import { newId } from './ids';
import type { CreatedInvite, InviteService } from './invites';
import type { Clock } from './principal';
import { err, ok, type Result } from '../../shared/result';

export interface CreatedWorkspace {
  workspace: { id: string; name: string };
  /** The first admin: not yet holding a token; the invite below is how they get one. */
  admin: { memberId: string; role: 'admin'; profile: NewMemberProfile };
  invite: CreatedInvite;
}

/** The first admin until someone renames them in the workspace document (项目办 = project office). */
export const DEFAULT_ADMIN_PROFILE: NewMemberProfile = { name: '项目办管理员', rank: 'staff', unitId: null };

/**
 * A new workspace with its own 256-bit signing secret, and a one-time invite for its first admin
 * (the first start prints the code). Adding the admin to the workspace document is the wiring's job, on join.
 */
export async function createWorkspace(
  deps: { store: AccountStore; invites: InviteService; now: Clock },
  name: string,
  adminProfile: NewMemberProfile = DEFAULT_ADMIN_PROFILE,
): Promise<Result<{ created: CreatedWorkspace }, { error: 'bad_name' }>> {
  const parsed = NameSchema.safeParse(name);
  if (!parsed.success) return err({ error: 'bad_name' });
  const id = newId();
  await deps.store.createWorkspace({ id, name: parsed.data, secret: new Uint8Array(randomBytes(32)), createdAt: deps.now() });
  const memberId = newId();
  const invite = await deps.invites.issueInvite(id, { role: 'admin', memberId, member: adminProfile }, 'server');
  if (!invite) throw new Error(`workspace ${id} vanished right after it was created`);
  return ok({ created: { workspace: { id, name: parsed.data }, admin: { memberId, role: 'admin', profile: adminProfile }, invite } });
}
