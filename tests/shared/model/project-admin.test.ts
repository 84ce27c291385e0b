import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  archiveRegisteredProject,
  createRegisteredProject,
  editRegisteredProject,
  registryPatchFor,
  restoreRegisteredProject,
} from '../../../shared/model/project-admin';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { PARK, alice, bob, counterIds, newWorkspace, replicaOf, sync } from './fixtures';

function registryLine(ws: Y.Doc, id: string) {
  return validValues(readWorkspace(ws).registry).find((r) => r.id === id);
}
function project(doc: Y.Doc) {
  const read = readProjectDoc(doc).project;
  if (!read.ok) throw new Error('project does not read');
  return read.value;
}

function created(): { ws: Y.Doc; doc: Y.Doc } {
  const ws = newWorkspace();
  const doc = new Y.Doc();
  const r = createRegisteredProject(doc, ws, PARK, alice, { locale: 'zh-CN', newId: counterIds('m') });
  expect(r).toEqual({ ok: true, id: 'p1' });
  return { ws, doc };
}

describe('a project as the 项目办 manages it (document and registry line together)', () => {
  it('creates the project with its 前期 checklist and a trusted registry line naming owner and leader', () => {
    const { ws, doc } = created();
    expect(project(doc)).toMatchObject({ name: '智能装备产业园', ownerId: 'alice', leaderId: 'lee', created: { by: 'alice' } });
    expect(readProjectDoc(doc).milestones.length).toBeGreaterThan(0);
    const line = registryLine(ws, 'p1');
    expect(line).toMatchObject({ name: '智能装备产业园', ownerId: 'alice', leaderId: 'lee', archived: false });
    expect(line?.confirmed).toBeUndefined();
  });

  it('refuses a taken id or an invalid project, writing neither document', () => {
    const { ws } = created();
    const again = new Y.Doc();
    expect(createRegisteredProject(again, ws, PARK, alice, { locale: 'zh-CN' })).toEqual({
      ok: false,
      errors: [{ path: 'id', key: 'err.model.alreadyExists', params: {} }],
    });
    expect(readProjectDoc(again).project.ok).toBe(false);

    const ws2 = newWorkspace();
    const bad = new Y.Doc();
    const r = createRegisteredProject(bad, ws2, { ...PARK, annualPlanWan: 90_000 }, alice, { locale: 'zh-CN' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.path)).toContain('annualPlanWan');
    expect(readWorkspace(ws2).registry).toEqual([]);
  });

  it('an edit of name, unit, owner, leader or team reaches the registry line; other fields stay in the document', () => {
    const { ws, doc } = created();
    expect(editRegisteredProject(doc, ws, 'p1', { name: '智能装备产业园（一期）', leaderId: 'wang', totalInvestmentWan: 60_000 }, bob).ok).toBe(true);
    expect(project(doc)).toMatchObject({ name: '智能装备产业园（一期）', leaderId: 'wang', totalInvestmentWan: 60_000, updated: { by: 'bob' } });
    expect(registryLine(ws, 'p1')).toMatchObject({ name: '智能装备产业园（一期）', leaderId: 'wang' });
    expect(registryPatchFor({ totalInvestmentWan: 1, team: ['a'] })).toEqual({ team: ['a'] });
  });

  it('a refused edit changes neither document, with the error at its field', () => {
    const { ws, doc } = created();
    const r = editRegisteredProject(doc, ws, 'p1', { name: '   ', annualPlanWan: 1 }, bob);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.path)).toContain('name');
    expect(project(doc).name).toBe('智能装备产业园');
    expect(registryLine(ws, 'p1')?.name).toBe('智能装备产业园');
  });

  it('archives and restores the document and the registry line together; an edit made meanwhile survives', () => {
    const { ws, doc } = created();
    const other = replicaOf(doc);
    expect(archiveRegisteredProject(doc, ws, 'p1', alice).ok).toBe(true);
    expect(project(doc).archived).toBe(true);
    expect(registryLine(ws, 'p1')?.archived).toBe(true);
    // someone edits offline while the 项目办 archives it: nothing is lost
    expect(editRegisteredProject(other, replicaOf(ws), 'p1', { progressNote: '主体封顶' }, bob).ok).toBe(true);
    sync(doc, other);
    expect(project(doc)).toMatchObject({ archived: true, progressNote: '主体封顶' });
    expect(restoreRegisteredProject(doc, ws, 'p1', alice).ok).toBe(true);
    expect(project(doc).archived).toBe(false);
    expect(registryLine(ws, 'p1')?.archived).toBe(false);
  });
});
