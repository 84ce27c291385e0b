import type * as Y from 'yjs';
import { CalendarDateSchema } from '../schema/common';
import { ProjectEditableFieldsSchema, type ProjectEdit } from '../schema/project';
import { STAGES, StageDatesSchema, StageSchema, stageDateBefore, stageIndex, type Stage, type StageDates } from '../schema/stage';
import { unpack } from './layout';
import type { Author } from './origin';
import { fieldActivity, mutateProject, projectSlot } from './project-doc';
import { PROJECT_LAYOUT } from './project-layout';
import { planUpdate } from './records';
import { refuse, refuseZod, type ModelResult, PARSE } from './result';
import { readSlot } from './slots';
import { err, ok } from '../result';

function updateProject(
  doc: Y.Doc,
  patch: Record<string, unknown>,
  author: Author,
  action: 'project.edit' | 'project.archive' | 'project.restore',
): ModelResult {
  return mutateProject(doc, author, () => {
    const slot = projectSlot(doc);
    const planned = planUpdate(slot, PROJECT_LAYOUT, null, { ...patch, updated: { by: author.memberId, at: author.at } });
    if (!planned.ok) return planned;
    if (!planned.plan.changes.some((c) => c.field !== 'updated')) return ok({ plan: { writes: [], activity: [], result: {} } });
    const id = planned.plan.value.id;
    const activity =
      action === 'project.edit' ? fieldActivity(action, 'project', id, planned.plan.changes) : [{ action, record: { kind: 'project' as const, id } }];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: {} } });
  });
}

/** Edits the project's own fields (stage moves go through moveStage); each field merges on its own. */
export function editProject(doc: Y.Doc, patch: ProjectEdit, author: Author): ModelResult {
  // Parsing drops keys that are not editable here (stage, archived, …) and checks types before anything else.
  const parsed = ProjectEditableFieldsSchema.safeParse(patch, PARSE);
  if (!parsed.success) return refuseZod(parsed.error);
  return updateProject(doc, parsed.data, author, 'project.edit');
}

/** The stage dates stored now, or none if another replica left them unreadable. */
function currentStageDates(doc: Y.Doc): { stage: Stage | null; dates: StageDates } {
  const { shape } = unpack(PROJECT_LAYOUT, null, readSlot(projectSlot(doc), PROJECT_LAYOUT));
  const stage = StageSchema.safeParse(shape.stage);
  const dates = StageDatesSchema.safeParse(shape.stageDates);
  return { stage: stage.success ? stage.data : null, dates: dates.success ? dates.data : {} };
}

/**
 * Moves the project to `stage`, reached on `date`; moving back clears the dates of the stages after it (they were not
 * really reached). Each stage's date is its own key, so a move written offline only writes the date it adds (and the
 * ones it clears): two people moving the same project concurrently both keep their date, the stage settles on the
 * furthest one dated, and each move is its own activity entry with the stage its author moved it from.
 */
export function moveStage(doc: Y.Doc, stage: Stage, date: string, author: Author): ModelResult {
  const s = StageSchema.safeParse(stage);
  if (!s.success) return refuse('err.stage.unknown', 'stage');
  const d = CalendarDateSchema.safeParse(date, PARSE);
  if (!d.success) return err({ errors: refuseZod(d.error).errors.map((e) => ({ ...e, path: 'date' })) });
  return mutateProject(doc, author, () => {
    const slot = projectSlot(doc);
    const current = currentStageDates(doc);
    const dates: StageDates = {};
    for (const st of STAGES) {
      const existing = current.dates[st];
      if (stageIndex(st) < stageIndex(s.data) && existing) dates[st] = existing;
    }
    dates[s.data] = d.data;
    const before = stageDateBefore(dates, s.data, d.data);
    if (before !== null) return refuse('err.stage.dateOrder', `stageDates.${s.data}`, { stage: s.data, previous: before });
    const planned = planUpdate(slot, PROJECT_LAYOUT, null, { stage: s.data, stageDates: dates, updated: { by: author.memberId, at: author.at } });
    if (!planned.ok) return planned;
    if (!planned.plan.changes.some((c) => c.field !== 'updated')) return ok({ plan: { writes: [], activity: [], result: {} } });
    const from = current.stage ? { stage: current.stage, date: current.dates[current.stage] ?? null } : null;
    const activity = [
      {
        action: 'project.stage' as const,
        record: { kind: 'project' as const, id: planned.plan.value.id },
        field: 'stage',
        from,
        to: { stage: s.data, date: d.data },
      },
    ];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: {} } });
  });
}

/** 责任人 (project side; the registry keeps its own copy for rights). */
export function assignOwner(doc: Y.Doc, ownerId: string | null, author: Author): ModelResult {
  return editProject(doc, { ownerId }, author);
}

/** 联系领导. */
export function assignLeader(doc: Y.Doc, leaderId: string | null, author: Author): ModelResult {
  return editProject(doc, { leaderId }, author);
}

/** 一套班子. */
export function assignTeam(doc: Y.Doc, team: string[], author: Author): ModelResult {
  return editProject(doc, { team }, author);
}

/** Deleting is archiving: the project and everything in it stays, and edits made meanwhile survive. */
export function archiveProject(doc: Y.Doc, author: Author): ModelResult {
  return updateProject(doc, { archived: true }, author, 'project.archive');
}

export function restoreProject(doc: Y.Doc, author: Author): ModelResult {
  return updateProject(doc, { archived: false }, author, 'project.restore');
}
