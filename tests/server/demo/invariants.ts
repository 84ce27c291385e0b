import { ProjectBundleSchema, WorkspaceDataSchema, type WorkspaceData, type ProjectBundle } from '../../../shared/schema/bundle';
import { MonthlyReportSeriesSchema } from '../../../shared/schema/monthly-report';
import { STAGES } from '../../../shared/schema/stage';

/** Every problem found in one generated workspace, as readable lines (empty = all good). */
export function invariantViolations(workspace: WorkspaceData, projects: readonly ProjectBundle[], asOf: string): string[] {
  const out: string[] = [];
  const ws = WorkspaceDataSchema.safeParse(workspace);
  if (!ws.success) out.push(`workspace: ${JSON.stringify(ws.error.issues.slice(0, 3))}`);
  const unitIds = new Set(workspace.units.map((u) => u.id));
  const memberIds = new Set(workspace.members.map((m) => m.id));
  const unit = (id: string | null, where: string) => id !== null && !unitIds.has(id) && out.push(`${where}: unknown unit ${id}`);
  const member = (id: string | null, where: string) => id !== null && !memberIds.has(id) && out.push(`${where}: unknown member ${id}`);
  for (const u of workspace.units) member(u.headId, `unit ${u.id} head`);
  for (const m of workspace.members) unit(m.unitId, `member ${m.id}`);
  for (const t of workspace.targets) {
    if (t.scope.kind === 'unit') unit(t.scope.unitId, `target ${t.id}`);
    if (t.scope.kind === 'member') member(t.scope.memberId, `target ${t.id}`);
    member(t.created.by, `target ${t.id} created`);
  }
  // The end of the as-of day in Shanghai: nothing may be recorded after it.
  const limit = Date.parse(`${asOf}T23:59:59.999+08:00`);
  const registry = new Map(workspace.registry.map((r) => [r.id, r]));
  for (const b of projects) {
    const p = b.project;
    const where = `project ${p.id}`;
    const parsed = ProjectBundleSchema.safeParse(b);
    if (!parsed.success) out.push(`${where}: ${JSON.stringify(parsed.error.issues.slice(0, 2))}`);
    const series = MonthlyReportSeriesSchema.safeParse(b.reports);
    if (!series.success) out.push(`${where} reports: ${JSON.stringify(series.error.issues.slice(0, 2))}`);
    if (p.annualPlanWan > p.totalInvestmentWan) out.push(`${where}: annual plan above total`);
    for (const id of [p.unitId, p.serviceUnitId, p.countyId]) unit(id, where);
    for (const id of [p.leaderId, p.ownerId, p.attractedById, ...p.team, p.created.by, p.updated.by]) member(id, where);
    if (p.ownerId === null || p.leaderId === null) out.push(`${where}: no owner or leader`);
    const dates = STAGES.map((s) => p.stageDates[s]).filter((d): d is string => d !== undefined);
    if (dates.some((d, i) => i > 0 && d < dates[i - 1]!)) out.push(`${where}: stage dates out of order`);
    if (dates.some((d) => d > asOf)) out.push(`${where}: stage date after as-of`);
    if (p.kind === 'continued' && !(p.stageDates.started && p.stageDates.started < `${asOf.slice(0, 4)}-01-01`))
      out.push(`${where}: 续建 not started in an earlier year`);
    let previous = 0;
    for (const r of [...b.reports].sort((x, y) => x.month.localeCompare(y.month))) {
      if (r.cumulativeWan < previous) out.push(`${where}: cumulative went down in ${r.month}`);
      if (Math.abs(r.cumulativeWan - previous - r.completedWan) > 1e-6) out.push(`${where}: ${r.month} cumulative ≠ previous + month`);
      previous = r.cumulativeWan;
      member(r.filed.by, `${where} report ${r.month}`);
      if (r.filed.at > limit) out.push(`${where}: report ${r.month} filed after as-of`);
      if (r.month >= asOf.slice(0, 7)) out.push(`${where}: report for a month not over by the as-of day: ${r.month}`);
    }
    for (const m of b.milestones) {
      member(m.created.by, `${where} milestone ${m.id}`);
      if (m.done) {
        member(m.done.by, `${where} milestone ${m.id}`);
        if (m.done.at > limit || m.done.at < m.created.at) out.push(`${where}: milestone ${m.id} done at an impossible time`);
      }
    }
    for (const pb of b.problems) {
      unit(pb.departmentId, `${where} problem ${pb.id}`);
      for (const id of [pb.ownerId, pb.raised.by, pb.resolution?.by ?? null]) member(id, `${where} problem ${pb.id}`);
      if (pb.raised.at > limit || (pb.resolution && (pb.resolution.at > limit || pb.resolution.at < pb.raised.at)))
        out.push(`${where}: problem ${pb.id} at an impossible time`);
    }
    if (p.updated.at < p.created.at || p.updated.at > limit) out.push(`${where}: updated at an impossible time`);
    const entry = registry.get(p.id);
    if (
      !entry ||
      entry.name !== p.name ||
      entry.ownerId !== p.ownerId ||
      entry.leaderId !== p.leaderId ||
      entry.unitId !== p.unitId ||
      entry.team.join() !== p.team.join()
    ) {
      out.push(`${where}: registry entry does not match`);
    }
  }
  if (registry.size !== projects.length) out.push('registry and projects differ in number');
  return out;
}
