import type * as Y from 'yjs';
import type { Milestone } from '../schema/milestone';
import { randomId, type CreateOptions } from './ids';
import { unpack } from './layout';
import type { Author } from './origin';
import { fieldActivity, milestoneSlot, mutateProject, projectMap } from './project-doc';
import { MILESTONE_LAYOUT } from './project-layout';
import { planCreate, planUpdate } from './records';
import type { ModelResult } from './result';
import { readSlot } from './slots';
import { ok } from '../result';

export interface MilestoneInput {
  id?: string;
  title: string;
  dueDate: string;
  /** Position in the list; defaults to after the last milestone. */
  order?: number;
}
export type MilestoneEdit = Partial<Pick<Milestone, 'title' | 'dueDate' | 'order'>>;

function nextOrder(doc: Y.Doc): number {
  let max = -1;
  for (const [key, value] of projectMap(doc, 'milestones').entries()) {
    if (key.endsWith('/order') && typeof value === 'number' && Number.isFinite(value)) max = Math.max(max, value);
  }
  return max + 1;
}

/** Adds a dated milestone (倒排工期). */
export function addMilestone(doc: Y.Doc, input: MilestoneInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  return mutateProject(doc, author, () => {
    const id = input.id ?? (opts.newId ?? randomId)();
    const slot = milestoneSlot(doc, id);
    const planned = planCreate(slot, MILESTONE_LAYOUT, id, {
      title: input.title,
      dueDate: input.dueDate,
      order: input.order ?? nextOrder(doc),
      done: null,
      archived: false,
      created: { by: author.memberId, at: author.at },
    });
    if (!planned.ok) return planned;
    const activity = [{ action: 'milestone.add' as const, record: { kind: 'milestone' as const, id }, to: planned.plan.value.title }];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: { id } } });
  });
}

type MilestoneAction = 'milestone.edit' | 'milestone.tick' | 'milestone.untick' | 'milestone.archive' | 'milestone.restore';

function updateMilestone(doc: Y.Doc, id: string, patch: Record<string, unknown>, author: Author, action: MilestoneAction): ModelResult {
  return mutateProject(doc, author, () => {
    const slot = milestoneSlot(doc, id);
    const planned = planUpdate(slot, MILESTONE_LAYOUT, id, patch);
    if (!planned.ok) return planned;
    if (planned.plan.changes.length === 0) return ok({ plan: { writes: [], activity: [], result: {} } });
    const activity =
      action === 'milestone.edit' || action === 'milestone.tick' || action === 'milestone.untick'
        ? fieldActivity(action, 'milestone', id, planned.plan.changes)
        : [{ action, record: { kind: 'milestone' as const, id } }];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: {} } });
  });
}

export function editMilestone(doc: Y.Doc, id: string, patch: MilestoneEdit, author: Author): ModelResult {
  const { title, dueDate, order } = patch;
  return updateMilestone(doc, id, { title, dueDate, order }, author, 'milestone.edit');
}

/**
 * Ticks (or unticks) a milestone. `done` is one value `{by, at}`, so when two people tick at once it settles on one
 * of them everywhere. Ticking a milestone that is already done keeps who ticked it first.
 */
export function tickMilestone(doc: Y.Doc, id: string, done: boolean, author: Author): ModelResult {
  const stored = unpack(MILESTONE_LAYOUT, id, readSlot(milestoneSlot(doc, id), MILESTONE_LAYOUT)).shape.done;
  const isDone = typeof stored === 'object' && stored !== null;
  if (done && isDone) return updateMilestone(doc, id, {}, author, 'milestone.tick');
  return updateMilestone(doc, id, { done: done ? { by: author.memberId, at: author.at } : null }, author, done ? 'milestone.tick' : 'milestone.untick');
}

export function archiveMilestone(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateMilestone(doc, id, { archived: true }, author, 'milestone.archive');
}

export function restoreMilestone(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateMilestone(doc, id, { archived: false }, author, 'milestone.restore');
}
