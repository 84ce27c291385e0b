import type { ChecklistProjection } from '../../client/db';

/** Red as on the 挂图 wall (督办红). */
export const BADGE_COLOR = '#c41d1d';

/** The toolbar badge: overdue items over every joined workspace's checklist; empty text when nothing is overdue. */
export function badgeFor(projections: readonly Pick<ChecklistProjection, 'overdue'>[]): { count: number; text: string } {
  const count = projections.reduce((sum, p) => sum + p.overdue, 0);
  return { count, text: count === 0 ? '' : count > 999 ? '999+' : String(count) };
}

/** The part of `browser.action` the badge needs (MV3 `action`, MV2 `browserAction`). */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle?(details: { title: string }): Promise<void> | void;
}

export async function applyBadge(api: BadgeApi, badge: { count: number; text: string }, title: string): Promise<void> {
  await api.setBadgeText({ text: badge.text });
  if (badge.count > 0) await api.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await api.setTitle?.({ title });
}
