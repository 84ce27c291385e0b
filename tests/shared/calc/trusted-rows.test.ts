import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { rankMembers, rankUnits } from '../../../shared/calc/rankings';
import { summaryRow } from '../../../shared/calc/summary-row';
import { evaluateTargets } from '../../../shared/calc/targets';
import { trustedRows, unconfirmedFlags } from '../../../shared/calc/trusted-rows';
import { addMember, addTarget, addUnit, confirmRegistration, confirmReportFigure, initWorkspace, registerProject } from '../../../shared/model/workspace-write';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { initProject } from '../../../shared/model/project-init';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { seededIds } from '../../../shared/model/ids';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import type { Author } from '../../../shared/model/origin';
import { defaultCampaign } from '../../../shared/schema/campaign';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

const AS_OF = '2026-03-31';
const at = Date.UTC(2026, 2, 20, 4);
const admin: Author = { memberId: 'admin', at };
const zhang: Author = { memberId: 'zhang', at };
const year = { start: '2026-01-01', end: '2026-12-31' };

/** A city workspace: 项目办, a cadre, a 联系领导 (role member: a leader's rights come from the projects he leads), targets. */
function city(): Y.Doc {
  const ws = new Y.Doc();
  initWorkspace(ws, { id: 'ws1', name: '示范市项目建设年', campaign: defaultCampaign(2026) }, admin);
  addUnit(ws, { id: 'u1', name: '高新区', kind: 'county' }, admin);
  addMember(ws, { id: 'admin', name: '周敏', rank: 'section', role: 'admin' }, admin);
  addMember(ws, { id: 'zhang', name: '张伟', rank: 'deputyDivision', role: 'member', unitId: 'u1' }, admin);
  addMember(ws, { id: 'lead', name: '李市长', rank: 'cityLeader', role: 'member' }, admin);
  const investment = { kind: 'investmentSum' as const, filter: {} };
  addTarget(ws, { id: 't-city', title: '全市项目完成投资', scope: { kind: 'workspace' }, ...year, goal: 100_000, metric: investment }, admin);
  addTarget(
    ws,
    { id: 't-lead', title: '李市长包联项目完成投资', scope: { kind: 'member', memberId: 'lead' }, ...year, goal: 10_000, metric: investment },
    admin,
  );
  addTarget(
    ws,
    {
      id: 't-quota',
      title: '张伟招商任务',
      scope: { kind: 'member', memberId: 'zhang' },
      ...year,
      goal: 1,
      metric: { kind: 'memberQuota', perMember: 1, thresholdsWan: { deputyDivision: 1000 }, deadline: '2026-11-30' },
    },
    admin,
  );
  return ws;
}

/** A project document with its 月报, as the summary deriver turns it into a row. */
function projectRow(input: Parameters<typeof initProject>[1], reports: [string, number][], author: Author = zhang): { doc: Y.Doc; row: () => SummaryRow } {
  const doc = new Y.Doc();
  expect(initProject(doc, input, author, { locale: 'zh-CN', defaultMilestones: false }).ok).toBe(true);
  for (const [month, completedWan] of reports) {
    expect(fileMonthlyReport(doc, { month, completedWan, progress: '', issues: '' }, author).ok).toBe(true);
  }
  return { doc, row: () => summaryRow(toProjectBundle(readProjectDoc(doc)).bundle!) };
}

function data(ws: Y.Doc): WorkspaceData {
  return toWorkspaceData(readWorkspace(ws)).data!;
}

function result(ws: Y.Doc, rows: SummaryRow[], targetId: string) {
  return evaluateTargets(data(ws), rows, AS_OF).find((r) => r.targetId === targetId)!;
}

