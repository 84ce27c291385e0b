import * as Y from 'yjs';
import { memberChecklist } from '../../../shared/calc/checklist';
import { summaryRow } from '../../../shared/calc/summary-row';
import { addMember, addUnit, initWorkspace, registerProject, setProblemParties } from '../../../shared/model/workspace-write';
import { addMilestone } from '../../../shared/model/project-milestones';
import { addProblem } from '../../../shared/model/project-problems';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { initProject, type ProjectInput } from '../../../shared/model/project-init';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import type { Author } from '../../../shared/model/origin';
import type { ModelResult } from '../../../shared/model/result';
import { isAssigned } from '../../../shared/rights';
import { defaultCampaign } from '../../../shared/schema/campaign';
import type { Role } from '../../../shared/schema/member';
import { docActions } from '../../../entrypoints/popup/doc-actions';
import { checklistData } from '../../../client/view-models/checklist/checklist-source';
import { editRights, liveExtras, writeRights } from '../../../client/view-models/checklist/live-extras';
import type { ChecklistData, TargetLine } from '../../../client/view-models/checklist/checklist-data';
import type { ChecklistActions } from '../../../components/checklist/checklist-actions';

/**
 * A small city workspace as of Friday 3 April 2026 (二季度 · 双过半), seen by 张伟 (m-me, a member):
 * p1 智能装备产业园 — I own it: milestones 规划选址 due 20 Mar (14 days late → 督办), 土地预审 due 1 Apr (2 days late →
 *   提醒), 能评 due 10 Apr (in 7 days), 环评/安评/立项 later; 月报 Jan 1000 + Feb 800 (cumulative 1800), March unfiled
 *   (due 5 Apr); problems 施工用电未接入 (deadline 30 Mar, 4 days late → 提醒) and 征地拆迁进度滞后 (deadline 20 Apr).
 * p2 城南污水处理厂 — owned by 王强, I am 联系领导: milestone 管网施工图审查 due 5 Apr (in 2 days).
 * p3 高铁站前广场 — not mine, but I am the 责任人 of its problem 交通导改方案未批复 (deadline 25 Apr): I see it and answer
 *   for it (the server has recorded me among the project's problem parties), but edit nothing else of p3.
 */
export const AS_OF = '2026-04-03';
export const ME = 'm-me';
const AT = Date.UTC(2026, 0, 5, 2); // 5 Jan 2026, 10:00 Shanghai
export const admin: Author = { memberId: 'm-admin', at: AT };
export const meAt = (offsetMs = 0): Author => ({ memberId: ME, at: Date.UTC(2026, 3, 3, 2) + offsetMs });

