/**
 * Exactly one instance derives each workspace's summary at a time (docs/scale-out.md §4). Every second each instance
 * takes or renews the lease `summary:<workspaceId>` of every workspace; the holder derives the projects whose head in
 * the store is past the mark of the last derivation (edits made on any instance, and everything a dead holder left
 * undone), writing with the lease's fence so a holder that lost the lease mid-write is refused by the store.
 * A holder that dies stops renewing: another instance takes over when the lease expires (10 s) and catches up.
 */
import { randomBytes } from 'node:crypto';
import { parseDocName, projectDocNamePrefix } from '../../shared/model/doc-names';
import type { Logger } from '../log';
import type { WriteFence } from '../storage/document-store';
import type { Leases } from '../storage/pg-leases';
import type { SharedDocumentStore } from '../storage/pg-store';

export interface SummaryDutyOptions {
  leases: Leases;
  store: Pick<SharedDocumentStore, 'headsWithPrefix' | 'listDocuments'>;
  deriveProject(workspaceId: string, projectId: string): Promise<void>;
  logger: Logger;
  /** This instance's name in the lease table (random by default). */
  holder?: string;
  ttlMs?: number;
  intervalMs?: number;
  /** Projects derived per workspace per round at most (a takeover of a big workspace catches up over a few rounds). */
  perRound?: number;
}

export interface SummaryDuty {
  readonly holder: string;
  /** The fence to write `workspaceId`'s summary under, or null when another instance holds it. */
  fence(workspaceId: string): WriteFence | null;
  /** One round now (tests call it instead of waiting). */
  round(): Promise<void>;
  /** Stops, and hands the leases over at once. */
  close(): Promise<void>;
}

const leaseName = (workspaceId: string) => `summary:${workspaceId}`;

export function startSummaryDuty(options: SummaryDutyOptions): SummaryDuty {
  const { leases, store, logger } = options;
  const holder = options.holder ?? `instance-${randomBytes(6).toString('hex')}`;
  const ttlMs = options.ttlMs ?? 10_000;
  const perRound = options.perRound ?? 200;
  /** Workspaces this instance holds: the token, and until when (by this clock, with a margin) it may write. */
  const held = new Map<string, { token: number; until: number }>();
  let workspaces: string[] = [];
  let rounds = 0;
  let closed = false;

  async function listWorkspaces(): Promise<string[]> {
    const names = await store.listDocuments('ws/');
    return names.flatMap((name) => {
      const doc = parseDocName(name);
      return doc?.kind === 'workspace' ? [doc.workspaceId] : [];
    });
  }

  /** Derives what changed, until `deadline`: the next renewal must not wait behind a long catch-up. */
  async function catchUp(workspaceId: string, fence: WriteFence, deadline: number): Promise<void> {
    const heads = await store.headsWithPrefix(projectDocNamePrefix(workspaceId));
    const marks = await leases.marks([...heads.keys()]);
    let done = 0;
    for (const [doc, head] of heads) {
      if ((marks.get(doc) ?? 0) >= head) continue;
      const lease = held.get(workspaceId);
      if (done++ >= perRound || closed || lease?.token !== fence.token || Date.now() > Math.min(deadline, lease.until)) return;
      const name = parseDocName(doc);
      if (name?.kind !== 'project') continue;
      // the head was read before deriving: edits arriving meanwhile leave the mark behind and are derived next round
      await options.deriveProject(workspaceId, name.projectId);
      await leases.setMark(doc, head, fence);
    }
  }

  async function round(): Promise<void> {
    const deadline = Date.now() + ttlMs / 3;
    if (rounds++ % 10 === 0 || workspaces.length === 0) workspaces = await listWorkspaces();
    // renew every lease first, then catch up within a third of the lease's lifetime
    for (const workspaceId of workspaces) {
      if (closed) return;
      const started = Date.now();
      let token: number | null;
      try {
        token = await leases.acquire(leaseName(workspaceId), holder, ttlMs);
      } catch (error) {
        held.delete(workspaceId);
        throw error;
      }
      if (token === null) {
        if (held.delete(workspaceId)) logger.info({ workspace: workspaceId }, 'summary lease lost to another instance');
        continue;
      }
      if (!held.has(workspaceId)) logger.info({ workspace: workspaceId, token }, 'summary lease taken: deriving this workspace');
      // the database counted the lease from its own clock; by ours it surely runs at least this long
      held.set(workspaceId, { token, until: started + ttlMs * 0.8 });
    }
    for (const [workspaceId, { token }] of held) {
      if (closed || Date.now() > deadline) return;
      await catchUp(workspaceId, { lease: leaseName(workspaceId), token }, deadline);
    }
  }

  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= round()
      .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'summary lease round failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? 1_000);
  timer.unref();

  return {
    holder,
    fence(workspaceId) {
      const lease = held.get(workspaceId);
      if (!lease || Date.now() > lease.until) return null;
      return { lease: leaseName(workspaceId), token: lease.token };
    },
    round: () => {
      running ??= round().finally(() => {
        running = null;
      });
      return running;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      for (const workspaceId of held.keys()) await leases.release(leaseName(workspaceId), holder).catch(() => undefined);
      held.clear();
    },
  };
}
