import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readSummary, writeSummaryRow, writeTargetResults } from '../../../shared/model';
import type { SummaryRow, TargetResult } from '../../../shared/schema';

const row: SummaryRow = {
  projectId: 'p1', code: 'XM-001', name: '智能装备产业园', category: 'industry', kind: 'new', source: 'attracted', keyLevel: 'city',
  unitId: 'u1', serviceUnitId: null, countyId: null, leaderId: 'lee', ownerId: 'alice', team: [], attractedById: null,
  totalInvestmentWan: 50_000, annualPlanWan: 12_000, plannedStart: '2026-06-01', plannedCompletion: null, stage: 'started',
  stageDates: { started: '2026-03-05' }, completedByMonth: { '2026-01': 800 }, cumulativeWan: 800, lastReportMonth: '2026-01',
  progress: '打桩', milestones: [], problems: [], invalidRecords: 0, archived: false, updatedAt: 1,
};
const result: TargetResult = {
  targetId: 't1', asOf: '2026-03-31', goal: 120, actual: 37, share: 37 / 120, expectedShare: 0.25, gapPoints: 5.83,
  light: 'green', forecast: 148, met: false,
};

describe('summary document (server-written)', () => {
  it('an empty summary reads as nothing computed yet', () => {
    expect(readSummary(new Y.Doc())).toEqual({ computedAt: null, rows: [], targetResults: [] });
  });

  it('writes and reads rows and target results under the server origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(writeSummaryRow(doc, row)).toEqual({ ok: true });
    expect(writeTargetResults(doc, [result], 1000)).toEqual({ ok: true });
    expect(readSummary(doc)).toEqual({ computedAt: 1000, rows: [{ ok: true, value: row }], targetResults: [{ ok: true, value: result }] });
    expect(origins).toEqual([{ source: 'server' }, { source: 'server' }]);
  });

  it('an unchanged row writes nothing; a changed one replaces the old', () => {
    const doc = new Y.Doc();
    writeSummaryRow(doc, row);
    const sv = Y.encodeStateVector(doc);
    writeSummaryRow(doc, { ...row });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    writeSummaryRow(doc, { ...row, cumulativeWan: 900 });
    expect(readSummary(doc).rows).toEqual([{ ok: true, value: { ...row, cumulativeWan: 900 } }]);
  });

  it('refuses invalid rows and results, writing nothing', () => {
    const doc = new Y.Doc();
    expect(writeSummaryRow(doc, { ...row, totalInvestmentWan: -1 })).toEqual({ ok: false, errors: [{ path: 'totalInvestmentWan', key: 'err.money.negative', params: {} }] });
    const r = writeTargetResults(doc, [result, { ...result, targetId: 'bad id' }], 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('1.targetId');
    expect(readSummary(doc)).toEqual({ computedAt: null, rows: [], targetResults: [] });
  });

  it('target results are replaced as a set', () => {
    const doc = new Y.Doc();
    writeTargetResults(doc, [result, { ...result, targetId: 't2' }], 1000);
    writeTargetResults(doc, [{ ...result, targetId: 't2', actual: 40 }], 2000);
    const read = readSummary(doc);
    expect(read.computedAt).toBe(2000);
    expect(read.targetResults).toEqual([{ ok: true, value: { ...result, targetId: 't2', actual: 40 } }]);
  });

  it('a row stored under another project id is invalid', () => {
    const doc = new Y.Doc();
    doc.getMap('rows').set('p2', row);
    expect(readSummary(doc).rows).toEqual([{ ok: false, id: 'p2', reasons: [{ path: '', key: 'err.model.keyMismatch', params: {} }], raw: row }]);
  });
});
