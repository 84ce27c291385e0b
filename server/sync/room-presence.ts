import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AwarenessEntry } from '../../shared/protocol/decode-message';
import { encodeAwarenessEntries, encodeAwarenessMessage } from '../../shared/protocol/encode-message';
import type { SyncMetrics } from '../metrics';
import type { SyncLimits } from './config';
import type { Connection } from './connection';
import { PresenceAliases } from './presence-alias';

/** Awareness states one connection may introduce; a real client has one per tab. */
const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;
/** Forget the clock of a departed awareness client after this long (y-protocols keeps them forever). */
const AWARENESS_META_TTL_MS = 60_000;

export interface PresenceDeps {
  metrics: SyncMetrics;
  limits: Pick<SyncLimits, 'maxPresenceStateBytes'>;
  now(): number;
  /** The room's connections: who hears a change, and who may have sent it. */
  connections: ReadonlySet<Connection>;
  send(conn: Connection, frame: Uint8Array): void;
  /**
   * Whether `conn` may show presence under Yjs client id `clientId` (a y-websocket client's awareness id is its
   * document's client id): false when the id belongs to another member; a free one is claimed for the connection's
   * member (see ClientBindings.claim).
   */
  claim(conn: Connection, clientId: number): boolean;
}

/**
 * A room's presence (who is looking at the document): y-protocols awareness with limits. A connection may change only
 * the awareness clients it introduced, at most a few, with small states, a few times a second; its clients leave
 * with it. Peers see each client under an alias, never its Yjs client id (presence-alias.ts), and a client id that
 * belongs to another member is not shown at all (issue #13: a client id seen is a client id that could be squatted).
 */
export class RoomPresence {
  /** Made when the first client sends some: most rooms never need it. */
  private presence: awarenessProtocol.Awareness | null = null;
  /** alias of an awareness client → the connection that introduced it (the awareness holds aliases only) */
  private readonly owners = new Map<number, Connection>();
  private readonly aliases = new PresenceAliases();
  private destroyed = false;

  constructor(private readonly deps: PresenceDeps) {}

  /** Sends a joining connection everyone's presence, if anyone has some. */
  joined(conn: Connection): void {
    if (this.presence !== null && this.presence.getStates().size > 0) this.deps.send(conn, this.all(this.presence));
  }

  /** The connection has left the room: the awareness clients it introduced leave too. */
  left(conn: Connection): void {
    if (this.owners.size === 0) return;
    const owned = [...this.owners].filter(([, owner]) => owner === conn).map(([client]) => client);
    if (owned.length > 0 && this.presence !== null && !this.destroyed) awarenessProtocol.removeAwarenessStates(this.presence, owned, null);
  }

  /** Answers a query-awareness message: every state (possibly none). */
  query(conn: Connection): void {
    this.deps.send(conn, this.presence === null ? encodeAwarenessMessage(encodeAwarenessEntries([])) : this.all(this.presence));
  }

  apply(conn: Connection, entries: AwarenessEntry[]): void {
    const { metrics, limits } = this.deps;
    if (!conn.admitPresence(this.deps.now())) {
      metrics.rejected.inc({ reason: 'presence-rate' });
      return;
    }
    const maxState = limits.maxPresenceStateBytes;
    if (entries.some((entry) => entry.stateJson.length > maxState)) {
      // presence is "who is looking": a few fields; anything bigger is someone filling every listener's memory
      metrics.rejected.inc({ reason: 'presence-too-big' });
      entries = entries.filter((entry) => entry.stateJson.length <= maxState);
    }
    let introduced = 0;
    for (const owner of this.owners.values()) if (owner === conn) introduced++;
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      // y-websocket sends every awareness change it hears back to the server: an alias shown here is such an echo
      if (this.presence?.meta.has(entry.clientId)) continue;
      const alias = this.aliases.aliasOf(entry.clientId);
      const owner = this.owners.get(alias);
      // another connection's client (an echo, or a spoof) is not this connection's to change
      if (owner !== undefined) {
        if (owner === conn) kept.push({ ...entry, clientId: alias });
        continue;
      }
      if (entry.state === null || introduced >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) continue;
      if (!this.deps.claim(conn, entry.clientId)) {
        metrics.rejected.inc({ reason: 'presence-client-id-foreign' });
        continue;
      }
      introduced++;
      kept.push({ ...entry, clientId: alias });
    }
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness(), encodeAwarenessEntries(kept), conn);
  }

  /** y-protocols never forgets a departed client's clock; forget old ones so random client ids cannot pile up. */
  prune(now: number): void {
    const presence = this.presence;
    if (presence === null) return;
    for (const [client, meta] of presence.meta) {
      if (!presence.states.has(client) && now - meta.lastUpdated > AWARENESS_META_TTL_MS) presence.meta.delete(client);
    }
  }

  destroy(): void {
    this.destroyed = true;
    if (this.presence === null) return;
    this.presence.off('update', this.onUpdate);
    this.presence.doc.destroy();
    this.presence.destroy();
  }

  private awareness(): awarenessProtocol.Awareness {
    if (this.presence !== null) return this.presence;
    // awareness gets a doc of its own: the document itself is replaced when an update fails half-way
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState(null);
    presence.on('update', this.onUpdate);
    this.presence = presence;
    return presence;
  }

  private all(presence: awarenessProtocol.Awareness): Uint8Array {
    return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(presence, [...presence.getStates().keys()]));
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const sender = this.connectionOf(origin);
    if (sender) for (const client of added) this.owners.set(client, sender);
    for (const client of removed) this.owners.delete(client);
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness(), changed));
    for (const conn of this.deps.connections) if (conn !== sender) this.deps.send(conn, frame);
  };

  private connectionOf(origin: unknown): Connection | null {
    for (const conn of this.deps.connections) if (conn === origin) return conn;
    return null;
  }
}
