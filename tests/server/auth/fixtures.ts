import { createAuth, type Auth, type AuthConfig } from '../../../server/auth/create-auth';
import type { AccountStore } from '../../../server/auth/account-store';
import type { Revoked } from '../../../server/auth/revocation';
import type { Joined } from '../../../server/auth/invites';
import { openSqliteAccountStore } from '../../../server/auth/sqlite-account-store';

/** 2026-03-01 08:00 Asia/Shanghai: a Monday of the campaign year. */
export const START = Date.UTC(2026, 2, 1, 0, 0, 0);
export const SECOND = 1000;
export const DAY = 24 * 60 * 60 * SECOND;

export interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

export function manualClock(start = START): Clock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface World {
  clock: Clock;
  store: AccountStore;
  auth: Auth;
  workspaceId: string;
  adminCode: string;
  adminId: string;
  joined: Joined[];
  revoked: Revoked[];
}

/** A fresh in-memory store with one workspace, a hand-moved clock, and the hooks recorded. */
export async function world(config: Partial<AuthConfig> = {}): Promise<World> {
  const clock = manualClock();
  const store = openSqliteAccountStore(':memory:');
  const joined: Joined[] = [];
  const revoked: Revoked[] = [];
  const auth = createAuth({
    store,
    now: clock.now,
    onJoined: (j) => void joined.push(j),
    onRevoked: (r) => void revoked.push(r),
    ...config,
  });
  const created = await auth.createWorkspace('临江市项目建设年');
  if (!created.ok) throw new Error('fixture workspace refused');
  const { workspace, invite, admin } = created.created;
  return { clock, store, auth, workspaceId: workspace.id, adminCode: invite.code, adminId: admin.memberId, joined, revoked };
}

/** Join with a code and return the token, failing the test loudly if the join is refused. */
export async function joinOrThrow(auth: Auth, code: string): Promise<string> {
  const result = await auth.invites.join(code);
  if (!result.ok) throw new Error(`join refused: ${result.error}`);
  return result.joined.token;
}
