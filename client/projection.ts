import { memberChecklist, overdueCount, problemsRaisedBy } from '../shared/calc/checklist';
import { summaryRow } from '../shared/calc/summary-row';
import { evaluateTarget } from '../shared/calc/targets';
import { currentTheme } from '../shared/calc/themes';
import { toProjectBundle, toWorkspaceData } from '../shared/model/bundles';
import { readProjectDoc } from '../shared/model/project-read';
import { validValues } from '../shared/model/result';
import { readSummary } from '../shared/model/summary';
import { readWorkspace } from '../shared/model/workspace-read';
import { effectiveRole, isAssigned, worksOn } from '../shared/rights';
import type { WorkspaceData } from '../shared/schema/bundle';
import type { CalendarDate } from '../shared/schema/common';
import type { SummaryRow, TargetResult } from '../shared/schema/summary';
import type { Target } from '../shared/schema/target';
import { readWorkspace as readJoined, type ChecklistProjection, type GuatuDb, type ProjectionProject, type ProjectionTarget } from './db';
import type { DocHandle } from './doc-host';
import { projectInvestmentLight } from './project-light';
import type { Session } from './session';

export interface RefreshOptions {
  /** Wait up to this long for each document to sync before reading it (the worker's pass); without it, read what is local. */
  settleMs?: number;
  now?: () => number;
}

const SCOPE_ORDER: Record<Target['scope']['kind'], number> = { member: 0, unit: 1, workspace: 2 };

/** My targets: my own quotas and targets, my unit's, and the whole workspace's; archived ones left out. */
function myTargets(data: WorkspaceData, memberId: string): Target[] {
  const unitId = data.members.find((m) => m.id === memberId)?.unitId ?? null;
  return data.targets
    .filter((t) => {
      if (t.archived) return false;
      switch (t.scope.kind) {
        case 'member':
          return t.scope.memberId === memberId;
        case 'unit':
          return unitId !== null && t.scope.unitId === unitId;
        case 'workspace':
          return true;
        default:
          return false;
      }
    })
    .sort((a, b) => SCOPE_ORDER[a.scope.kind] - SCOPE_ORDER[b.scope.kind] || (a.id < b.id ? -1 : 1));
}

/**
 * The checklist as of `asOf` from plain data: rows from the summary document with my own projects' rows replaced by
 * fresh ones from their documents (my edits show before the server has recomputed the summary), targets evaluated
 * locally on those rows.
 */
export function computeProjection(
  key: string,
  memberId: string,
  data: WorkspaceData,
  rows: readonly SummaryRow[],
  asOf: CalendarDate,
  updatedAt: number,
): ChecklistProjection {
  const targets = myTargets(data, memberId);
  const results: TargetResult[] = targets.map((t) => evaluateTarget(t, data, rows, asOf));
  const items = memberChecklist(memberId, data, rows, results, asOf);
  const byId = new Map(rows.map((r) => [r.projectId, r]));
  const projects: ProjectionProject[] = data.registry
    .filter((e) => !e.archived && isAssigned(memberId, e))
    .map((e): ProjectionProject | null => {
      const row = byId.get(e.id);
      if (!row) return null;
      const light = projectInvestmentLight(row, data.campaign, asOf);
      return {
        id: e.id,
        name: row.name,
        stage: row.stage,
        cumulativeWan: row.cumulativeWan,
        lastReportMonth: row.lastReportMonth,
        ...(light ? { light: light.light, gapPoints: light.gapPoints } : {}),
        ...(row.invalidRecords > 0 ? { invalidRecords: row.invalidRecords } : {}),
      };
    })
    .filter((p): p is ProjectionProject => p !== null);
  const projectionTargets: ProjectionTarget[] = targets.flatMap((t, i) => {
    const result = results[i];
    if (!result) return [];
    return [{ ...result, title: t.title, scope: t.scope.kind, ...(t.metric.kind === 'manual' ? { unitLabel: t.metric.unitLabel } : {}) }];
  });
  const raised = problemsRaisedBy(memberId, data, rows, asOf);
  const names: Record<string, string> = {};
  for (const p of raised) {
    const member = p.responsibleId === null ? undefined : data.members.find((m) => m.id === p.responsibleId);
    if (member) names[member.id] = member.name;
  }
  return {
    key,
    asOf,
    memberId,
    items,
    overdue: overdueCount(items),
    targets: projectionTargets,
    projects,
    theme: currentTheme(data.campaign, asOf),
    raised,
    names,
    updatedAt,
  };
}

/**
 * Reads the workspace document, the summary and my own project documents (registry entries where I am owner, 联系领导
 * or on the team, or answer for an open problem — not all of them), computes my checklist and stores it in `projections`, and refreshes the names and
 * role of the joined workspace. Returns null (and writes nothing) while the workspace document is not readable yet; writes nothing when the
 * workspace was left (or re-joined as another member) meanwhile.
 */
export async function refreshProjection(db: GuatuDb, session: Session, asOf: CalendarDate, options: RefreshOptions = {}): Promise<ChecklistProjection | null> {
  const { ws } = session;
  await session.workspace.whenLocal;
  if (options.settleMs !== undefined) await session.workspace.whenSettled(options.settleMs);
  const data = toWorkspaceData(readWorkspace(session.workspace.doc)).data;
  if (!data) return null;

  const mine = data.registry.filter((e) => !e.archived && worksOn(ws.memberId, e, data.units));
  const handles: DocHandle[] = [session.summary(), ...mine.map((e) => session.project(e.id))];
  try {
    await Promise.all(handles.map((h) => h.whenLocal));
    if (options.settleMs !== undefined) await Promise.all(handles.map((h) => h.whenSettled(options.settleMs ?? 0)));
    const [summary, ...projects] = handles;
    const rows = new Map<string, SummaryRow>();
    if (summary) for (const row of validValues(readSummary(summary.doc).rows)) rows.set(row.projectId, row);
    for (const handle of projects) {
      const { bundle, invalid } = toProjectBundle(readProjectDoc(handle.doc));
      if (bundle) rows.set(bundle.project.id, summaryRow(bundle, invalid));
    }
    const projection = computeProjection(ws.key, ws.memberId, data, [...rows.values()], asOf, (options.now ?? Date.now)());
    const member = data.members.find((m) => m.id === ws.memberId);
    await db.transaction('rw', db.projections, db.workspaces, async () => {
      const joined = await readJoined(db, ws.key);
      // Left, or re-joined as someone else in the meantime: this checklist is nobody's any more.
      if (!joined || joined.memberId !== ws.memberId) return;
      await db.projections.put(projection);
      {
        const names = { workspaceName: data.name, memberName: member?.name ?? joined.memberName, role: effectiveRole(joined, data) ?? joined.role };
        if (names.workspaceName !== joined.workspaceName || names.memberName !== joined.memberName || names.role !== joined.role) {
          await db.workspaces.put({ ...joined, ...names });
        }
      }
    });
    return projection;
  } finally {
    for (const handle of handles) handle.release();
  }
}
