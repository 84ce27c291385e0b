import type { SummaryRow } from '../../../shared/schema/summary';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ProjectRecords, ProjectRecordsCache } from '../../../server/derive/project-records';
import { createSummaryDeriver } from '../../../server/derive/summary-deriver';
import { createSilentLogger } from '../../../server/log';
import type { UpdateOrigin } from '../../../server/sync/config';
import { summaryRow } from '../../../shared/calc/summary-row';
import { toProjectBundle } from '../../../shared/model/bundles';
import { projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { addMilestone, tickMilestone } from '../../../shared/model/project-milestones';
import { readProjectDoc } from '../../../shared/model/project-read';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { writeProjectBundle, writeWorkspaceData } from '../../../shared/model/write-bundle';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { exampleBundle } from '../app/fixtures';
import { fakeHost, manualTimers, settle } from './fakes';

const WS = 'anping-2026';
const NOON_MARCH_31 = Date.UTC(2026, 2, 31, 4, 0, 0);
const li = { memberId: 'm-li', at: NOON_MARCH_31 };
const fromLi: UpdateOrigin = {
  source: 'connection',
  connectionId: 'c1',
  memberId: 'm-li',
};

/** What readProjectDoc says, without the activity stream (not part of a row). */
function fullRead(doc: Y.Doc) {
  const { activity: _activity, ...rest } = readProjectDoc(doc);
  return rest;
}

/** A small seeded generator (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('project records kept in step with the document', () => {
  it('read exactly what a full read gives, through valid edits, stray keys, unknown fields and deletions (seeded)', () => {
    const random = seeded(7);
    const doc = new Y.Doc();
    writeProjectBundle(doc, exampleBundle().projects[0]!);
    const records = new ProjectRecords(doc);
    expect(records.read()).toEqual(fullRead(doc));
    const milestones = doc.getMap<unknown>('milestones');
    const reports = doc.getMap<unknown>('reports');
    for (let step = 0; step < 300; step++) {
      const pick = Math.floor(random() * 8);
      const n = Math.floor(random() * 12);
      switch (pick) {
        case 0:
          addMilestone(
            doc,
            {
              id: `ms-${n}`,
              title: `节点${n}`,
              dueDate: '2026-05-01',
              order: n,
            },
            li,
          );
          break;
        case 1:
          tickMilestone(doc, `ms-${n}`, random() < 0.5, li);
          break;
        case 2:
          fileMonthlyReport(
            doc,
            {
              month: `2026-${String(1 + (n % 12)).padStart(2, '0')}`,
              completedWan: n * 10,
              progress: '',
              issues: '',
            },
            li,
          );
          break;
        case 3:
          milestones.set(`ms-${n}/title`, random() < 0.5 ? '' : `改名${n}`); // sometimes invalid
          break;
        case 4:
          milestones.set(`ms-${n}/unknownField`, n); // a field no layout knows: a record of its own when alone
          break;
        case 5:
          milestones.set(`stray-${n}`, n); // a malformed key
          break;
        case 6: {
          const keys = [...milestones.keys(), ...reports.keys()];
          const key = keys[Math.floor(random() * keys.length)];
          if (key !== undefined) (milestones.has(key) ? milestones : reports).delete(key);
          break;
        }
        case 7:
          doc.getMap<unknown>('project').set('name', random() < 0.2 ? 42 : `项目${n}`);
          break;
      }
      if (random() < 0.3) expect(records.read(), `after step ${step}`).toEqual(fullRead(doc));
    }
    expect(records.read()).toEqual(fullRead(doc));
  });

  it('follows a document until it is destroyed, then forgets it', () => {
    let parses = 0;
    const cache = new ProjectRecordsCache(() => parses++);
    const doc = new Y.Doc();
    writeProjectBundle(doc, exampleBundle().projects[0]!);
    const first = cache.of(doc);
    expect(cache.of(doc)).toBe(first);
    first.read();
    doc.destroy();
    expect(cache.of(doc)).not.toBe(first);
  });
});

describe('row derivation proportional to the change', () => {
  function withoutReceipts(row: SummaryRow | undefined): SummaryRow | undefined {
    if (!row?.reportFiling) return row;
    const filings = Object.entries(row.reportFiling).map(([month, { receivedAt: _stamp, ...filing }]) => [month, filing]);
    return { ...row, reportFiling: Object.fromEntries(filings) };
  }

  function largeProject() {
    const clock = manualTimers(NOON_MARCH_31);
    const host = fakeHost();
    const bundle = exampleBundle();
    writeWorkspaceData(host.doc(workspaceDocName(WS)), bundle.workspace, {
      by: 'server',
      at: 0,
    });
    const name = projectDocName(WS, ProjectIdSchema.parse('p-factory'));
    const doc = host.doc(name);
    writeProjectBundle(doc, bundle.projects.find((p) => p.project.id === 'p-factory')!);
    doc.transact(() => {
      for (let i = 0; i < 2_000; i++)
        addMilestone(
          doc,
          {
            id: `ms-${String(i).padStart(4, '0')}`,
            title: `节点${i}`,
            dueDate: '2026-06-30',
            order: 100 + i,
          },
          li,
        );
    });
    const parsed: Record<string, number> = {};
    const deriver = createSummaryDeriver({
      documents: host,
      logger: createSilentLogger(),
      now: clock.now,
      timers: clock.timers,
      countParse: (what) => {
        parsed[what] = (parsed[what] ?? 0) + 1;
      },
    });
    const touch = (): void => deriver.onDocumentUpdate(name, doc, new Uint8Array(), fromLi);
    const total = (): number => Object.values(parsed).reduce((a, b) => a + b, 0);
    const storedRow = () => validValues(readSummary(host.doc(summaryDocName(WS))).rows).find((r) => r.projectId === 'p-factory');
    // the row as summaryRow gives it, but for when the server saw each 月报 version arrive (its own stamp)
    const expectedRow = () => summaryRow(toProjectBundle(readProjectDoc(doc)).bundle!, toProjectBundle(readProjectDoc(doc)).invalid);
    const row = () => withoutReceipts(storedRow());
    return { clock, doc, deriver, touch, total, parsed, row, expectedRow };
  }

  it('a 月报 or a milestone tick on a project of 2,000 records re-parses that record (and the project record it stamps), and the row follows it', async () => {
    const { clock, doc, touch, total, parsed, row, expectedRow } = largeProject();
    touch();
    clock.advance(250);
    await settle();
    // the first derivation reads everything once
    expect(total()).toBeGreaterThan(2_000);
    expect(row()).toEqual(expectedRow());

    const before = { ...parsed };
    fileMonthlyReport(doc, { month: '2026-03', completedWan: 900, progress: '主体施工', issues: '' }, li);
    touch();
    clock.advance(250);
    await settle();
    // the report, and the project record (every edit stamps its `updated`): not one of the 2,000 milestones
    expect(parsed.reports! - (before.reports ?? 0)).toBe(1);
    expect(parsed.project! - before.project!).toBe(1);
    expect(parsed.milestones).toBe(before.milestones);
    expect(row()?.completedByMonth['2026-03']).toBe(900);
    expect(row()).toEqual(expectedRow());

    const afterReport = total();
    tickMilestone(doc, 'ms-1234', true, li);
    touch();
    clock.advance(250);
    await settle();
    expect(total() - afterReport).toBe(2); // the milestone and the project record
    expect(row()?.milestones.find((m) => m.id === 'ms-1234')?.doneOn).toBe('2026-03-31');
    expect(row()).toEqual(expectedRow());
  });

  it('a member streaming edits gets the row derived once per maximum wait, not never and not on every edit', async () => {
    const { clock, doc, touch, total } = largeProject();
    let derivations = 0;
    let last = total();
    // every 100 ms for 5 s: never 250 ms of quiet
    for (let t = 0; t < 5_000; t += 100) {
      fileMonthlyReport(doc, { month: '2026-03', completedWan: t, progress: '', issues: '' }, li);
      touch();
      clock.advance(100);
      await settle();
      if (total() !== last) derivations++;
      last = total();
    }
    // at 2 s and 4 s (the default maximum wait), each re-parsing only what changed since the last
    expect(derivations).toBe(2);
  });
});
