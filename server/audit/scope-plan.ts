/**
 * What one undo asks for (issue #13 "restorable") and its plan over the stored histories, for the CLI and the board's
 * REST alike: a member's changes in a time window (one project or the whole workspace, planRevert), or one project back
 * to a time T (planRestoreAt). `limits` bound what one request may read, since a workspace-wide scope over a year
 * grows with everyone else's edits.
 */
import { projectDocName, projectDocNamePrefix } from '../../shared/model/doc-names';
import { err, ok, type Result } from '../../shared/result';
import type { ProjectId } from '../../shared/schema/common';
import type { DocumentStore } from '../storage/document-store';
import { planRestoreAt } from './restore-plan';
import { planRevert, type RevertPlan } from './revert-plan';

export type RestoreScope =
  | { kind: 'member'; memberId: string; from: number; to: number; projectId: ProjectId | null }
  | { kind: 'at'; projectId: ProjectId; at: number };

export interface ScopeLimits {
  /** Project documents one plan may read. */
  maxProjects: number;
  /** Stored updates one plan may replay, over all its projects. */
  maxUpdates: number;
}

export interface ProjectPlan {
  docName: string;
  projectId: string;
  plan: RevertPlan;
}

export type ScopeRefusal = { reason: 'noProject' } | { reason: 'tooLarge'; limit: keyof ScopeLimits; max: number };

export type ScopePlanned = Result<{ projects: ProjectPlan[] }, ScopeRefusal>;

/** An ISO time with a date (a bare date is midnight in Asia/Shanghai); null when it is not one. */
export function parseTime(text: string | undefined): number | null {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : null;
}

export function planIsEmpty(plan: RevertPlan): boolean {
  return plan.restores.length === 0 && plan.archives.length === 0 && plan.conflicts.length === 0 && plan.kept.length === 0;
}

/** Whether applying the plan writes anything (conflicts and kept records are only told). */
export function planWrites(plan: RevertPlan): boolean {
  return plan.restores.length > 0 || plan.archives.length > 0;
}

/** The plans of every project the scope covers that has something to say, in document-name order. */
export async function planScope(store: DocumentStore, workspaceId: string, scope: RestoreScope, limits?: ScopeLimits): Promise<ScopePlanned> {
  const prefix = projectDocNamePrefix(workspaceId);
  const stored = await store.listDocuments(prefix);
  const one = scope.projectId;
  let docs: string[];
  if (one !== null) {
    const name = projectDocName(workspaceId, one);
    if (!stored.includes(name)) return err({ reason: 'noProject' });
    docs = [name];
  } else docs = [...stored].sort();
  if (limits && docs.length > limits.maxProjects) return err({ reason: 'tooLarge', limit: 'maxProjects', max: limits.maxProjects });

  const projects: ProjectPlan[] = [];
  let budget = limits?.maxUpdates ?? Number.POSITIVE_INFINITY;
  for (const docName of docs) {
    // one more than the budget says whether it is exceeded, without reading the rest of a long history
    const history = Number.isFinite(budget) ? await store.history(docName, 1, budget + 1) : await store.history(docName);
    if (history.length > budget) return err({ reason: 'tooLarge', limit: 'maxUpdates', max: limits?.maxUpdates ?? 0 });
    budget -= history.length;
    const plan =
      scope.kind === 'at'
        ? await planRestoreAt(docName, history, scope.at)
        : await planRevert(docName, history, { memberId: scope.memberId, from: scope.from, to: scope.to });
    if (!planIsEmpty(plan)) projects.push({ docName, projectId: docName.slice(prefix.length), plan });
  }
  return ok({ projects });
}
