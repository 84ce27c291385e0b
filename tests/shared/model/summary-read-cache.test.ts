import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readSummary, writeSummaryRow } from '../../../shared/model/summary';
import { prereadSummaryRows } from '../../../shared/model/summary';
import type { SummaryRow } from '../../../shared/schema/summary';

const row = (projectId: string, cumulativeWan: number): SummaryRow => ({
  projectId,
  code: `XM-${projectId}`,
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
  completedByMonth: {},
  cumulativeWan,
  lastReportMonth: null,
  progress: '',
  milestones: [],
  problems: [],
  invalidRecords: 0,
  archived: false,
  updatedAt: 1,
});

describe('re-reading the summary after an update', () => {
  it('keeps the unchanged rows as they were read and reads the changed one anew', () => {
    const doc = new Y.Doc();
    writeSummaryRow(doc, row('p1', 100));
    writeSummaryRow(doc, row('p2', 200));
    const before = readSummary(doc).rows;
    writeSummaryRow(doc, row('p2', 250));
    const after = readSummary(doc).rows;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]).toEqual({ ok: true, value: row('p2', 250) });
  });

  it('a garbage row another replica fixes reads as valid again', () => {
    const doc = new Y.Doc();
    const rows = doc.getMap<unknown>('rows');
    doc.transact(() => rows.set('p1', { ...row('p1', 100), cumulativeWan: 'lots' }));
    expect(readSummary(doc).rows[0]?.ok).toBe(false);
    doc.transact(() => rows.set('p1', row('p1', 100)));
    expect(readSummary(doc).rows).toEqual([{ ok: true, value: row('p1', 100) }]);
  });

  it('the same value under a key it does not belong to reads as a key mismatch', () => {
    const doc = new Y.Doc();
    writeSummaryRow(doc, row('p1', 100));
    const rows = doc.getMap<unknown>('rows');
    expect(readSummary(doc).rows[0]?.ok).toBe(true);
    doc.transact(() => rows.set('p0', rows.get('p1')));
    const read = readSummary(doc).rows;
    expect(read[0]).toMatchObject({ ok: false, id: 'p0' });
    expect(read[1]).toMatchObject({ ok: true });
  });
});

describe('reading the summary rows ahead, in slices', () => {
  it('reads a slice at a time and says where the next one starts, null after the last', () => {
    const doc = new Y.Doc();
    for (const id of ['p1', 'p2', 'p3']) writeSummaryRow(doc, row(id, 100));
    expect(prereadSummaryRows(doc, 0, 2)).toBe(2);
    expect(prereadSummaryRows(doc, 2, 2)).toBeNull();
    expect(prereadSummaryRows(new Y.Doc(), 0, 100)).toBeNull();
  });

  it('a full read after the slices gives the same rows as without them', () => {
    const doc = new Y.Doc();
    for (const id of ['p2', 'p1']) writeSummaryRow(doc, row(id, 100));
    doc.transact(() => doc.getMap<unknown>('rows').set('p3', { projectId: 'p3' }));
    prereadSummaryRows(doc, 0, 3);
    const rows = readSummary(doc).rows;
    expect(rows.map((r) => (r.ok ? r.value.projectId : `invalid ${r.id}`))).toEqual(['p1', 'p2', 'invalid p3']);
  });
});
