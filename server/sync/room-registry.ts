import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { DocumentStore } from '../storage/document-store';
import type { Connection } from './connection';
import type { RoomCluster } from './config';
import { GroupCommit } from './group-commit';
import { Room, type RoomDeps } from './room';
import { BindingsCache } from './client-bindings';
import { loadStored } from './room-storage';

interface Entry {
  room: Room | null;
  /** Load, join, unload and drop of this name run one after another on this chain. */
  chain: Promise<unknown>;
  queued: number;
  unloadTimer: ReturnType<typeof setTimeout> | null;
}

export interface RegistryDeps extends Omit<RoomDeps, 'onBroken' | 'commits'> {
  store: DocumentStore;
  logger: Logger;
  metrics: SyncMetrics;
  idleUnloadMs: number;
  /** Several instances share the store: rooms follow the other instances' commits (config.ts RoomCluster). */
  cluster?: RoomCluster;
}

/**
 * Loaded documents by name. A document is loaded before anyone joins it, and unloaded (destroyed, forgotten) once it
 * has had no connection for `idleUnloadMs`; because both run on one chain per name, a reconnect during an unload
 * waits for it and then loads the stored state afresh.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Server-side writers holding a room loaded (see hold). */
  private readonly holders = new WeakMap<Room, number>();
  /** One group commit for every room: one store transaction per event-loop turn, whichever documents changed. */
  private readonly commits: GroupCommit;
  /** Client-id bindings already derived in this process: a reloaded room reads only the history stored since. */
  private readonly bindings = new BindingsCache();

  constructor(private readonly deps: RegistryDeps) {
    this.commits = new GroupCommit(deps.store, deps.metrics, deps.logger, deps.cluster ? (updates) => deps.cluster?.committed(updates) : undefined);
  }

  /** Loads the document if needed and joins `conn` to it; null when `conn` closed meanwhile. Throws when loading fails. */
  acquire(name: string, conn: Connection): Promise<Room | null> {
    const entry = this.entryFor(name);
    if (entry.unloadTimer !== null) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    return this.run(name, entry, async () => {
      if (entry.room?.broken) await this.unloadNow(entry);
      if (entry.room === null) entry.room = await this.load(name);
      const room = entry.room;
      if (conn.isClosed) {
        this.scheduleUnloadIfIdle(name, entry);
        return null;
      }
      room.join(conn);
      return room;
    });
  }

  /** The connection left; unload after the grace period if it was the last one. */
  release(room: Room, conn: Connection): void {
    room.leave(conn);
    const entry = this.entries.get(room.name);
    if (entry && entry.room === room) this.scheduleUnloadIfIdle(room.name, entry);
  }

  /** Loads (or reuses) a document for a server-side write; keeps it loaded until `release` runs. */
  async hold(name: string): Promise<{ room: Room; release(): void }> {
    const entry = this.entryFor(name);
    if (entry.unloadTimer !== null) {
      clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
    }
    const room = await this.run(name, entry, async () => {
      if (entry.room?.broken) await this.unloadNow(entry);
      if (entry.room === null) entry.room = await this.load(name);
      return entry.room;
    });
    this.holders.set(room, (this.holders.get(room) ?? 0) + 1);
    let released = false;
    return {
      room,
      release: () => {
        if (released) return;
        released = true;
        this.holders.set(room, (this.holders.get(room) ?? 1) - 1);
        const current = this.entries.get(name);
        if (current && current.room === room) this.scheduleUnloadIfIdle(name, current);
      },
    };
  }

  /** The loaded, usable room of `name`, or null. */
  loaded(name: string): Room | null {
    const room = this.entries.get(name)?.room ?? null;
    return room !== null && !room.broken ? room : null;
  }

  get loadedCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.room !== null) count++;
    return count;
  }

  rooms(): Room[] {
    const rooms: Room[] = [];
    for (const entry of this.entries.values()) if (entry.room !== null) rooms.push(entry.room);
    return rooms;
  }

  /** Unloads everything now (server shutdown). */
  async closeAll(): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const [name, entry] of this.entries) {
      if (entry.unloadTimer !== null) clearTimeout(entry.unloadTimer);
      entry.unloadTimer = null;
      pending.push(this.run(name, entry, () => this.unloadNow(entry)));
    }
    await Promise.allSettled(pending);
  }

  private entryFor(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = { room: null, chain: Promise.resolve(), queued: 0, unloadTimer: null };
      this.entries.set(name, entry);
    }
    return entry;
  }

  private run<T>(name: string, entry: Entry, task: () => Promise<T>): Promise<T> {
    entry.queued++;
    const result = entry.chain.then(task);
    entry.chain = result
      .catch(() => undefined)
      .finally(() => {
        entry.queued--;
        // forget the name once nothing is loaded or queued, so closed rooms leave no trace
        if (entry.queued === 0 && entry.room === null && entry.unloadTimer === null && this.entries.get(name) === entry) {
          this.entries.delete(name);
        }
      });
    return result;
  }

  private async load(name: string): Promise<Room> {
    const { store, metrics, cluster } = this.deps;
    const headSeq = cluster ? await cluster.headBeforeLoad(name) : 0;
    const room = new Room(name, await loadStored(store, metrics, name, this.bindings), {
      ...this.deps,
      commits: this.commits,
      onBroken: (broken) => this.drop(broken),
    });
    cluster?.loaded(room, headSeq);
    metrics.documentsLoaded.inc();
    this.deps.logger.debug({ doc: name }, 'document loaded');
    return room;
  }

  private async unloadNow(entry: Entry): Promise<void> {
    const room = entry.room;
    if (room === null) return;
    await room.settled();
    // the queue may have broken the room meanwhile; either way it goes
    entry.room = null;
    this.deps.cluster?.unloaded(room);
    for (const conn of [...room.connections]) room.leave(conn);
    room.destroy();
    this.holders.delete(room);
    this.deps.metrics.documentsLoaded.dec();
    this.deps.logger.debug({ doc: room.name }, 'document unloaded');
  }

  private scheduleUnloadIfIdle(name: string, entry: Entry): void {
    const room = entry.room;
    if (room === null || room.connections.size > 0 || (this.holders.get(room) ?? 0) > 0 || entry.unloadTimer !== null) return;
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = null;
      void this.run(name, entry, async () => {
        const current = entry.room;
        if (current !== null && current.connections.size === 0 && (this.holders.get(current) ?? 0) === 0) await this.unloadNow(entry);
      });
    }, this.deps.idleUnloadMs);
    entry.unloadTimer.unref?.();
  }

  /** A broken room is unloaded at once; the next acquire loads the stored state. */
  private drop(room: Room): void {
    const entry = this.entries.get(room.name);
    if (!entry || entry.room !== room) return;
    void this.run(room.name, entry, async () => {
      if (entry.room === room) await this.unloadNow(entry);
    });
  }
}
