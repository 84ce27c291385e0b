import { addDays } from '../../shared/calc/dates';
import { t } from '../../shared/i18n';
import type { CalendarDate, Locale } from '../../shared/schema/common';
import type { ChecklistProjection, GuatuDb } from '../../client/db';

export interface DueNotification {
  /** Stable per thing and day, so each is shown at most once. */
  id: string;
  title: string;
  message: string;
}

/**
 * What to tell the member today: milestones due tomorrow, and 月报 not yet filed on report day (the due day itself).
 * Overdue items are the badge's business, not a notification's.
 */
export function dueNotifications(projection: ChecklistProjection, asOf: CalendarDate, locale: Locale): DueNotification[] {
  const tomorrow = addDays(asOf, 1);
  const out: DueNotification[] = [];
  for (const item of projection.items) {
    const project = item.projectName ?? '';
    if (item.kind === 'milestone' && item.due === tomorrow) {
      out.push({
        id: `${projection.key}|milestone|${item.projectId ?? ''}|${item.recordId}|${item.due}`,
        title: t(locale, 'client.notify.milestoneTomorrow.title', { title: item.title }),
        message: t(locale, 'client.notify.milestoneTomorrow.body', { title: item.title, project, due: item.due }),
      });
    } else if (item.kind === 'report' && item.due === asOf && item.state === 'unfiled') {
      out.push({
        id: `${projection.key}|report|${item.recordId}`,
        title: t(locale, 'client.notify.reportDay.title'),
        message: t(locale, 'client.notify.reportDay.body', { project, month: item.month ?? '', due: item.due }),
      });
    }
  }
  return out;
}

/** Shows each notification not shown before and records it; returns the ids shown. */
export async function notifyOnce(
  db: GuatuDb,
  notes: readonly DueNotification[],
  show: (note: DueNotification) => Promise<void>,
  now: number,
): Promise<string[]> {
  const shown: string[] = [];
  for (const note of notes) {
    // Claim the id first: two passes racing (alarm and `online`) must not both show it.
    const claimed = await db.transaction('rw', db.notifications, async () => {
      if (await db.notifications.get(note.id)) return false;
      await db.notifications.put({ id: note.id, notifiedAt: now });
      return true;
    });
    if (!claimed) continue;
    try {
      await show(note);
      shown.push(note.id);
    } catch {
      // Notifications blocked or failing: not shown now, and not retried every 15 minutes either.
    }
  }
  return shown;
}

/** Records older than this are dropped (their ids name past days, so they can never match again). */
export const NOTIFICATION_RETENTION_MS = 60 * 24 * 3600_000;

export async function pruneNotifications(db: GuatuDb, now: number): Promise<void> {
  await db.notifications.filter((n) => typeof n.notifiedAt !== 'number' || n.notifiedAt < now - NOTIFICATION_RETENTION_MS).delete();
}
