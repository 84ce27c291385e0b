import { t } from '../../shared/i18n';
import { shanghaiDate } from '../../shared/format';
import { getLocale, readProjections, readWorkspaces, type GuatuDb, type JoinedWorkspace } from '../../client/db';
import { isExpired } from '../../client/join';
import { refreshProjection } from '../../client/projection';
import type { Session } from '../../client/session';
import { applyBadge, badgeFor, type BadgeApi } from './badge';
import { dueNotifications, notifyOnce, pruneNotifications, type DueNotification } from './due-notifications';

export interface SyncPassDeps {
  db: GuatuDb;
  openSession(ws: JoinedWorkspace): Session;
  now(): number;
  badge: BadgeApi;
  notify(note: DueNotification): Promise<void>;
  /** How long one workspace may take to sync before its checklist is computed from what arrived. */
  settleMs?: number;
}

export interface SyncPassReport {
  /** Workspace keys synced (or tried); expired ones are skipped. */
  synced: string[];
  skippedExpired: string[];
  failed: string[];
  overdue: number;
  notified: string[];
}

const DEFAULT_SETTLE_MS = 20_000;

/**
 * One sync pass of the service worker: for each joined workspace with a live token, open a session, let it sync (or
 * time out), refresh the checklist projection, close; then set the badge from every projection and show the day's
 * notifications once each.
 */
export async function runSyncPass(deps: SyncPassDeps): Promise<SyncPassReport> {
  const { db } = deps;
  const report: SyncPassReport = { synced: [], skippedExpired: [], failed: [], overdue: 0, notified: [] };
  const settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;

  for (const ws of await readWorkspaces(db)) {
    if (isExpired(ws, deps.now())) {
      report.skippedExpired.push(ws.key);
      continue;
    }
    let session: Session | null = null;
    try {
      session = deps.openSession(ws);
      await refreshProjection(db, session, shanghaiDate(deps.now()), { settleMs, now: deps.now });
      report.synced.push(ws.key);
    } catch {
      report.failed.push(ws.key);
    } finally {
      session?.close();
    }
  }

  const asOf = shanghaiDate(deps.now());
  const joined = new Set((await readWorkspaces(db)).map((w) => w.key));
  const projections = (await readProjections(db)).filter((p) => joined.has(p.key));
  const locale = await getLocale(db);
  const badge = badgeFor(projections);
  report.overdue = badge.count;
  await applyBadge(deps.badge, badge, t(locale, 'client.badge.title', { count: badge.count }));

  const notes = projections.flatMap((p) => dueNotifications(p, asOf, locale));
  report.notified = await notifyOnce(db, notes, deps.notify, deps.now());
  await pruneNotifications(db, deps.now());
  return report;
}

/** Runs passes one at a time: a pass asked for while one runs shares the running one. */
export function serialisePasses(run: () => Promise<SyncPassReport>): () => Promise<SyncPassReport> {
  let running: Promise<SyncPassReport> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
