import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { readProjectDoc } from '../../../shared/model/project-read';
import { toProjectBundle } from '../../../shared/model/bundles';
import { validValues } from '../../../shared/model/result';
import { alice, bob, newProject, replicaOf, snapshot, sync } from './fixtures';

const reports = (doc: Y.Doc) => toProjectBundle(readProjectDoc(doc)).bundle?.reports ?? [];
const figures = (doc: Y.Doc) => reports(doc).map((r) => [r.month, r.completedWan, r.cumulativeWan]);
const file = (doc: Y.Doc, month: string, figs: { completedWan?: number; cumulativeWan?: number }, progress = '', author = alice) =>
  fileMonthlyReport(doc, { month, ...figs, progress, issues: '' }, author);

describe('fileMonthlyReport (月报, 一次填报)', () => {
  it('derives the cumulative from the month, and the month from the cumulative', () => {
    const doc = newProject();
    expect(file(doc, '2026-01', { completedWan: 800 })).toEqual({ ok: true, month: '2026-01' });
    expect(file(doc, '2026-02', { cumulativeWan: 1500 }).ok).toBe(true);
    // March skipped: April's cumulative builds on February's.
    expect(file(doc, '2026-04', { completedWan: 0.1 }).ok).toBe(true);
    expect(file(doc, '2026-05', { completedWan: 0.2 }).ok).toBe(true);
    expect(figures(doc)).toEqual([
      ['2026-01', 800, 800],
      ['2026-02', 700, 1500],
      ['2026-04', 0.1, 1500.1],
      ['2026-05', 0.2, 1500.3],
    ]);
  });

  it('a new year starts the cumulative again', () => {
    const doc = newProject();
    file(doc, '2025-12', { cumulativeWan: 9000 });
    expect(file(doc, '2026-01', { completedWan: 300 }).ok).toBe(true);
    expect(figures(doc)).toContainEqual(['2026-01', 300, 300]);
  });

  it('refuses a cumulative that goes down, in words the filer can act on', () => {
    const doc = newProject();
    file(doc, '2026-01', { completedWan: 800 });
    const before = snapshot(doc);
    expect(file(doc, '2026-02', { cumulativeWan: 500 })).toEqual({
      ok: false,
      errors: [{ path: 'cumulativeWan', key: 'err.report.cumulativeDecreased', params: { previous: 800, month: '2026-01' } }],
    });
    expect(snapshot(doc)).toEqual(before);
  });

  it('refuses amending an earlier month above a later cumulative', () => {
    const doc = newProject();
    file(doc, '2026-01', { completedWan: 800 });
    file(doc, '2026-02', { completedWan: 200 });
    const before = snapshot(doc);
    const r = file(doc, '2026-01', { completedWan: 1200 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'cumulativeWan', key: 'err.report.cumulativeDecreased', params: { previous: 1200, month: '2026-01' } }]);
    expect(snapshot(doc)).toEqual(before);
  });

  it('keeps both figures of a first report after January as an opening balance (an imported mid-year 月报), not in January', () => {
    const doc = newProject();
    expect(file(doc, '2026-11', { completedWan: 400, cumulativeWan: 2500 }).ok).toBe(true);
    expect(file(doc, '2026-12', { completedWan: 100 }).ok).toBe(true);
    const other = newProject();
    expect(file(other, '2026-01', { completedWan: 100, cumulativeWan: 300 })).toEqual({
      ok: false,
      errors: [{ path: 'cumulativeWan', key: 'err.model.report.figuresMismatch', params: { previous: 0 } }],
    });
  });

  it('refuses negative money, no figure, figures that do not add up and a bad month', () => {
    const doc = newProject();
    file(doc, '2026-01', { completedWan: 800 });
    const before = snapshot(doc);
    expect(file(doc, '2026-02', { completedWan: -1 })).toEqual({ ok: false, errors: [{ path: 'completedWan', key: 'err.money.negative', params: {} }] });
    expect(file(doc, '2026-02', {})).toEqual({ ok: false, errors: [{ path: 'completedWan', key: 'err.model.report.figureRequired', params: {} }] });
    expect(file(doc, '2026-02', { completedWan: 100, cumulativeWan: 1000 })).toEqual({
      ok: false,
      errors: [{ path: 'cumulativeWan', key: 'err.model.report.figuresMismatch', params: { previous: 800 } }],
    });
    expect(file(doc, '2026-13', { completedWan: 1 })).toEqual({ ok: false, errors: [{ path: 'month', key: 'err.month.format', params: {} }] });
    expect(snapshot(doc)).toEqual(before);
    expect(file(doc, '2026-02', { completedWan: 100, cumulativeWan: 900 }).ok).toBe(true);
  });

  it('records the filer, logs each figure, and moves the project 形象进度 to the latest month only', () => {
    const doc = newProject();
    file(doc, '2026-02', { completedWan: 500 }, '主体施工', bob);
    const read = readProjectDoc(doc);
    expect(reports(doc)[0]?.filed).toEqual({ by: 'bob', at: bob.at });
    expect(read.project.ok && read.project.value.progressNote).toBe('主体施工');
    expect(
      validValues(read.activity)
        .slice(-5)
        .map((e) => [e.action, e.field, e.from, e.to]),
    ).toEqual([
      ['report.file', 'completedWan', null, 500],
      ['report.file', 'cumulativeWan', null, 500],
      ['report.file', 'progress', null, '主体施工'],
      ['report.file', 'issues', null, ''],
      ['project.edit', 'progressNote', '', '主体施工'],
    ]);
    file(doc, '2026-01', { completedWan: 100 }, '场地平整');
    const after = readProjectDoc(doc).project;
    expect(after.ok && after.value.progressNote).toBe('主体施工');
  });

  it('two people filing the same month: one set of figures wins whole, the texts merge per field', () => {
    const a = newProject();
    const b = replicaOf(a);
    fileMonthlyReport(a, { month: '2026-03', completedWan: 300, progress: '钢结构吊装', issues: '' }, alice);
    fileMonthlyReport(b, { month: '2026-03', cumulativeWan: 100, progress: '', issues: '资金缺口' }, bob);
    sync(a, b);
    const r = reports(a)[0];
    expect([JSON.stringify([300, 300]), JSON.stringify([100, 100])]).toContain(JSON.stringify([r?.completedWan, r?.cumulativeWan]));
    expect(readProjectDoc(a).reports.every((x) => x.ok)).toBe(true);
    expect(readProjectDoc(b)).toEqual(readProjectDoc(a));
  });

  it('a correction (更正) is a new attributed version: the value it replaces stays readable, with who filed it when', () => {
    const doc = newProject();
    expect(fileMonthlyReport(doc, { month: '2026-02', completedWan: 500, progress: '主体施工', issues: '' }, alice).ok).toBe(true);
    const later = { memberId: 'bob', at: alice.at + 86_400_000 };
    expect(fileMonthlyReport(doc, { month: '2026-02', completedWan: 50, progress: '主体施工', issues: '资金缺口' }, later).ok).toBe(true);
    const [feb] = reports(doc);
    expect([feb?.completedWan, feb?.cumulativeWan, feb?.issues, feb?.filed]).toEqual([50, 50, '资金缺口', { by: 'bob', at: later.at }]);
    expect(feb?.revisions).toEqual([{ completedWan: 500, cumulativeWan: 500, progress: '主体施工', issues: '', filed: { by: 'alice', at: alice.at } }]);
    // the correction's own activity entries carry the old and the new figure, attributed to the corrector
    const entries = validValues(readProjectDoc(doc).activity).filter((e) => e.action === 'report.file' && e.field === 'completedWan');
    expect(entries.map((e) => [e.by, e.from, e.to])).toEqual([
      ['alice', null, 500],
      ['bob', 500, 50],
    ]);
    // sending the same report again is not another correction
    const before = snapshot(doc);
    expect(fileMonthlyReport(doc, { month: '2026-02', completedWan: 50, progress: '主体施工', issues: '资金缺口' }, later).ok).toBe(true);
    expect(snapshot(doc)).toEqual(before);
  });

  it('back-files (补报) a missing month between filed ones, within the cumulative of the months around it', () => {
    const doc = newProject();
    file(doc, '2026-02', { completedWan: 100 });
    file(doc, '2026-04', { cumulativeWan: 400 });
    expect(file(doc, '2026-03', { completedWan: 500 }).ok).toBe(false); // would put March above April's cumulative
    expect(file(doc, '2026-03', { completedWan: 200 }, '', bob).ok).toBe(true);
    // April's report spanned March: its 本月 figure is re-derived from its cumulative, so the months add up to 400
    expect(figures(doc)).toEqual([
      ['2026-02', 100, 100],
      ['2026-03', 200, 300],
      ['2026-04', 100, 400],
    ]);
    const april = reports(doc).find((r) => r.month === '2026-04');
    expect(april?.filed.by).toBe('bob');
    expect(april?.revisions?.map((r) => [r.completedWan, r.filed.by])).toEqual([[300, 'alice']]);
  });
});
