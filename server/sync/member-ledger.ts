import type { SyncLimits } from './config';
import type { MemberShare } from './connection';
import { TokenBucket } from './token-bucket';

/** A member's place in the ledger while they have a connection open. */
export interface MemberSeat extends MemberShare {
  leave(now: number): void;
}

interface Account {
  connections: number;
  /** Bytes of chunked frames being reassembled across the member's connections. */
  assembling: number;
  bytes: TokenBucket;
  /** New Yjs client ids the member may still bring (see SyncLimits.maxNewClientIdsPerUpdate). */
  clientIds: TokenBucket;
  lastLeft: number;
}

type LedgerLimits = Pick<
  SyncLimits,
  | 'maxConnectionsPerMember'
  | 'memberBytesPerSecond'
  | 'memberByteBurst'
  | 'maxCreatedDocumentsPerDay'
  | 'memberAssemblyBytes'
  | 'maxNewClientIdsPerUpdate'
  | 'memberNewClientIdsPerMinute'
>;

/**
 * What one member costs the server across all their connections (SPEC §5: what one member can cost is bounded):
 * open connections, bytes per second (shared by their sockets), documents created per day, new Yjs client ids. Keyed by workspace and
 * member, so one person's two devices share one budget.
 */
export class MemberLedger {
  private readonly accounts = new Map<string, Account>();
  /** Documents created today per member; forgotten when the day changes. */
  private created = new Map<string, number>();
  private createdDay = '';

  constructor(
    private readonly limits: LedgerLimits,
    private readonly dayOf: (at: number) => string,
  ) {}

  /** A new connection of `member`; null when they already hold as many as they may. */
  join(member: string, now: number): MemberSeat | null {
    let account = this.accounts.get(member);
    if (!account) {
      account = {
        connections: 0,
        bytes: new TokenBucket(this.limits.memberBytesPerSecond, this.limits.memberByteBurst, now),
        clientIds: new TokenBucket(this.limits.memberNewClientIdsPerMinute / 60, this.limits.maxNewClientIdsPerUpdate, now),
        lastLeft: now,
        assembling: 0,
      };
      this.accounts.set(member, account);
    }
    if (account.connections >= this.limits.maxConnectionsPerMember) return null;
    account.connections++;
    const held = account;
    let left = false;
    return {
      spend: (bytes, at) => held.bytes.spend(bytes, at),
      reserveAssembly: (bytes) => {
        if (held.assembling + bytes > this.limits.memberAssemblyBytes) return false;
        held.assembling += bytes;
        return true;
      },
      releaseAssembly: (bytes) => {
        held.assembling = Math.max(0, held.assembling - bytes);
      },
      takeClientIds: (count, at) => held.clientIds.take(count, at),
      leave: (at) => {
        if (left) return;
        left = true;
        held.connections--;
        // the account outlives the connection (see prune): reconnecting does not refill the byte budget
        held.lastLeft = at;
      },
    };
  }

  /** Counts a document `member` brought into existence; false (and not counted) when over today's quota. */
  create(member: string, at: number): boolean {
    const day = this.dayOf(at);
    if (day !== this.createdDay) {
      this.created = new Map();
      this.createdDay = day;
    }
    const count = this.created.get(member) ?? 0;
    if (count >= this.limits.maxCreatedDocumentsPerDay) return false;
    this.created.set(member, count + 1);
    return true;
  }

  /** Forgets members with no connection whose budgets (bytes, client ids) have had time to refill completely. */
  prune(now: number): void {
    const refillMs = Math.max(
      (this.limits.memberByteBurst / this.limits.memberBytesPerSecond) * 1000,
      (this.limits.maxNewClientIdsPerUpdate / this.limits.memberNewClientIdsPerMinute) * 60_000,
    );
    for (const [member, account] of this.accounts) {
      if (account.connections === 0 && now - account.lastLeft > refillMs) this.accounts.delete(member);
    }
  }

  connectionsOf(member: string): number {
    return this.accounts.get(member)?.connections ?? 0;
  }
}

/** UTC calendar day; the app passes Asia/Shanghai days instead. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
