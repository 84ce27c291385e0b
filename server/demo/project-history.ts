import type { ProjectBundle } from '../../shared/schema/bundle';
import type { CalendarDate, Timestamp } from '../../shared/schema/common';
import { DEFAULT_MILESTONE_KEYS, type DefaultMilestoneKey } from '../../shared/schema/milestone';
import type { EscalationLevel } from '../../shared/schema/problem';
import type { ProjectEdit } from '../../shared/schema/project';
import { STAGES, type Stage, type StageDates } from '../../shared/schema/stage';
import type { Author } from '../../shared/model/origin';
import type { ProjectInput } from '../../shared/model/project-init';
import type { MilestoneInput } from '../../shared/model/project-milestones';
import type { ProblemInput } from '../../shared/model/project-problems';
import type { MonthlyReportInput } from '../../shared/model/project-reports';
import { addDays, shanghaiDate, shanghaiInstant } from './dates';
import { itemAt, lastOf } from './lists';
import { officeTime } from './people';
import { roundWan } from './project-schedule';
import { chance, intBetween, pick, rngFor } from './random';

/** One attributed edit of a project document, in the model's own terms. */
export type ProjectEvent = { author: Author } & (
  | { kind: 'init'; input: ProjectInput; checklist: { ids: string[]; dueDates: Record<DefaultMilestoneKey, CalendarDate> } | null }
  | { kind: 'addMilestone'; input: MilestoneInput & { id: string } }
  | { kind: 'stage'; stage: Stage; date: CalendarDate }
  | { kind: 'edit'; patch: ProjectEdit }
  | { kind: 'tick'; milestoneId: string }
  | { kind: 'raise'; input: ProblemInput & { id: string } }
  | { kind: 'problemStatus'; problemId: string }
  | { kind: 'problemNotes'; problemId: string; notes: string }
  | { kind: 'escalate'; problemId: string; level: EscalationLevel }
  | { kind: 'requestClose'; problemId: string; evidence: string }
  | { kind: 'confirmClose'; problemId: string }
  | { kind: 'report'; input: MonthlyReportInput }
);

/** The 形象进度 a project starts the year with, before its first 月报 replaces it. */
export const LISTED_NOTE = '已列入年度重点项目清单';

const author = (by: string, at: Timestamp): Author => ({ memberId: by, at });

