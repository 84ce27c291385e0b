import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import { readActivity } from '../../../shared/model/activity';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { addMember, addUnit } from '../../../shared/model/workspace-write';
import { applyImportAction } from '../../../shared/import/apply';
import { importContext } from '../../../shared/import/context';
import { buildPreview } from '../../../shared/import/preview';
import type { ProjectBundle } from '../../../shared/schema/bundle';
import { newWorkspace } from '../model/fixtures';
import { countyMonthlySheet, sheetOf } from './sheet-fixtures';

const ADMIN = { memberId: 'admin-1', at: Date.UTC(2026, 11, 3, 2) };

function setUp() {
  const workspace = newWorkspace();
  addMember(workspace, { id: 'm-wang', name: '王强', rank: 'cityLeader', role: 'leader' }, ADMIN);
  for (const [id, name] of [
    ['u-gxj', '县工信局'],
    ['u-fgj', '县发改局'],
    ['u-zjj', '县住建局'],
  ] as const)
    addUnit(workspace, { id, name, kind: 'department' }, ADMIN);
  return { workspace, projects: new Map<string, Y.Doc>() };
}

function context(state: ReturnType<typeof setUp>) {
  const data = toWorkspaceData(readWorkspace(state.workspace)).data;
  if (!data) throw new Error('workspace unreadable');
  const bundles = [...state.projects.values()].map((doc) => toProjectBundle(readProjectDoc(doc)).bundle).filter((b): b is ProjectBundle => b !== null);
  return importContext(data, bundles);
}

function importOnce(state: ReturnType<typeof setUp>, seed: number) {
  let n = 0;
  const preview = buildPreview(countyMonthlySheet(), context(state), { today: '2026-12-03', newId: () => `p-${seed}-${++n}` });
  for (const action of preview.actions) {
    const doc = state.projects.get(action.projectId) ?? new Y.Doc();
    state.projects.set(action.projectId, doc);
    const applied = applyImportAction(action, { workspace: state.workspace, project: doc }, ADMIN, { locale: 'zh-CN', today: '2026-12-03' });
    expect(applied).toEqual({ ok: true });
  }
  return preview;
}

describe('applying an import', () => {
  it('registers new projects with their 月报 as the importer’s attributed edits, and a second import changes nothing', () => {
    const state = setUp();
    const first = importOnce(state, 1);
    expect(first.counts).toMatchObject({ new: 3, invalid: 1 });
    expect(state.projects.size).toBe(3);

    const park = [...state.projects.values()].map((d) => toProjectBundle(readProjectDoc(d)).bundle).find((b) => b?.project.code === 'AP-001');
    expect(park?.project).toMatchObject({
      name: '年产10万吨新材料项目',
      totalInvestmentWan: 86_000,
      annualPlanWan: 56_700,
      leaderId: 'm-wang',
      unitId: 'u-gxj',
      category: 'industry',
    });
    expect(park?.reports).toEqual([
      { month: '2026-11', completedWan: 900, cumulativeWan: 12_000, progress: '主体厂房封顶', issues: '', filed: { by: 'admin-1', at: ADMIN.at } },
    ]);
    expect(park?.project.created.by).toBe('admin-1');
    const registry = readWorkspace(state.workspace).registry.flatMap((r) => (r.ok ? [r.value] : []));
    expect(registry.map((r) => [r.name, r.leaderId, r.confirmed])).toContainEqual(['年产10万吨新材料项目', 'm-wang', undefined]);
    const doc = [...state.projects.values()][0];
    expect(doc && readActivity(doc).every((e) => e.ok && e.value.by === 'admin-1')).toBe(true);

    const before = [...state.projects.values()].map((d) => Y.encodeStateVector(d));
    const wsBefore = Y.encodeStateVector(state.workspace);
    const second = importOnce(state, 2);
    expect(second.counts).toEqual({ new: 0, changed: 0, unchanged: 3, invalid: 1, skipped: 6 });
    expect(second.actions).toEqual([]);
    expect([...state.projects.values()].map((d) => Y.encodeStateVector(d))).toEqual(before);
    expect(Y.encodeStateVector(state.workspace)).toEqual(wsBefore);
  });

  it('moves a project to the stage the sheet names, dated the day of the import', () => {
    const state = setUp();
    importOnce(state, 1);
    const id = [...state.projects.keys()][0] ?? '';
    const doc = state.projects.get(id);
    if (!doc) throw new Error('no project');
    const applied = applyImportAction(
      { type: 'update', row: 6, projectId: id, patch: {}, stage: 'started', stageDate: '2026-12-03', report: null },
      { workspace: state.workspace, project: doc },
      ADMIN,
      { locale: 'zh-CN', today: '2026-12-03' },
    );
    expect(applied.ok).toBe(true);
    expect(toProjectBundle(readProjectDoc(doc)).bundle?.project).toMatchObject({ stage: 'started', stageDates: { started: '2026-12-03' } });
  });
});

describe('责任人', () => {
  it('a 责任人 column makes the member the project’s owner, in the project and in the registry (who files its 月报)', () => {
    const state = setUp();
    addMember(state.workspace, { id: 'm-li', name: '李娜', rank: 'staff', role: 'member' }, ADMIN);
    const sheet = sheetOf([
      ['项目名称', '总投资', '包联领导', '责任人'],
      ['城西物流园', 500, '王强', '李 娜'],
    ]);
    const preview = buildPreview(sheet, context(state), { today: '2026-12-03', newId: () => 'p-wl' });
    expect(preview.rows[0]?.changes).toContainEqual({ field: 'owner', column: 'D（责任人）', from: null, to: '李娜' });
    const doc = new Y.Doc();
    for (const action of preview.actions)
      applyImportAction(action, { workspace: state.workspace, project: doc }, ADMIN, { locale: 'zh-CN', today: '2026-12-03' });
    expect(toProjectBundle(readProjectDoc(doc)).bundle?.project).toMatchObject({ ownerId: 'm-li', leaderId: 'm-wang' });
    const entry = readWorkspace(state.workspace).registry.find((r) => r.ok && r.value.id === 'p-wl');
    expect(entry?.ok && entry.value).toMatchObject({ ownerId: 'm-li', leaderId: 'm-wang' });
  });
});
