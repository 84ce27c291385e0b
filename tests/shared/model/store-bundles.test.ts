import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addMilestone } from '../../../shared/model/project-milestones';
import { addProblem } from '../../../shared/model/project-problems';
import { createDocStore } from '../../../shared/model/doc-store';
import { editProject } from '../../../shared/model/project-edit';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import { ProjectBundleSchema, WorkspaceDataSchema } from '../../../shared/schema/bundle';
import { alice, bob, newProject, newWorkspace } from './fixtures';

describe('bundles', () => {
  it('a project bundle orders milestones, problems and reports for people, and validates as a bundle', () => {
    const doc = newProject();
    addMilestone(doc, { id: 'a-first', title: '开工仪式', dueDate: '2026-06-01', order: -1 }, alice);
    addProblem(doc, { id: 'z', description: '先提出', deadline: '2026-04-01' }, alice);
    addProblem(doc, { id: 'a', description: '后提出', deadline: '2026-04-01' }, bob);
    fileMonthlyReport(doc, { month: '2026-02', completedWan: 5, progress: '', issues: '' }, alice);
    fileMonthlyReport(doc, { month: '2026-01', completedWan: 1, progress: '', issues: '' }, alice);
    const { bundle, invalid } = toProjectBundle(readProjectDoc(doc));
    expect(invalid).toBe(0);
    expect(bundle?.milestones.map((m) => m.id)).toEqual(['a-first', 'm-0', 'm-1', 'm-2', 'm-3', 'm-4', 'm-5']);
    expect(bundle?.problems.map((p) => p.id)).toEqual(['z', 'a']);
    expect(bundle?.reports.map((r) => r.month)).toEqual(['2026-01', '2026-02']);
    expect(ProjectBundleSchema.safeParse(bundle).success).toBe(true);
  });

  it('invalid records are left out and counted', () => {
    const doc = newProject();
    doc.getMap('milestones').set('m-0/dueDate', 42);
    doc.getMap('problems').set('junk', 'x');
    const { bundle, invalid } = toProjectBundle(readProjectDoc(doc));
    expect(invalid).toBe(2);
    expect(bundle?.milestones.map((m) => m.id)).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
  });

  it('no bundle without a readable project', () => {
    expect(toProjectBundle(readProjectDoc(new Y.Doc()))).toEqual({ bundle: null, invalid: 1 });
  });

  it('workspace data validates as WorkspaceData', () => {
    const { data, invalid } = toWorkspaceData(readWorkspace(newWorkspace()));
    expect(invalid).toBe(0);
    expect(WorkspaceDataSchema.safeParse(data).success).toBe(true);
  });
});

describe('createDocStore (for useSyncExternalStore)', () => {
  it('keeps the snapshot identity until the document changes, and tells subscribers', () => {
    const doc = newProject();
    let reads = 0;
    const store = createDocStore(doc, (d) => {
      reads++;
      return readProjectDoc(d);
    });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    expect(reads).toBe(1);
    editProject(doc, { name: '新名称' }, bob);
    expect(calls).toBe(1);
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.project.ok && second.project.value.name).toBe('新名称');
    expect(store.getSnapshot()).toBe(second);
    unsubscribe();
    editProject(doc, { name: '又一个' }, bob);
    expect(calls).toBe(1);
    expect(store.getSnapshot().project.ok).toBe(true);
    store.destroy();
    const third = store.getSnapshot();
    editProject(doc, { name: '第三个' }, bob);
    // Detached: no longer follows the document.
    expect(store.getSnapshot()).toBe(third);
  });

  it('a refused write does not invalidate the snapshot', () => {
    const doc = newProject();
    const store = createDocStore(doc, readProjectDoc);
    const first = store.getSnapshot();
    editProject(doc, { totalInvestmentWan: -1 }, bob);
    expect(store.getSnapshot()).toBe(first);
  });
});
