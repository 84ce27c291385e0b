import type * as Y from 'yjs';
import type { EscalationRules } from '../schema/campaign';
import type { CalendarDate } from '../schema/common';
import { EscalationLevelSchema, type EscalationLevel, type Problem } from '../schema/problem';
import { levelRank, redMayReturn } from '../calc/escalation';
import { randomId, type CreateOptions } from './ids';
import type { Author } from './origin';
import { fieldActivity, mutateProject, problemSlot } from './project-doc';
import { PROBLEM_LAYOUT } from './project-layout';
import { planCreate, planUpdate } from './records';
import { refuse, type ModelResult } from './result';
import { readSlot } from './slots';
import { parseStored } from './layout';
import { ok } from '../result';

export interface ProblemInput {
  id?: string;
  description: string;
  /** 涉及哪个部门，就由哪个部门一把手负责. */
  departmentId?: string | null;
  ownerId?: string | null;
  deadline: string;
  escalation?: EscalationLevel;
  notes?: string;
}
export type ProblemEdit = Partial<Pick<Problem, 'description' | 'departmentId' | 'ownerId' | 'deadline' | 'notes'>>;

/** Adds a problem to the 问题清单, open and 交办 unless said otherwise. */
export function addProblem(doc: Y.Doc, input: ProblemInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  return mutateProject(doc, author, () => {
    const id = input.id ?? (opts.newId ?? randomId)();
    const slot = problemSlot(doc, id);
    const planned = planCreate(slot, PROBLEM_LAYOUT, id, {
      description: input.description,
      raised: { by: author.memberId, at: author.at },
      departmentId: input.departmentId ?? null,
      ownerId: input.ownerId ?? null,
      deadline: input.deadline,
      status: 'open',
      escalation: input.escalation ?? 'assigned',
      resolution: null,
      request: null,
      returned: null,
      progress: null,
      notes: input.notes ?? '',
      archived: false,
    });
    if (!planned.ok) return planned;
    const activity = [{ action: 'problem.add' as const, record: { kind: 'problem' as const, id }, to: planned.plan.value.description }];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: { id } } });
  });
}

type ProblemAction =
  | 'problem.edit'
  | 'problem.status'
  | 'problem.escalate'
  | 'problem.deescalate'
  | 'problem.progress'
  | 'problem.requestClose'
  | 'problem.confirmClose'
  | 'problem.returnClose'
  | 'problem.resolve'
  | 'problem.reopen'
  | 'problem.archive'
  | 'problem.restore';

function updateProblem(doc: Y.Doc, id: string, patch: Record<string, unknown>, author: Author, action: ProblemAction): ModelResult {
  return mutateProject(doc, author, () => {
    const slot = problemSlot(doc, id);
    const planned = planUpdate(slot, PROBLEM_LAYOUT, id, patch);
    if (!planned.ok) return planned;
    if (planned.plan.changes.length === 0) return ok({ plan: { writes: [], activity: [], result: {} } });
    const activity =
      action === 'problem.archive' || action === 'problem.restore'
        ? [{ action, record: { kind: 'problem' as const, id } }]
        : fieldActivity(action, 'problem', id, planned.plan.changes);
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: {} } });
  });
}

/** The problem as stored, or null when it is missing or does not validate (the write then fails with the reason). */
function currentProblem(doc: Y.Doc, id: string): Problem | null {
  const read = parseStored(PROBLEM_LAYOUT, id, readSlot(problemSlot(doc, id), PROBLEM_LAYOUT));
  return read.ok ? read.value : null;
}

export function editProblem(doc: Y.Doc, id: string, patch: ProblemEdit, author: Author): ModelResult {
  const { description, departmentId, ownerId, deadline, notes } = patch;
  return updateProblem(doc, id, { description, departmentId, ownerId, deadline, notes }, author, 'problem.edit');
}

