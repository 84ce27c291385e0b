import { defaultCampaign } from '../../../shared/schema/campaign';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { Target } from '../../../shared/schema/target';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { RecordRead } from '../../../shared/model/result';
import type { SummaryRead } from '../../../shared/model/summary';
import type { WorkspaceRead } from '../../../shared/model/workspace-read';

/** The board's day: mid-April, so 序时 on the months basis is 3/12 = 25% and March's 月报 was due on 5 April. */
export const AS_OF = '2026-04-15';
const CREATED = { by: 'm-admin', at: Date.UTC(2026, 0, 2) };

function target(id: string, title: string, goal: number, scope: Target['scope'], metric: Target['metric']): Target {
  return { id, title, scope, start: '2026-01-01', end: '2026-12-31', windowId: null, goal, metric, archived: false, created: CREATED };
}

export const WORKSPACE: WorkspaceData = {
  id: 'ws1',
  name: '云川市项目建设年',
  campaign: defaultCampaign(2026, '云川市2026年项目建设年'),
  units: [
    { id: 'u-east', name: '东城区', kind: 'county', headId: null, archived: false },
    { id: 'u-dev', name: '发改委', kind: 'department', headId: null, archived: false },
    { id: 'u-ind', name: '工信局', kind: 'department', headId: null, archived: false },
  ],
  members: [
    { id: 'm-li', name: '李明', rank: 'deputyDivision', unitId: 'u-east', role: 'member', archived: false },
    { id: 'm-wang', name: '王芳', rank: 'section', unitId: 'u-dev', role: 'member', archived: false },
    { id: 'm-zhao', name: '赵强', rank: 'cityLeader', unitId: null, role: 'leader', archived: false },
  ],
  targets: [
    // 310 of 1000 万元 = 31% against 25% → 超序时进度 6.00 个百分点, green; forecast 310 ÷ 0.25 = 1240 万元.
    target('t-invest', '全年完成投资', 1000, { kind: 'workspace' }, { kind: 'investmentSum', filter: {} }),
    // 1 of 10 started = 10% against 25% → 落后序时进度 15.00 个百分点 (> 10 points), red; forecast 1 ÷ 0.25 = 4, capped at the 3 projects there are (1 started + 2 that can still start) → 3 个.
    target('t-start', '新开工项目', 10, { kind: 'workspace' }, { kind: 'stageCount', stage: 'started', filter: {} }),
    // 310 of 1300 = 23.85% against 25% → 落后序时进度 1.15 个百分点, yellow.
    target('t-east', '东城区完成投资', 1300, { kind: 'unit', unitId: 'u-east' }, { kind: 'investmentSum', filter: {} }),
  ],
  registry: [
    { id: 'p1', name: '智能装备产业园', unitId: 'u-east', ownerId: 'm-li', leaderId: 'm-zhao', team: [], archived: false },
    { id: 'p2', name: '临港物流园', unitId: 'u-dev', ownerId: 'm-wang', leaderId: null, team: [], archived: false },
    { id: 'p3', name: '高标准农田', unitId: 'u-ind', ownerId: null, leaderId: null, team: [], archived: false },
  ],
};

function row(base: Pick<SummaryRow, 'projectId' | 'code' | 'name'> & Partial<SummaryRow>): SummaryRow {
  return {
    category: 'industry',
    kind: 'new',
    source: 'attracted',
    keyLevel: 'city',
    unitId: null,
    serviceUnitId: null,
    countyId: null,
    leaderId: null,
    ownerId: null,
    team: [],
    attractedById: null,
    totalInvestmentWan: 10_000,
    annualPlanWan: 0,
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
    updatedAt: CREATED.at,
    ...base,
  };
}

export const ROWS: SummaryRow[] = [
  row({
    projectId: 'p1',
    code: 'XM-001',
    name: '智能装备产业园',
    unitId: 'u-east',
    ownerId: 'm-li',
    leaderId: 'm-zhao',
    annualPlanWan: 600,
    plannedStart: '2026-03-01',
    stage: 'started',
    stageDates: { signed: '2025-11-01', preparation: '2025-12-01', started: '2026-03-10' },
    completedByMonth: { '2026-01': 100, '2026-02': 100, '2026-03': 110 },
    cumulativeWan: 310,
    lastReportMonth: '2026-03',
  }),
  row({
    projectId: 'p2',
    code: 'XM-002',
    name: '临港物流园',
    unitId: 'u-dev',
    ownerId: 'm-wang',
    annualPlanWan: 400,
    category: 'infrastructure',
    stage: 'preparation',
    stageDates: { signed: '2026-01-05', preparation: '2026-02-01' },
    completedByMonth: { '2026-01': 0, '2026-02': 0 },
    lastReportMonth: '2026-02',
    problems: [
      // 14 days past its deadline on 15 April: 督办 (≥ 7 days); the 工信局 answers for it.
      {
        id: 'q-land',
        description: '用地指标未落实',
        departmentId: 'u-ind',
        ownerId: 'm-wang',
        deadline: '2026-04-01',
        status: 'open',
        escalation: 'assigned',
        raisedOn: '2026-03-01',
        resolvedOn: null,
      },
      // One day late: 提醒; no department named, so the project's own unit (发改委) answers.
      {
        id: 'q-power',
        description: '临时用电未接入',
        departmentId: null,
        ownerId: null,
        deadline: '2026-04-14',
        status: 'inProgress',
        escalation: 'assigned',
        raisedOn: '2026-03-20',
        resolvedOn: null,
      },
    ],
  }),
  row({ projectId: 'p3', code: 'XM-003', name: '高标准农田', unitId: 'u-ind', category: 'agriculture' }),
];

const ok = <T>(value: T): RecordRead<T> => ({ ok: true, value });

export function workspaceRead(data: WorkspaceData = WORKSPACE): WorkspaceRead {
  return {
    meta: ok({ id: data.id, name: data.name, created: CREATED }),
    campaign: ok(data.campaign),
    units: data.units.map(ok),
    members: data.members.map(ok),
    targets: data.targets.map(ok),
    registry: data.registry.map(ok),
    reminders: (data.reminders ?? []).map(ok),
    reviews: (data.reviews ?? []).map(ok),
  };
}

export function summaryRead(rows: SummaryRow[] = ROWS, extra: RecordRead<SummaryRow>[] = []): SummaryRead {
  return { rows: [...rows.map(ok), ...extra] };
}