function must(result: ModelResult): void {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${n++}`;
}

export interface World {
  workspace: Y.Doc;
  projects: Map<string, Y.Doc>;
  /** The checklist as the popup shows it, computed from the documents now. */
  data(targets?: readonly TargetLine[]): ChecklistData;
  actions(role?: Role): ChecklistActions;
  /** Calls `cb` after any document changes. */
  onChange(cb: () => void): () => void;
}

function project(input: ProjectInput, dueDates?: Record<string, string>): Y.Doc {
  const doc = new Y.Doc();
  must(
    initProject(doc, input, admin, {
      locale: 'zh-CN',
      newId: counter(`${input.id}-m`),
      defaultMilestones: dueDates !== undefined,
      ...(dueDates ? { milestoneDueDates: dueDates } : {}),
    }),
  );
  return doc;
}

export function buildWorld(): World {
  const workspace = new Y.Doc();
  must(initWorkspace(workspace, { id: 'ws1', name: '云川市2026年项目建设年', campaign: defaultCampaign(2026) }, admin));
  must(addUnit(workspace, { id: 'u-land', name: '自然资源局', kind: 'department' }, admin));
  must(addUnit(workspace, { id: 'u-dev', name: '发改局', kind: 'department' }, admin));
  must(addMember(workspace, { id: ME, name: '张伟', rank: 'section', role: 'member', unitId: 'u-dev' }, admin));
  must(addMember(workspace, { id: 'm-other', name: '王强', rank: 'section', role: 'member' }, admin));
  must(addMember(workspace, { id: 'm-obs', name: '李督查', rank: 'staff', role: 'observer' }, admin));
  must(registerProject(workspace, { id: 'p1', name: '智能装备产业园', ownerId: ME }, admin));
  must(registerProject(workspace, { id: 'p2', name: '城南污水处理厂', ownerId: 'm-other', leaderId: ME }, admin));
  must(registerProject(workspace, { id: 'p3', name: '高铁站前广场', ownerId: 'm-other' }, admin));

  const p1 = project(
    { id: 'p1', name: '智能装备产业园', ownerId: ME, totalInvestmentWan: 50_000, annualPlanWan: 12_000, stage: 'signed', stageDates: { signed: '2026-02-01' } },
    {
      siteSelection: '2026-03-20',
      landPreReview: '2026-04-01',
      energyReview: '2026-04-10',
      environmentReview: '2026-05-30',
      safetyReview: '2026-06-10',
      approval: '2026-06-20',
    },
  );
  must(fileMonthlyReport(p1, { month: '2026-01', completedWan: 1000, progress: '场地平整', issues: '' }, { memberId: ME, at: Date.UTC(2026, 1, 3, 2) }));
  must(fileMonthlyReport(p1, { month: '2026-02', completedWan: 800, progress: '围墙施工', issues: '' }, { memberId: ME, at: Date.UTC(2026, 2, 3, 2) }));
  must(addProblem(p1, { id: 'pr-power', description: '施工用电未接入', departmentId: 'u-dev', deadline: '2026-03-30' }, admin));
  must(addProblem(p1, { id: 'pr-land', description: '征地拆迁进度滞后', departmentId: 'u-land', deadline: '2026-04-20' }, admin));

  const p2 = project({ id: 'p2', name: '城南污水处理厂', ownerId: 'm-other', leaderId: ME, stage: 'started', stageDates: { started: '2025-10-01' } });
  must(addMilestone(p2, { id: 'p2-m-0', title: '管网施工图审查', dueDate: '2026-04-05' }, admin));

  const p3 = project({ id: 'p3', name: '高铁站前广场', ownerId: 'm-other' });
  must(addProblem(p3, { id: 'pr-traffic', description: '交通导改方案未批复', ownerId: ME, deadline: '2026-04-25' }, admin));
  // what the server derives from p3's problems (server/derive/summary-deriver.ts)
  must(setProblemParties(workspace, 'p3', { members: [ME], units: [] }, { memberId: 'server', at: AT }));

  const projects = new Map([
    ['p1', p1],
    ['p2', p2],
    ['p3', p3],
  ]);

  const data = (targets: readonly TargetLine[] = []): ChecklistData => {
    const ws = toWorkspaceData(readWorkspace(workspace)).data;
    if (!ws) throw new Error('workspace unreadable');
    const reads = [...projects].map(([id, doc]) => ({ id, read: readProjectDoc(doc) }));
    const rows = reads.flatMap(({ read }) => {
      const { bundle, invalid } = toProjectBundle(read);
      return bundle ? [summaryRow(bundle, invalid)] : [];
    });
    const items = memberChecklist(ME, ws, rows, [], AS_OF).filter((i) => i.kind !== 'target');
    const mine = ws.registry.filter((e) => isAssigned(ME, e));
    const projection = {
      asOf: AS_OF,
      items,
      targets,
      projects: mine.flatMap((e) => {
        const row = rows.find((r) => r.projectId === e.id);
        return row ? [{ id: e.id, name: row.name, stage: row.stage, cumulativeWan: row.cumulativeWan, lastReportMonth: row.lastReportMonth }] : [];
      }),
    };
    return checklistData(
      projection,
      liveExtras(
        readWorkspace(workspace),
        reads.filter((r) => mine.some((e) => e.id === r.id)),
        { memberId: ME, role: 'member' },
      ),
    );
  };

  const actions = (role: Role = 'member'): ChecklistActions => {
    const extras = liveExtras(readWorkspace(workspace), [], { memberId: ME, role });
    const mine = role === 'member' ? extras : { ...extras, role };
    let tick = 0;
    return docActions({
      openProject: async (id) => {
        const doc = projects.get(id);
        if (!doc) throw new Error(`no project ${id}`);
        return doc;
      },
      author: () => meAt(++tick * 1000),
      canEdit: editRights(ME, mine),
      canWrite: writeRights(ME, mine),
      canEscalate: role === 'admin' || role === 'leader',
    });
  };

  const onChange = (cb: () => void) => {
    const docs = [workspace, ...projects.values()];
    for (const doc of docs) doc.on('update', cb);
    return () => {
      for (const doc of docs) doc.off('update', cb);
    };
  };

  return { workspace, projects, data, actions, onChange };
}
