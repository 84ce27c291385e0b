import { CloseCode } from '../../shared/protocol/close-codes';
import type { RejectReason } from '../metrics';
import type { AppliedChange } from './applied-change';
import type { Principal, Rights, RightsSource } from './config';
import type { Connection } from './connection';
import type { Refusal } from './refusal';
import type { Room } from './room';
import type { RoomRegistry } from './room-registry';

export interface GovernedRightsDeps {
  registry: RoomRegistry;
  /** Closes a connection whose read right was withdrawn. */
  refuse(conn: Connection, code: number, reason: RejectReason, detail?: string): void;
}

/**
 * Where connections get their rights: once from `authorize`, or live from a RightsPolicy. Live rights hold each
 * connection's governing document (the workspace document) loaded while the connection is open, and every change of
 * that document re-evaluates every connection it governs at once, before the next frame is handled.
 */
export class GovernedRights {
  /** Open connections by the document that decides their rights. */
  private readonly governed = new Map<string, Set<Connection>>();

  constructor(
    private readonly source: RightsSource,
    private readonly deps: GovernedRightsDeps,
  ) {}

  /** The rights of a connection being admitted; with a policy, its governing document is held from now on. */
  async admit(conn: Connection, principal: Principal, docName: string): Promise<Rights> {
    if (this.source.rights === undefined) return this.source.authorize(principal, docName);
    const policy = this.source.rights;
    const governingName = policy.governingDocument(principal);
    if (governingName === null) return policy.evaluate(principal, docName, null);
    const { registry } = this.deps;
    const held = await registry.hold(governingName);
    if (conn.isClosed) {
      held.release();
      return { read: false, write: false };
    }
    conn.governing = { name: governingName, release: held.release };
    let set = this.governed.get(governingName);
    if (!set) {
      set = new Set();
      this.governed.set(governingName, set);
    }
    set.add(conn);
    // a change being taken out of it (a refused write) must not be what rights are read from
    await held.room.ready();
    const current = registry.loaded(governingName) ?? held.room;
    return policy.evaluate(principal, docName, current.doc);
  }

  /** The connection closed: its governing document no longer re-evaluates it. */
  forget(conn: Connection): void {
    if (conn.governing !== null) this.governed.get(conn.governing.name)?.delete(conn);
  }

  /** The policy's write rules for a client's applied change (null: it may stand). */
  vet(conn: Connection, principal: Principal, room: Room, change: AppliedChange): Refusal | null {
    const policy = this.source.rights;
    if (!policy?.vet) return null;
    const governing = conn.governing === null ? null : (this.deps.registry.loaded(conn.governing.name)?.doc ?? null);
    const why = policy.vet(principal, room.name, change, governing, room.doc);
    return why === null ? null : { code: CloseCode.changeRefused, reason: 'write-rule', detail: why };
  }

  /** `room` changed (`roots`: its changed top-level names): every connection it governs gets its rights again. */
  reevaluate(room: Room, roots: ReadonlySet<string>): void {
    const policy = this.source.rights;
    // asked even when nobody is governed by it: the policy drops what it cached about the document
    if (!policy?.rightsMayChange(room.name, room.doc, roots)) return;
    const affected = this.governed.get(room.name);
    if (!affected || affected.size === 0) return;
    for (const conn of [...affected]) {
      if (conn.isClosed || conn.principal === null) continue;
      const rights = policy.evaluate(conn.principal, conn.docName, room.doc);
      if (!rights.read) {
        this.deps.refuse(conn, CloseCode.revoked, 'revoked', 'read withdrawn');
        continue;
      }
      if (conn.rights.write && !rights.write) conn.logger.info({ member: conn.memberId }, 'write withdrawn: connection is read-only now');
      conn.rights = { read: rights.read, write: rights.write };
    }
  }
}