/** Open ↔ in progress. A closed (销号) problem must be reopened first, and one awaiting 销号 confirmation waits for it. */
export function setProblemStatus(doc: Y.Doc, id: string, status: 'open' | 'inProgress', author: Author): ModelResult {
  if (status !== 'open' && status !== 'inProgress') return refuse('err.problem.status', 'status');
  const current = currentProblem(doc, id);
  if (current?.status === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  if (current?.status === 'closeRequested') return refuse('err.model.problem.requested', 'status');
  return updateProblem(doc, id, { status, resolution: null }, author, 'problem.status');
}

/** 交办 → 提醒 → 督办, raised by hand (督办 can be ordered early; 项目办 and leaders only). A level is never lowered here. */
export function escalateProblem(doc: Y.Doc, id: string, level: EscalationLevel, author: Author): ModelResult {
  const parsed = EscalationLevelSchema.safeParse(level);
  if (!parsed.success) return refuse('err.problem.escalation', 'escalation');
  const current = currentProblem(doc, id);
  if (current && levelRank(parsed.data) < levelRank(current.escalation)) return refuse('err.model.problem.lowerLevel', 'escalation');
  return updateProblem(doc, id, { escalation: parsed.data }, author, 'problem.escalate');
}

/**
 * 督办 (红) back to 提醒 (黄), by 项目办 or a leader, only when its condition is met (`redMayReturn`: progress reported and
 * no longer past the 督办 limit, e.g. after the 项目办 granted a new deadline).
 */
export function lowerProblemToReminded(doc: Y.Doc, id: string, asOf: CalendarDate, rules: EscalationRules, author: Author): ModelResult {
  const current = currentProblem(doc, id);
  if (current === null) return updateProblem(doc, id, {}, author, 'problem.deescalate');
  if (!redMayReturn(current, asOf, rules)) return refuse('err.model.problem.redCondition', 'escalation');
  return updateProblem(doc, id, { escalation: 'reminded' }, author, 'problem.deescalate');
}

/** 报进展: the responsible person reports progress; an open problem is in progress from then on. */
export function reportProblemProgress(doc: Y.Doc, id: string, note: string, author: Author): ModelResult {
  const current = currentProblem(doc, id);
  if (current?.status === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  const progress = { by: author.memberId, at: author.at, note };
  const patch: Record<string, unknown> = current?.status === 'open' ? { progress, status: 'inProgress' } : { progress };
  return updateProblem(doc, id, patch, author, 'problem.progress');
}

/** 申请销号: the responsible person (or their unit's head) asks for the problem to be closed, with the evidence. */
export function requestProblemClose(doc: Y.Doc, id: string, evidence: string, author: Author): ModelResult {
  const current = currentProblem(doc, id);
  if (current?.status === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  if (current?.status === 'closeRequested') return refuse('err.model.problem.requested', 'status');
  return updateProblem(
    doc,
    id,
    { status: 'closeRequested', request: { by: author.memberId, at: author.at, evidence }, resolution: null, returned: null },
    author,
    'problem.requestClose',
  );
}

/**
 * 确认销号: the 项目办 (or 督查) confirms the request; the closing record names the confirmer and carries the request's
 * evidence, and the request stays beside it. Never by the member who requested it.
 */
export function confirmProblemClose(doc: Y.Doc, id: string, author: Author): ModelResult {
  const current = currentProblem(doc, id);
  if (current?.status === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  const request = current?.request;
  if (current?.status !== 'closeRequested' || !request) return refuse('err.model.problem.notRequested', 'status');
  if (request.by === author.memberId) return refuse('err.model.problem.selfConfirm', 'status');
  return updateProblem(
    doc,
    id,
    { status: 'resolved', resolution: { by: author.memberId, at: author.at, evidence: request.evidence }, request },
    author,
    'problem.confirmClose',
  );
}

/** 退回: the confirmer sends the request back with the reason; the problem is in progress again. */
export function returnProblemClose(doc: Y.Doc, id: string, reason: string, author: Author): ModelResult {
  const current = currentProblem(doc, id);
  if (current?.status !== 'closeRequested') return refuse('err.model.problem.notRequested', 'status');
  return updateProblem(
    doc,
    id,
    { status: 'inProgress', request: null, resolution: null, returned: { by: author.memberId, at: author.at, reason } },
    author,
    'problem.returnClose',
  );
}

/**
 * 销号 recorded in one step, outside the loop: for histories written on the server (the demo city, imports). A client
 * cannot do this: the server accepts a problem's closing only as the confirmation of a request (write rules).
 */
export function resolveProblem(doc: Y.Doc, id: string, evidence: string, author: Author): ModelResult {
  if (currentProblem(doc, id)?.status === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  return updateProblem(doc, id, { status: 'resolved', resolution: { by: author.memberId, at: author.at, evidence }, request: null }, author, 'problem.resolve');
}

export function reopenProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  const status = currentProblem(doc, id)?.status ?? null;
  if (status !== null && status !== 'resolved') return refuse('err.model.problem.notResolved', 'status');
  return updateProblem(doc, id, { status: 'open', resolution: null, request: null }, author, 'problem.reopen');
}

export function archiveProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateProblem(doc, id, { archived: true }, author, 'problem.archive');
}

export function restoreProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateProblem(doc, id, { archived: false }, author, 'problem.restore');
}
