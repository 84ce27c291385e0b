import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { writeProjectBundle, writeWorkspaceData } from '../../../shared/model/write-bundle';
import { createSummaryDeriver } from '../../../server/derive/summary-deriver';
import { createSilentLogger } from '../../../server/log';
import type { UpdateOrigin } from '../../../server/sync/config';
import { projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { addProblem, confirmProblemClose, requestProblemClose } from '../../../shared/model/project-problems';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { initProject } from '../../../shared/model/project-init';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { addTarget, confirmRegistration } from '../../../shared/model/workspace-write';
import { evaluateTargets } from '../../../shared/calc/targets';
import { unconfirmedFlags } from '../../../shared/calc/trusted-rows';
import { toWorkspaceData } from '../../../shared/model/bundles';
import { exampleBundle } from '../app/fixtures';
import { capturedLogger, fakeHost, manualTimers, settle } from './fakes';
import { ProjectIdSchema } from '../../../shared/schema/common';

const WS = 'anping-2026';
/** 2026-03-31 12:00 in Asia/Shanghai. */
const NOON_MARCH_31 = Date.UTC(2026, 2, 31, 4, 0, 0);
const fromLi: UpdateOrigin = { source: 'connection', connectionId: 'c1', memberId: 'm-li' };

function setup(logger = createSilentLogger()) {
  const clock = manualTimers(NOON_MARCH_31);
  const host = fakeHost();
  const bundle = exampleBundle();
  writeWorkspaceData(host.doc(workspaceDocName(WS)), bundle.workspace, { by: 'server', at: 0 });
  for (const p of bundle.projects) writeProjectBundle(host.doc(projectDocName(WS, ProjectIdSchema.parse(p.project.id))), p);
  const deriver = createSummaryDeriver({ documents: host, logger, now: clock.now, timers: clock.timers });
  const touch = (projectId: string, origin: UpdateOrigin = fromLi): void => {
    const name = projectDocName(WS, ProjectIdSchema.parse(projectId));
    deriver.onDocumentUpdate(name, host.doc(name), new Uint8Array(), origin);
  };
  const summary = () => readSummary(host.doc(summaryDocName(WS)));
  return { clock, host, deriver, touch, summary };
}

describe('summary rows', () => {
  it('derive once per burst of edits, 250 ms after the last one', async () => {
    const { clock, host, touch, summary } = setup();
    touch('p-factory');
    clock.advance(100);
    touch('p-factory');
    clock.advance(100);
    touch('p-factory');
    clock.advance(249);
    await settle();
    expect(summary().rows).toEqual([]);

    clock.advance(1);
    await settle();
    expect(host.writes.get(summaryDocName(WS))).toBe(1);
    const row = validValues(summary().rows)[0];
    // Two 月报 of the example: 500 in January, 700 in February (cumulative 1200); 土地预审 ticked on 14 January.
    expect(row).toMatchObject({
      projectId: 'p-factory',
      stage: 'started',
      completedByMonth: { '2026-01': 500, '2026-02': 700 },
      cumulativeWan: 1200,
      lastReportMonth: '2026-02',
      progress: '基础施工',
      milestones: [
        { id: 'ms-land', title: '土地预审', dueDate: '2026-01-15', doneOn: '2026-01-14' },
        { id: 'ms-eia', title: '环评', dueDate: '2026-04-30', doneOn: null },
      ],
    });
  });

  it('follow an edit, and leave an unchanged project alone', async () => {
    const { clock, host, touch, summary } = setup();
    touch('p-road');
    clock.advance(250);
    await settle();
    expect(host.writes.get(summaryDocName(WS))).toBe(1);

    touch('p-road'); // nothing changed in the document
    clock.advance(250);
    await settle();
    expect(host.writes.get(summaryDocName(WS))).toBe(1);

    editProject(host.doc(projectDocName(WS, ProjectIdSchema.parse('p-road'))), { name: '城东道路提升工程（二期）' }, { memberId: 'm-li', at: NOON_MARCH_31 });
    touch('p-road');
    clock.advance(250);
    await settle();
    expect(validValues(summary().rows).find((r) => r.projectId === 'p-road')?.name).toBe('城东道路提升工程（二期）');
  });
});

describe('who answers for the open problems', () => {
  it("is recorded in the project's registry line when a problem is raised, and cleared once it is closed", async () => {
    const { clock, host, touch } = setup();
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-road')));
    const parties = () => validValues(readWorkspace(host.doc(workspaceDocName(WS))).registry).find((e) => e.id === 'p-road')?.problemParties;
    touch('p-road');
    clock.advance(250);
    await settle();
    // what the example's own open problems already give
    const before = parties() ?? { members: [], units: [] };
    expect(before.members).not.toContain('m-deng');
    expect(
      addProblem(
        doc,
        { id: 'q-eco', description: '环评批复未下达', departmentId: 'u-eco', ownerId: 'm-deng', deadline: '2026-04-20' },
        { memberId: 'm-li', at: NOON_MARCH_31 },
      ).ok,
    ).toBe(true);
    touch('p-road');
    clock.advance(250);
    await settle();
    expect(parties()).toEqual({ members: [...before.members, 'm-deng'].sort(), units: [...before.units, 'u-eco'].sort() });

    requestProblemClose(doc, 'q-eco', '批复已下达', { memberId: 'm-deng', at: NOON_MARCH_31 + 1000 });
    confirmProblemClose(doc, 'q-eco', { memberId: 'm-admin', at: NOON_MARCH_31 + 2000 });
    touch('p-road');
    clock.advance(250);
    await settle();
    expect(parties()).toEqual(before);
  });
});

describe('who answers for the open problems, in workspaces stored before the 销号 loop', () => {
  it('is filled in from the summary rows at start, once', async () => {
    const { clock, host, deriver, touch } = setup();
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-road')));
    addProblem(doc, { id: 'q-eco', description: '环评批复未下达', departmentId: 'u-eco', deadline: '2026-04-20' }, { memberId: 'm-li', at: NOON_MARCH_31 });
    touch('p-road');
    clock.advance(250);
    await settle();
    // an older server wrote the row but knew nothing of problem parties
    const registry = host.doc(workspaceDocName(WS)).getMap('registry');
    registry.delete('p-road/problemParties');
    const parties = () => validValues(readWorkspace(host.doc(workspaceDocName(WS))).registry).find((e) => e.id === 'p-road')?.problemParties;
    expect(parties()).toBeUndefined();

    expect(await deriver.backfillProblemParties(WS)).toBe(1);
    expect(parties()?.units).toContain('u-eco');
    expect(await deriver.backfillProblemParties(WS)).toBe(0);
  });
});

describe('registration of projects created offline', () => {
  it('registers a valid new project with its first writer as owner, as the server', async () => {
    const { clock, host, touch } = setup();
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-new')));
    initProject(
      doc,
      { id: 'p-new', name: '农产品冷链中心', unitId: 'u-town', leaderId: 'm-wang' },
      { memberId: 'm-li', at: NOON_MARCH_31 },
      { locale: 'zh-CN' },
    );
    touch('p-new');
    clock.advance(250);
    await settle();
    const registry = validValues(readWorkspace(host.doc(workspaceDocName(WS))).registry);
    // 李娜 is a member: the leader she named is her claim until the 项目办 confirms it (审核).
    expect(registry.find((r) => r.id === 'p-new')).toEqual({
      id: 'p-new',
      name: '农产品冷链中心',
      unitId: 'u-town',
      ownerId: 'm-li',
      leaderId: 'm-wang',
      team: [],
      archived: false,
      confirmed: false,
    });
  });

  it('registers a project an admin created offline as confirmed: nothing to review', async () => {
    const { clock, host, touch } = setup();
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-admin')));
    initProject(doc, { id: 'p-admin', name: '县城供水改造', leaderId: 'm-wang' }, { memberId: 'm-admin', at: NOON_MARCH_31 }, { locale: 'zh-CN' });
    touch('p-admin', { source: 'connection', connectionId: 'c2', memberId: 'm-admin' });
    clock.advance(250);
    await settle();
    const entry = validValues(readWorkspace(host.doc(workspaceDocName(WS))).registry).find((r) => r.id === 'p-admin');
    expect(entry).toMatchObject({ ownerId: 'm-admin', leaderId: 'm-wang' });
    expect(entry?.confirmed).toBeUndefined();
  });

  it("a member's project naming a leader moves the leader's target only once the 项目办 confirms the registration", async () => {
    const { clock, host, touch, summary } = setup();
    const wsDoc = host.doc(workspaceDocName(WS));
    const investment = { kind: 'investmentSum' as const, filter: {} };
    addTarget(
      wsDoc,
      {
        id: 't-wang',
        title: '王建国包联项目完成投资',
        scope: { kind: 'member', memberId: 'm-wang' },
        start: '2026-01-01',
        end: '2026-12-31',
        goal: 4000,
        metric: investment,
      },
      { memberId: 'm-admin', at: 0 },
    );
    // what the board (or any reader) shows: computed from the stored rows and the targets, as of its own today
    const leaderActual = () => {
      const data = toWorkspaceData(readWorkspace(wsDoc)).data;
      if (!data) throw new Error('workspace unreadable');
      return evaluateTargets(data, validValues(summary().rows), '2026-03-31').find((r) => r.targetId === 't-wang')?.actual;
    };

    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-new')));
    const li = { memberId: 'm-li', at: NOON_MARCH_31 };
    initProject(doc, { id: 'p-new', name: '农产品冷链中心', unitId: 'u-town', leaderId: 'm-wang', totalInvestmentWan: 30_000, annualPlanWan: 12_000 }, li, {
      locale: 'zh-CN',
    });
    // March's report, filed inside its window (a February report filed on 31 March would wait for approval as late)
    fileMonthlyReport(doc, { month: '2026-03', completedWan: 2000, progress: '', issues: '' }, li);
    touch('p-new');
    touch('p-factory');
    clock.advance(250);
    await settle();
    // p-factory (confirmed, led by 王建国) counts: 1200; the new project does not.
    expect(leaderActual()).toBe(1200);
    const entry = validValues(readWorkspace(wsDoc).registry).find((r) => r.id === 'p-new');
    expect(entry).toMatchObject({ ownerId: 'm-li', confirmed: false });
    expect(validValues(summary().rows).find((r) => r.projectId === 'p-new')?.leaderId).toBe('m-wang'); // the raw claim stays on the row

    expect(
      confirmRegistration(wsDoc, { projectId: 'p-new', leaderId: 'm-wang', team: [], attractedById: null }, { memberId: 'm-admin', at: NOON_MARCH_31 }).ok,
    ).toBe(true);
    // nothing to derive on the server: the confirmation is in the workspace document every reader has
    expect(leaderActual()).toBe(3200);
    expect(validValues(readWorkspace(wsDoc).registry).find((r) => r.id === 'p-new')).toMatchObject({ ownerId: 'm-li', confirmed: true });
  });

  it('does not register a project whose record does not validate, and logs why', async () => {
    const captured = capturedLogger();
    const { clock, host, touch } = setup(captured.logger);
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-bad')));
    doc.transact(() => {
      doc.getMap('project').set('id', 'p-bad');
      doc.getMap('project').set('name', '');
    });
    touch('p-bad');
    clock.advance(250);
    await settle();
    expect(readWorkspace(host.doc(workspaceDocName(WS))).registry.some((r) => (r.ok ? r.value.id : r.id) === 'p-bad')).toBe(false);
    expect(captured.lines().some((l) => l.project === 'p-bad' && String(l.msg).includes('not registered'))).toBe(true);
  });

  it('does not guess an owner when no member wrote the document', async () => {
    const { clock, host, touch, summary } = setup();
    const doc = new Y.Doc();
    initProject(doc, { id: 'p-orphan', name: '无主项目' }, { memberId: 'm-li', at: NOON_MARCH_31 }, { locale: 'zh-CN' });
    Y.applyUpdate(host.doc(projectDocName(WS, ProjectIdSchema.parse('p-orphan'))), Y.encodeStateAsUpdate(doc));
    touch('p-orphan', { source: 'server', author: 'server' });
    clock.advance(250);
    await settle();
    expect(validValues(readWorkspace(host.doc(workspaceDocName(WS))).registry).map((r) => r.id)).toEqual(['p-factory', 'p-road']);
    // Not registered, so not on the board: it counts for nothing and nobody.
    expect(validValues(summary().rows).map((r) => r.projectId)).toEqual([]);
  });
});

describe('月报 receipts: the server stamps when each version arrived', () => {
  it('a version backdated into its window still counts as late: the server saw it after the window', async () => {
    const { clock, host, touch, summary } = setup();
    touch('p-factory');
    clock.advance(250);
    await settle();
    const first = validValues(summary().rows)[0];
    // the example's history came with the project: judged by its own filing times, not stamped
    expect(Object.values(first?.reportFiling ?? {}).map((f) => f.receivedAt)).toEqual([undefined, undefined]);

    // on 31 March, a member's replica files February claiming 3 March (inside February's window, which closed on the 5th)
    const doc = host.doc(projectDocName(WS, ProjectIdSchema.parse('p-factory')));
    const claimed = Date.UTC(2026, 2, 3, 4);
    expect(fileMonthlyReport(doc, { month: '2026-02', completedWan: 900, progress: '', issues: '' }, { memberId: 'm-li', at: claimed }).ok).toBe(true);
    touch('p-factory');
    clock.advance(250);
    await settle();
    const row = validValues(summary().rows)[0]!;
    expect(row.reportFiling?.['2026-02']).toMatchObject({ filed: { by: 'm-li', at: claimed }, receivedAt: clock.now() });
    expect(row.reportFiling?.['2026-01']?.receivedAt).toBeUndefined(); // January's version did not change

    const data = toWorkspaceData(readWorkspace(host.doc(workspaceDocName(WS)))).data!;
    expect(unconfirmedFlags(row, data).map((f) => [f.month, f.reasons])).toEqual([['2026-02', ['filedLate']]]);

    // a later edit elsewhere keeps the stamp the version got when it arrived
    const stamped = row.reportFiling?.['2026-02']?.receivedAt;
    clock.advance(86_400_000);
    expect(editProject(doc, { progressNote: '厂房封顶' }, { memberId: 'm-li', at: clock.now() }).ok).toBe(true);
    touch('p-factory');
    clock.advance(250);
    await settle();
    expect(validValues(summary().rows)[0]?.reportFiling?.['2026-02']?.receivedAt).toBe(stamped);
  });
});