/** 09:00–17:00 on the stage's date, fixed by project and stage, never before the previous move. */
function stageInstant(projectId: string, stage: Stage, date: CalendarDate, after: Timestamp): Timestamp {
  let h = 2166136261;
  for (const ch of `${projectId}/${stage}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return Math.max(shanghaiInstant(date, 9 * 60 + (h % (8 * 60))), after + 60_000);
}

/**
 * A project's year as the attributed edits that produce it: registration with the stage it had then, stage moves on
 * their dates, milestone ticks, problems raised / taken up / escalated / closed, 月报 month by month, and a few field
 * corrections. Applied in order through the model, they leave exactly `bundle` in the document (including `updated`,
 * which is the last edit). Deterministic: the extra choices come from the project id.
 */
export function projectEvents(bundle: ProjectBundle, asOf: CalendarDate): [ProjectEvent, ...ProjectEvent[]] {
  const { project: p, milestones, problems, reports } = bundle;
  const rng = rngFor(0, `history/${p.id}`);
  const registeredOn = shanghaiDate(p.created.at);
  const admin = p.created.by;
  const owner = p.ownerId ?? admin;
  const limit = shanghaiInstant(asOf, 23 * 60 + 59);
  const events: ProjectEvent[] = [];

  // The stage the project had when the year's list was drawn up; later stages are moves.
  const initialDates: StageDates = {};
  let initialStage: Stage = 'planning';
  for (const s of STAGES) {
    const d = p.stageDates[s];
    if (d && d <= registeredOn) {
      initialDates[s] = d;
      initialStage = s;
    }
  }

  // A few corrections during the year, each at an instant up to the as-of day.
  const editAt = (minDays: number, maxDays: number): Timestamp | null => {
    const date = addDays(registeredOn, intBetween(rng, minDays, maxDays));
    return date <= asOf ? officeTime(rng, date) : null;
  };
  const initial: Partial<ProjectInput> = {};
  if (chance(rng, 0.4)) {
    // 年度计划 revised once the budget is settled (两会 in spring).
    const first = Math.min(p.totalInvestmentWan, roundWan(p.annualPlanWan * pick(rng, [0.8, 0.9, 1.1, 1.2])));
    const at = editAt(20, 120);
    if (first !== p.annualPlanWan && at !== null) {
      initial.annualPlanWan = first;
      events.push({ kind: 'edit', patch: { annualPlanWan: p.annualPlanWan }, author: author(chance(rng, 0.5) ? admin : owner, at) });
    }
  }
  if (p.team.length >= 2 && chance(rng, 0.3)) {
    const at = editAt(5, 200);
    if (at !== null) {
      initial.team = p.team.slice(0, -1);
      events.push({ kind: 'edit', patch: { team: [...p.team] }, author: author(p.leaderId ?? admin, at) });
    }
  }
  const firstClause = p.content.split('，')[0] ?? '';
  if (chance(rng, 0.2) && firstClause !== p.content) {
    const at = editAt(10, 150);
    if (at !== null) {
      initial.content = `${firstClause}。`;
      events.push({ kind: 'edit', patch: { content: p.content }, author: author(owner, at) });
    }
  }

  const { id, name, created: _c, updated: _u, archived: _a, stage: _s, stageDates: _d, ...fields } = p;
  const checklist = milestones.slice(0, DEFAULT_MILESTONE_KEYS.length);
  const hasChecklist = checklist.length === DEFAULT_MILESTONE_KEYS.length && checklist.every((m, i) => m.order === i && m.created.at === p.created.at);
  events.push({
    kind: 'init',
    input: { id, name, ...fields, ...initial, stage: initialStage, stageDates: initialDates, progressNote: reports.length > 0 ? LISTED_NOTE : p.progressNote },
    checklist:
      hasChecklist && p.kind === 'new'
        ? {
            ids: checklist.map((m) => m.id),
            dueDates: Object.fromEntries(DEFAULT_MILESTONE_KEYS.map((k, i) => [k, itemAt(checklist, i, 'the default checklist').dueDate])) as Record<
              DefaultMilestoneKey,
              CalendarDate
            >,
          }
        : null,
    author: author(admin, p.created.at),
  });
  for (const m of milestones) {
    if (hasChecklist && p.kind === 'new' && m.order < DEFAULT_MILESTONE_KEYS.length) continue;
    events.push({ kind: 'addMilestone', input: { id: m.id, title: m.title, dueDate: m.dueDate, order: m.order }, author: author(m.created.by, m.created.at) });
  }

  let previous = p.created.at;
  for (const s of STAGES) {
    const date = p.stageDates[s];
    if (!date || date <= registeredOn) continue;
    previous = stageInstant(p.id, s, date, previous);
    events.push({ kind: 'stage', stage: s, date, author: author(owner, previous) });
  }

  for (const m of milestones) if (m.done) events.push({ kind: 'tick', milestoneId: m.id, author: author(m.done.by, m.done.at) });

  for (const pb of problems) {
    events.push({
      kind: 'raise',
      input: {
        id: pb.id,
        description: pb.description,
        departmentId: pb.departmentId,
        ownerId: pb.ownerId,
        deadline: pb.deadline,
        escalation: 'assigned',
        notes: '',
      },
      author: author(pb.raised.by, pb.raised.at),
    });
    const handler = pb.ownerId ?? pb.raised.by;
    // Taken up (办理中) a few days after it was raised, before it was closed and not after the as-of day.
    const takenUpOn = addDays(shanghaiDate(pb.raised.at), intBetween(rng, 1, 4));
    let takenUpAt = takenUpOn <= asOf ? officeTime(rng, takenUpOn) : pb.raised.at + 30 * 60_000;
    takenUpAt = Math.min(Math.max(takenUpAt, pb.raised.at + 60_000), limit);
    if (pb.resolution && takenUpAt >= pb.resolution.at) takenUpAt = pb.raised.at + 60_000;
    if (pb.status === 'inProgress' || (pb.status === 'resolved' && chance(rng, 0.5))) {
      events.push({ kind: 'problemStatus', problemId: pb.id, author: author(handler, takenUpAt) });
    }
    if (pb.notes) events.push({ kind: 'problemNotes', problemId: pb.id, notes: pb.notes, author: author(handler, takenUpAt) });
    if (pb.escalation !== 'assigned') {
      const days = pb.escalation === 'supervised' ? 7 : 1;
      events.push({ kind: 'escalate', problemId: pb.id, level: pb.escalation, author: author(admin, officeTime(rng, addDays(pb.deadline, days))) });
    }
    // 销号: the head's request with the evidence, then the 项目办's confirmation
    if (pb.request) events.push({ kind: 'requestClose', problemId: pb.id, evidence: pb.request.evidence, author: author(pb.request.by, pb.request.at) });
    if (pb.resolution) events.push({ kind: 'confirmClose', problemId: pb.id, author: author(pb.resolution.by, pb.resolution.at) });
  }

  for (const r of reports) {
    events.push({
      kind: 'report',
      input: { month: r.month, completedWan: r.completedWan, cumulativeWan: r.cumulativeWan, progress: r.progress, issues: r.issues },
      author: author(r.filed.by, r.filed.at),
    });
  }

  // Stable by time: registration first, then whatever happened, in the order it happened.
  const rank = (e: ProjectEvent) => (e.kind === 'init' ? 0 : e.kind === 'addMilestone' ? 1 : 2);
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.author.at - b.e.author.at || rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
  return sorted as [ProjectEvent, ...ProjectEvent[]];
}

/** The attribution the project record ends with: every edit bumps it, so it is the last one's. */
export function lastEditOf(events: readonly [ProjectEvent, ...ProjectEvent[]]): { by: string; at: Timestamp } {
  const last = lastOf(events, 'project events');
  return { by: last.author.memberId, at: last.author.at };
}
