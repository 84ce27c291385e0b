import type * as Y from 'yjs';
import { EscalationLevelSchema, ProblemStatusSchema, type EscalationLevel, type Problem } from '../schema/problem';
import { randomId, type CreateOptions } from './ids';
import { unpack } from './layout';
import type { Author } from './origin';
import { fieldActivity, mutateProject, problemSlot } from './project-doc';
import { PROBLEM_LAYOUT } from './project-layout';
import { planCreate, planUpdate } from './records';
import { refuse, type ModelResult } from './result';
import { readSlot } from './slots';
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
      notes: input.notes ?? '',
      archived: false,
    });
    if (!planned.ok) return planned;
    const activity = [{ action: 'problem.add' as const, record: { kind: 'problem' as const, id }, to: planned.plan.value.description }];
    return ok({ plan: { writes: [[slot, planned.plan.writes]], activity, result: { id } } });
  });
}

type ProblemAction = 'problem.edit' | 'problem.status' | 'problem.escalate' | 'problem.resolve' | 'problem.reopen' | 'problem.archive' | 'problem.restore';

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

function currentStatus(doc: Y.Doc, id: string): Problem['status'] | null {
  const status = ProblemStatusSchema.safeParse(unpack(PROBLEM_LAYOUT, id, readSlot(problemSlot(doc, id), PROBLEM_LAYOUT)).shape.status);
  return status.success ? status.data : null;
}

export function editProblem(doc: Y.Doc, id: string, patch: ProblemEdit, author: Author): ModelResult {
  const { description, departmentId, ownerId, deadline, notes } = patch;
  return updateProblem(doc, id, { description, departmentId, ownerId, deadline, notes }, author, 'problem.edit');
}

/** Open ↔ in progress. A closed (销号) problem must be reopened first, so its closing record is never lost silently. */
export function setProblemStatus(doc: Y.Doc, id: string, status: 'open' | 'inProgress', author: Author): ModelResult {
  if (status !== 'open' && status !== 'inProgress') return refuse('err.problem.status', 'status');
  if (currentStatus(doc, id) === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  return updateProblem(doc, id, { status, resolution: null }, author, 'problem.status');
}

/** 交办 → 提醒 → 督办, set by hand (督办 can be ordered early). */
export function escalateProblem(doc: Y.Doc, id: string, level: EscalationLevel, author: Author): ModelResult {
  const parsed = EscalationLevelSchema.safeParse(level);
  if (!parsed.success) return refuse('err.problem.escalation', 'escalation');
  return updateProblem(doc, id, { escalation: parsed.data }, author, 'problem.escalate');
}

/** 销号: closes the problem, recording who, when and the evidence note. */
export function resolveProblem(doc: Y.Doc, id: string, evidence: string, author: Author): ModelResult {
  if (currentStatus(doc, id) === 'resolved') return refuse('err.model.problem.alreadyResolved', 'status');
  return updateProblem(doc, id, { status: 'resolved', resolution: { by: author.memberId, at: author.at, evidence } }, author, 'problem.resolve');
}

export function reopenProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  const status = currentStatus(doc, id);
  if (status !== null && status !== 'resolved') return refuse('err.model.problem.notResolved', 'status');
  return updateProblem(doc, id, { status: 'open', resolution: null }, author, 'problem.reopen');
}

export function archiveProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateProblem(doc, id, { archived: true }, author, 'problem.archive');
}

export function restoreProblem(doc: Y.Doc, id: string, author: Author): ModelResult {
  return updateProblem(doc, id, { archived: false }, author, 'problem.restore');
}
