import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readSummary, writeSummaryRow } from '../../../shared/model/summary';
import type { SummaryRow } from '../../../shared/schema/summary';

const row: SummaryRow = {
  projectId: 'p1',
  code: 'XM-001',
  name: '智能装备产业园',
  category: 'industry',
  kind: 'new',
  source: 'attracted',
  keyLevel: 'city',
  unitId: 'u1',
  serviceUnitId: null,
  countyId: null,
  leaderId: 'lee',
  ownerId: 'alice',
  team: [],
  attractedById: null,
  totalInvestmentWan: 50_000,
  annualPlanWan: 12_000,
  plannedStart: '2026-06-01',
  plannedCompletion: null,
  stage: 'started',
  stageDates: { started: '2026-03-05' },
  completedByMonth: { '2026-01': 800 },
  cumulativeWan: 800,
  lastReportMonth: '2026-01',
  progress: '打桩',
  milestones: [],
  problems: [],
  invalidRecords: 0,
  archived: false,
  updatedAt: 1,
};

describe('summary document (server-written)', () => {
  it('an empty summary reads as no rows', () => {
    expect(readSummary(new Y.Doc())).toEqual({ rows: [] });
  });

  it('writes and reads rows under the server origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(writeSummaryRow(doc, row)).toEqual({ ok: true });
    expect(readSummary(doc)).toEqual({ rows: [{ ok: true, value: row }] });
    expect(origins).toEqual([{ source: 'server' }]);
  });

  it('a document from before target results left the summary still reads: the old results and time are ignored', () => {
    const doc = new Y.Doc();
    writeSummaryRow(doc, row);
    doc.getMap('meta').set('computedAt', 1000);
    doc.getMap('targetResults').set('t1', { targetId: 't1', asOf: '2026-03-31', goal: 120, actual: 37, light: 'green' });
    expect(readSummary(doc)).toEqual({ rows: [{ ok: true, value: row }] });
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

  it('refuses invalid rows, writing nothing', () => {
    const doc = new Y.Doc();
    expect(writeSummaryRow(doc, { ...row, totalInvestmentWan: -1 })).toEqual({
      ok: false,
      errors: [{ path: 'totalInvestmentWan', key: 'err.money.negative', params: {} }],
    });
    expect(readSummary(doc)).toEqual({ rows: [] });
  });

  it('a row stored under another project id is invalid', () => {
    const doc = new Y.Doc();
    doc.getMap('rows').set('p2', row);
    expect(readSummary(doc).rows).toEqual([{ ok: false, id: 'p2', reasons: [{ path: '', key: 'err.model.keyMismatch', params: {} }], raw: row }]);
  });
});
