/** Builders for the worked examples of the summary, escalation, checklist, 月报 and circular tests. */
import { defaultCampaign } from '../../../shared/schema/campaign';
import type { Member } from '../../../shared/schema/member';
import type { Milestone } from '../../../shared/schema/milestone';
import type { MonthlyReport } from '../../../shared/schema/monthly-report';
import type { Problem } from '../../../shared/schema/problem';
import type { Project } from '../../../shared/schema/project';
import type { ProjectBundle, WorkspaceData } from '../../../shared/schema/bundle';
import type { RegistryEntry } from '../../../shared/schema/registry';
import type { Target } from '../../../shared/schema/target';
import type { Unit } from '../../../shared/schema/unit';

/** Noon in Asia/Shanghai on a calendar day, as epoch ms (04:00 UTC). */
export function shanghaiNoon(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 4);
}

const created = { by: 'admin', at: shanghaiNoon('2026-01-05') };

export function project(overrides: Partial<Project> = {}): Project {
  return {
    id: 'p1',
    code: 'XM-001',
    name: '智能装备产业园',
    category: 'industry',
    kind: 'new',
    source: 'attracted',
    unitId: 'u1',
    serviceUnitId: null,
    countyId: null,
    leaderId: 'lead',
    ownerId: 'zhang',
    team: [],
    plan: '',
    content: '',
    attractedById: null,
    keyLevel: 'city',
    totalInvestmentWan: 50_000,
    annualPlanWan: 12_000,
    plannedStart: '2026-03-01',
    plannedCompletion: '2027-12-31',
    stage: 'started',
    stageDates: { signed: '2026-01-10', started: '2026-03-05' },
    progressNote: '',
    archived: false,
    created,
    updated: created,
    ...overrides,
  };
}

export function milestone(id: string, dueDate: string, overrides: Partial<Milestone> = {}): Milestone {
  return { id, title: `节点 ${id}`, dueDate, order: 0, done: null, archived: false, created, ...overrides };
}

export function problem(id: string, deadline: string, overrides: Partial<Problem> = {}): Problem {
  return {
    id,
    description: `问题 ${id}`,
    raised: { by: 'zhang', at: shanghaiNoon('2026-02-01') },
    departmentId: null,
    ownerId: null,
    deadline,
    status: 'open',
    escalation: 'assigned',
    resolution: null,
    notes: '',
    archived: false,
    ...overrides,
  };
}

export function report(month: string, completedWan: number, cumulativeWan: number, overrides: Partial<MonthlyReport> = {}): MonthlyReport {
  return {
    month,
    completedWan,
    cumulativeWan,
    progress: '',
    issues: '',
    filed: { by: 'zhang', at: shanghaiNoon(`${month}-28`) },
    ...overrides,
  };
}

export function bundle(p: Partial<Project>, parts: Partial<Omit<ProjectBundle, 'project'>> = {}): ProjectBundle {
  return { project: project(p), milestones: [], problems: [], reports: [], ...parts };
}

export function member(id: string, name: string, overrides: Partial<Member> = {}): Member {
  return { id, name, rank: 'section', unitId: 'u1', role: 'member', archived: false, ...overrides };
}

export function unit(id: string, name: string, overrides: Partial<Unit> = {}): Unit {
  return { id, name, kind: 'department', headId: null, archived: false, ...overrides };
}

export function registryOf(projects: readonly Project[]): RegistryEntry[] {
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    unitId: p.unitId,
    ownerId: p.ownerId,
    leaderId: p.leaderId,
    team: p.team,
    archived: p.archived,
  }));
}

export function workspace(overrides: Partial<WorkspaceData> = {}): WorkspaceData {
  return {
    id: 'ws1',
    name: '示范市',
    campaign: defaultCampaign(2026),
    units: [unit('u1', '市发改委'), unit('u2', '高新区', { kind: 'county' }), unit('u3', '市工信局')],
    members: [member('zhang', '张伟'), member('lead', '李市长', { rank: 'cityLeader', role: 'leader' }), member('wang', '王芳', { unitId: 'u2' })],
    targets: [] as Target[],
    registry: [],
    ...overrides,
  };
}
