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

/** On time: the 3rd of the month after `month`, 12:00 in Shanghai (inside the default window, which closes on the 5th). */
function onTime(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 3, 4);
}

/** A project document with its 月报 (each filed on time), as the summary deriver turns it into a row. */
function projectRow(input: Parameters<typeof initProject>[1], reports: [string, number][], author: Author = zhang): { doc: Y.Doc; row: () => SummaryRow } {
  const doc = new Y.Doc();
  expect(initProject(doc, input, author, { locale: 'zh-CN', defaultMilestones: false }).ok).toBe(true);
  for (const [month, completedWan] of reports) {
    expect(fileMonthlyReport(doc, { month, completedWan, progress: '', issues: '' }, { ...author, at: onTime(month) }).ok).toBe(true);
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

describe('月报 window: a late filing or correction by a member is a request the 项目办 approves', () => {
  const project = { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang', team: ['wang'], totalInvestmentWan: 50_000, annualPlanWan: 40_000 };

  it('a month back-filed after its window shows on the board but counts only once approved', () => {
    const ws = city();
    registerProject(ws, { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' }, admin);
    const p = projectRow(project, [['2026-02', 3000]]);
    // January was skipped; zhang back-files it on 20 March, after January's window closed on 5 February
    expect(fileMonthlyReport(p.doc, { month: '2026-01', completedWan: 2000, progress: '', issues: '' }, zhang).ok).toBe(true);
    const row = p.row();
    expect(row.completedByMonth['2026-01']).toBe(2000);
    // February's 本月 figure was re-derived (its report spanned January): a late correction too
    expect(row.completedByMonth['2026-02']).toBe(1000);
    expect(unconfirmedFlags(row, data(ws)).map((f) => [f.month, f.completedWan, f.reasons])).toEqual([
      ['2026-01', 2000, ['filedLate']],
      ['2026-02', 1000, ['filedLate']],
    ]);
    expect(result(ws, [row], 't-city').actual).toBe(0);

    confirmReportFigure(ws, { projectId: 'p-steady', month: '2026-01', completedWan: 2000, cumulativeWan: 2000 }, admin, { newId: seededIds(7) });
    confirmReportFigure(ws, { projectId: 'p-steady', month: '2026-02', completedWan: 1000, cumulativeWan: 3000 }, admin, { newId: seededIds(8) });
    expect(result(ws, [row], 't-city').actual).toBe(3000);
    expect(unconfirmedFlags(row, data(ws))).toEqual([]);
  });

  it('a correction inside the window counts at once; after it, the corrected figure waits and the board names what it replaced', () => {
    const ws = city();
    registerProject(ws, { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' }, admin);
    const p = projectRow(project, [['2026-02', 3000]]);
    const inWindow: Author = { memberId: 'zhang', at: Date.UTC(2026, 2, 5, 15) }; // 23:00 on 5 March in Shanghai
    expect(fileMonthlyReport(p.doc, { month: '2026-02', completedWan: 2500, progress: '', issues: '' }, inWindow).ok).toBe(true);
    expect(result(ws, [p.row()], 't-city').actual).toBe(2500);

    const afterWindow: Author = { memberId: 'zhang', at: Date.UTC(2026, 2, 5, 16) }; // 00:00 on 6 March in Shanghai
    expect(fileMonthlyReport(p.doc, { month: '2026-02', completedWan: 4000, progress: '', issues: '' }, afterWindow).ok).toBe(true);
    const row = p.row();
    expect(result(ws, [row], 't-city').actual).toBe(0);
    expect(row.reportFiling?.['2026-02']).toEqual({
      filed: { by: 'zhang', at: afterWindow.at },
      cumulativeWan: 4000,
      corrections: 2,
      previous: { completedWan: 2500, cumulativeWan: 2500, filed: { by: 'zhang', at: inWindow.at } },
    });
  });

  it('the 项目办’s own back-filing counts at once; a campaign without approval counts a member’s too', () => {
    const ws = city();
    registerProject(ws, { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' }, admin);
    const p = projectRow(project, []);
    expect(fileMonthlyReport(p.doc, { month: '2026-01', completedWan: 2000, progress: '', issues: '' }, admin).ok).toBe(true);
    expect(result(ws, [p.row()], 't-city').actual).toBe(2000);

    const q = projectRow({ ...project, id: 'p2' }, []);
    expect(fileMonthlyReport(q.doc, { month: '2026-01', completedWan: 700, progress: '', issues: '' }, zhang).ok).toBe(true);
    const lenient: WorkspaceData = { ...data(ws), campaign: { ...data(ws).campaign, reports: { correctionUntilDay: 5, lateNeedsApproval: false } } };
    expect(unconfirmedFlags(q.row(), lenient)).toEqual([]);
    expect(unconfirmedFlags(q.row(), data(ws)).map((f) => f.reasons)).toEqual([['filedLate']]);
  });

  it('a backdated filing time does not help: the server’s receipt time counts when it is later', () => {
    const ws = city();
    registerProject(ws, { id: 'p-steady', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' }, admin);
    const p = projectRow(project, [['2026-02', 3000]]); // claims 3 March
    const row = p.row();
    const received: SummaryRow = { ...row, reportFiling: { '2026-02': { ...row.reportFiling!['2026-02']!, receivedAt: Date.UTC(2026, 2, 19) } } };
    expect(result(ws, [row], 't-city').actual).toBe(3000);
    expect(result(ws, [received], 't-city').actual).toBe(0);
  });
});