/** 高新区's steady project: 3000 万元 a month, 9% of the city goal by March against 25% 序时. */
function steady(ws: Y.Doc): SummaryRow {
  registerProject(ws, { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' }, admin);
  return projectRow({ id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang', totalInvestmentWan: 50_000, annualPlanWan: 40_000 }, [
    ['2026-01', 3000],
    ['2026-02', 3000],
    ['2026-03', 3000],
  ]).row();
}

describe('审核: a flagged 月报 figure counts only once the 项目办 confirms it', () => {
  it('a 1e9 万元 月报 on a 100 万元 project does not move the city target until confirmed, and does after', () => {
    const ws = city();
    registerProject(ws, { id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang' }, admin);
    const fake = projectRow({ id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang', totalInvestmentWan: 100, annualPlanWan: 100 }, [
      ['2026-03', 1e9],
    ]);
    const rows = [steady(ws), fake.row()];

    const before = result(ws, rows, 't-city');
    expect(before.actual).toBe(9000);
    expect(before.light).toBe('red');
    expect(unconfirmedFlags(rows[1]!, data(ws)).map((f) => f.month)).toEqual(['2026-03']);

    const confirmed = confirmReportFigure(ws, { projectId: 'p-fake', month: '2026-03', completedWan: 1e9, cumulativeWan: 1e9 }, admin, { newId: seededIds(1) });
    expect(confirmed.ok).toBe(true);
    const after = result(ws, rows, 't-city');
    expect(after.actual).toBe(1e9 + 9000);
    expect(after.light).toBe('green');
    expect(unconfirmedFlags(rows[1]!, data(ws))).toEqual([]);
  });

  it('a changed figure needs a new confirmation: the old one confirms only the values it names', () => {
    const ws = city();
    registerProject(ws, { id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang' }, admin);
    const fake = projectRow({ id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang', totalInvestmentWan: 100, annualPlanWan: 100 }, [
      ['2026-03', 500],
    ]);
    confirmReportFigure(ws, { projectId: 'p-fake', month: '2026-03', completedWan: 500, cumulativeWan: 500 }, admin, { newId: seededIds(2) });
    expect(result(ws, [fake.row()], 't-city').actual).toBe(500);

    expect(fileMonthlyReport(fake.doc, { month: '2026-03', completedWan: 5e8, progress: '', issues: '' }, zhang).ok).toBe(true);
    expect(result(ws, [fake.row()], 't-city').actual).toBe(0);
  });

  it('the rankings leave the unconfirmed month out, like the target of the same figure', () => {
    const ws = city();
    registerProject(ws, { id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang' }, admin);
    const fake = projectRow({ id: 'p-fake', name: '小型仓储项目', unitId: 'u1', ownerId: 'zhang', totalInvestmentWan: 100, annualPlanWan: 100 }, [
      ['2026-03', 1e9],
    ]);
    // Both projects are 李市长's 包联 projects: the leaders' ranking leaves the month out too.
    const rows = [steady(ws), fake.row()].map((r) => ({ ...r, leaderId: 'lead' }));
    const unit = rankUnits(data(ws), rows, year, AS_OF, 'investmentShare', 'county').entries.find((e) => e.id === 'u1');
    expect(unit?.numerator).toBe(9000);
    const leader = rankMembers(data(ws), rows, year, AS_OF, 'investmentShare').entries.find((e) => e.id === 'lead');
    expect(leader?.numerator).toBe(9000);
  });

  it('unflagged rows pass through untouched (the same objects)', () => {
    const ws = city();
    const rows = [steady(ws)];
    expect(trustedRows(rows, data(ws))[0]).toBe(rows[0]);
  });
});

describe('审核: a project a member registered offline counts as the creator’s own until confirmed', () => {
  /** 张伟 created it offline naming 李市长 as 联系领导 and himself as attracting it; the server registered it pending. */
  function offlineProject(ws: Y.Doc) {
    registerProject(
      ws,
      { id: 'p-new', name: '冷链物流中心', unitId: 'u1', ownerId: 'zhang', leaderId: 'lead', team: ['lead'], confirmed: false },
      { memberId: 'server', at },
    );
    return projectRow(
      {
        id: 'p-new',
        name: '冷链物流中心',
        unitId: 'u1',
        ownerId: 'lead',
        leaderId: 'lead',
        team: ['lead'],
        attractedById: 'zhang',
        totalInvestmentWan: 80_000,
        annualPlanWan: 40_000,
        stage: 'signed',
        stageDates: { signed: '2026-02-01' },
      },
      [
        ['2026-01', 6000],
        ['2026-02', 6000],
      ],
    );
  }

  it('does not move the named leader’s target, nor the quota of the member it names as attractor, until 项目办 confirms', () => {
    const ws = city();
    const rows = [offlineProject(ws).row()];
    expect(result(ws, rows, 't-lead').actual).toBe(0);
    expect(result(ws, rows, 't-quota').actual).toBe(0);
    expect(rankMembers(data(ws), rows, year, AS_OF, 'investmentShare').entries.find((e) => e.id === 'lead')?.numerator).toBe(0);
    // The creator's own project: it counts for the unit and the city (the creator, an owner, is no 包联领导 to rank).
    expect(rankUnits(data(ws), rows, year, AS_OF, 'investmentShare', 'county').entries.find((e) => e.id === 'u1')?.numerator).toBe(12_000);
    expect(rankMembers(data(ws), rows, year, AS_OF, 'investmentShare').entries.find((e) => e.id === 'zhang')).toBeUndefined();
    expect(result(ws, rows, 't-city').actual).toBe(12_000);

    const confirmed = confirmRegistration(ws, { projectId: 'p-new', leaderId: 'lead', team: ['lead'], attractedById: 'zhang' }, admin, { newId: seededIds(3) });
    expect(confirmed.ok).toBe(true);
    expect(result(ws, rows, 't-lead').actual).toBe(12_000);
    expect(rankMembers(data(ws), rows, year, AS_OF, 'investmentShare').entries.find((e) => e.id === 'lead')?.numerator).toBe(12_000);
    expect(result(ws, rows, 't-quota').actual).toBe(1);
  });

  it('keeps the creator as owner: the row counts for the registry’s owner, not for whom the document names', () => {
    const ws = city();
    const [trusted] = trustedRows([offlineProject(ws).row()], data(ws));
    expect(trusted).toMatchObject({ ownerId: 'zhang', leaderId: null, team: [], attractedById: null });
  });
});
