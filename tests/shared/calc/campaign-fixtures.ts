import { defaultCampaign } from '../../../shared/schema/campaign';
import { SummaryRowSchema } from '../../../shared/schema/summary';
import { TargetSchema } from '../../../shared/schema/target';
import { WorkspaceDataSchema } from '../../../shared/schema/bundle';
import type { Campaign } from '../../../shared/schema/campaign';
import type { Member } from '../../../shared/schema/member';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { Target } from '../../../shared/schema/target';
import type { Unit } from '../../../shared/schema/unit';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** Fixtures for the campaign arithmetic: every builder validates through the real schema, so a test cannot feed nonsense. */

const created = { by: 'admin', at: Date.UTC(2026, 0, 1) };

export function row(projectId: string, overrides: Partial<SummaryRow> = {}): SummaryRow {
  return SummaryRowSchema.parse({
    projectId,
    code: `XM-${projectId}`,
    name: `项目${projectId}`,
    category: 'industry',
    kind: 'new',
    source: 'government',
    keyLevel: 'city',
    unitId: null,
    serviceUnitId: null,
    countyId: null,
    leaderId: null,
    ownerId: null,
    team: [],
    attractedById: null,
    totalInvestmentWan: 10_000,
    annualPlanWan: 1_000,
    plannedStart: null,
    plannedCompletion: null,
    stage: 'planning',
    stageDates: {},
    completedByMonth: {},
    cumulativeWan: 0,
    lastReportMonth: null,
    progress: '',
    milestones: [],
    problems: [],
    invalidRecords: 0,
    archived: false,
    updatedAt: 0,
    ...overrides,
  });
}

export function target(id: string, overrides: Partial<Target> = {}): Target {
  return TargetSchema.parse({
    id,
    title: `目标${id}`,
    scope: { kind: 'workspace' },
    start: '2026-01-01',
    end: '2026-12-31',
    windowId: null,
    goal: 1000,
    metric: { kind: 'investmentSum', filter: {} },
    archived: false,
    created,
    ...overrides,
  });
}

export function member(id: string, overrides: Partial<Member> = {}): Member {
  return { id, name: `干部${id}`, rank: 'section', unitId: null, role: 'member', archived: false, ...overrides };
}

export function unit(id: string, overrides: Partial<Unit> = {}): Unit {
  return { id, name: `单位${id}`, kind: 'county', headId: null, archived: false, ...overrides };
}

export function workspace(parts: { targets?: Target[]; members?: Member[]; units?: Unit[]; campaign?: Partial<Campaign> } = {}): WorkspaceData {
  return WorkspaceDataSchema.parse({
    id: 'ws',
    name: '某市项目建设年',
    campaign: { ...defaultCampaign(2026), ...parts.campaign },
    units: parts.units ?? [],
    members: parts.members ?? [],
    targets: parts.targets ?? [],
    registry: [],
  });
}
