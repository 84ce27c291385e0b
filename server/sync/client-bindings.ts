import * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store';

/** Stored records read per page while the bindings of a document are derived from its history. */
const HISTORY_PAGE = 2_000;
/** Presence claims one room keeps (the oldest is forgotten first): a connection shows at most 8 presence clients. */
const MAX_CLAIMS = 4_096;

interface Binding {
  /** The member (or "server") whose update first carried this client id's items. */
  member: string;
  /** Whether that update is stored: only then does the binding survive a crash. */
  durable: boolean;
}

/** The client ids whose clock a transaction advanced: the authors of the items it added. */
export function introducedClients(transaction: Y.Transaction): number[] {
  const clients: number[] = [];
  for (const [client, clock] of transaction.afterState) if (clock > (transaction.beforeState.get(client) ?? 0)) clients.push(client);
  return clients;
}

/**
 * Which member each Yjs client id of one document belongs to (issue #13, "bound to its author"). A client id is bound
 * to the author of the first stored update that carried items of it; later items of that client id may only come from
 * the same member. So a member cannot add items under a client id someone else wrote with, whether forged or resent
 * (the crash window: an edit sent to the peers and not yet stored when the server died, which a peer resends).
 *
 * Bindings are derived from the stored, attributed history on load, so a restart keeps them; one made by an update
 * not yet stored is not durable, and the room holds back every update carrying such a client id (and the whole
 * document for a joining client) until it is stored: no other client holds an item whose client id the store could
 * not name the author of.
 *
 * A client id a member's connection shows in its presence before writing anything is claimed for that member while the
 * room is loaded (in memory only, at most MAX_CLAIMS): another member's items under it are refused like those under a
 * bound one. docs/client-id-bindings.md walks through the orders of events this covers.
 */
/** The owners the store recorded with the document's latest snapshot, and the seq to read on from. */
async function fromSnapshot(
  store: Pick<DocumentStore, 'snapshotOwners'>,
  docName: string,
): Promise<{ owners: ReadonlyMap<number, string>; nextSeq: number } | null> {
  const recorded = await store.snapshotOwners(docName);
  return recorded ? { owners: recorded.owners, nextSeq: recorded.uptoSeq + 1 } : null;
}

export class ClientBindings {
  private readonly owners = new Map<number, Binding>();
  private notDurable = 0;
  /** Client ids shown in a member's presence and not written with yet: client id → member, least recent first. */
  private readonly claims = new Map<number, string>();

  /**
   * Derives the bindings from the document's stored history, page by page. With `known` (what an earlier load of this
   * document in this process had derived), only the records stored since are read: bindings only ever grow, the first
   * stored author of a client id keeps it.
   */
  static async derive(store: Pick<DocumentStore, 'history' | 'snapshotOwners'>, docName: string, known?: BindingsCache): Promise<ClientBindings> {
    const bindings = new ClientBindings();
    const cached = known?.get(docName);
    // what this process derived before, else what the store recorded with its latest snapshot: only later updates are read
    const start = cached ? { owners: cached.owners, nextSeq: cached.nextSeq } : await fromSnapshot(store, docName);
    if (start) for (const [client, member] of start.owners) bindings.owners.set(client, { member, durable: true });
    let from = start?.nextSeq ?? 1;
    for (;;) {
      const page = await store.history(docName, from, HISTORY_PAGE);
      for (const record of page) {
        let clients: Iterable<number>;
        try {
          clients = Y.parseUpdateMeta(record.update).from.keys();
        } catch {
          continue; // a record that does not decode adds no items either
        }
        for (const client of clients) if (!bindings.owners.has(client)) bindings.owners.set(client, { member: record.author, durable: true });
      }
      if (page.length > 0) from = (page[page.length - 1]?.seq ?? from) + 1;
      if (page.length < HISTORY_PAGE) {
        known?.set(docName, { owners: new Map([...bindings.owners].map(([client, b]) => [client, b.member])), nextSeq: from });
        return bindings;
      }
    }
  }

  /** The member a client id is bound to, if any. */
  ownerOf(client: number): string | undefined {
    return this.owners.get(client)?.member;
  }

  /** The first of `clients` bound to (or claimed by) someone other than `member`, with its owner; null when none is. */
  foreign(clients: readonly number[], member: string): { client: number; owner: string } | null {
    for (const client of clients) {
      const owner = this.owners.get(client)?.member ?? this.claims.get(client);
      if (owner !== undefined && owner !== member) return { client, owner };
    }
    return null;
  }

  /**
   * `member`'s connection shows presence under `client` (a y-websocket client's awareness id is its document's client
   * id). False when the id is bound to or claimed by someone else; a free one is claimed for `member`.
   */
  claim(client: number, member: string): boolean {
    const owner = this.owners.get(client)?.member ?? this.claims.get(client);
    if (owner !== undefined && owner !== member) return false;
    if (this.owners.has(client)) return true;
    this.claims.delete(client);
    this.claims.set(client, member);
    if (this.claims.size > MAX_CLAIMS) {
      const oldest = this.claims.keys().next().value;
      if (oldest !== undefined) this.claims.delete(oldest);
    }
    return true;
  }

  /**
   * Binds the free ones of `clients` to `member` (not durable until `stored`); returns whether any of `clients` is
   * bound by an update not yet stored (the update carrying them must wait for the store before it is sent on).
   */
  bind(clients: readonly number[], member: string): boolean {
    let waiting = false;
    for (const client of clients) {
      const binding = this.owners.get(client);
      if (binding === undefined) {
        this.claims.delete(client);
        this.owners.set(client, { member, durable: false });
        this.notDurable += 1;
        waiting = true;
      } else if (!binding.durable) waiting = true;
    }
    return waiting;
  }

  /** The update that bound `clients` is stored. */
  stored(clients: readonly number[]): void {
    for (const client of clients) {
      const binding = this.owners.get(client);
      if (binding !== undefined && !binding.durable) {
        binding.durable = true;
        this.notDurable -= 1;
      }
    }
  }

  /** Whether some binding is held only in memory (a joining client must wait before it gets the document). */
  get waiting(): boolean {
    return this.notDurable > 0;
  }
}

/**
 * The stored bindings each document had when this process last derived them, and the seq to read on from: a room
 * loaded again (after going idle) reads only the history stored since, not the whole log. Bounded in documents and in
 * client ids across them: the least recently derived documents are forgotten (and read in full on their next load),
 * and a document with more client ids than the whole cache may hold is not kept at all.
 */
export class BindingsCache {
  private readonly entries = new Map<string, { owners: Map<number, string>; nextSeq: number }>();
  private held = 0;

  constructor(
    private readonly maxDocuments = 5_000,
    private readonly maxClientIds = 200_000,
  ) {}

  get(docName: string): { owners: ReadonlyMap<number, string>; nextSeq: number } | undefined {
    return this.entries.get(docName);
  }

  set(docName: string, entry: { owners: Map<number, string>; nextSeq: number }): void {
    this.forget(docName);
    if (entry.owners.size > this.maxClientIds) return;
    this.entries.set(docName, entry);
    this.held += entry.owners.size;
    while (this.entries.size > this.maxDocuments || this.held > this.maxClientIds) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  /** Client ids held across every document (what the bound is on). */
  get clientIds(): number {
    return this.held;
  }

  private forget(docName: string): void {
    const entry = this.entries.get(docName);
    if (entry === undefined) return;
    this.entries.delete(docName);
    this.held -= entry.owners.size;
  }
}
