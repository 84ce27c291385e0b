import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteAccountStore } from '../../../server/auth/sqlite-account-store';
import { demoBundle } from '../../../server/bundle/demo-workspace';
import { importDemoWithHistory } from '../../../server/bundle/demo-history';
import { loadDoc, type BundleStores } from '../../../server/bundle/store-bundle';
import { createHistoryPages } from '../../../server/rest/history-pages';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { describeEntry, historyNames } from '../../../shared/history/describe-entry';
import { toProjectBundle } from '../../../shared/model/bundles';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { readProjectDoc } from '../../../shared/model/project-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { shanghaiDate } from '../../../shared/format';

const SEED = 7;
const NOW = Date.UTC(2026, 10, 20, 4, 0); // 2026-11-20 12:00 in Asia/Shanghai
const opened: BundleStores[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.store.close();
    await s.accounts.close();
  }
});

describe('the demo stored with its history (#13)', () => {
  it('attributes every project edit to the member it simulates, never to the server, and reads back equal to the demo', async () => {
    const s = { store: openSqliteStore({ path: ':memory:' }), accounts: openSqliteAccountStore(':memory:'), now: () => NOW };
    opened.push(s);
    const bundle = demoBundle('county', SEED, NOW);
    const result = await importDemoWithHistory(s, bundle, shanghaiDate(NOW));
    expect(result, `seed ${SEED}`).toMatchObject({ ok: true, workspaceId: bundle.workspace.id });
    const ws = bundle.workspace;
    const memberIds = new Set(ws.members.map((m) => m.id));
    const names = historyNames(ws.members, ws.units);
    const pages = createHistoryPages({ store: s.store });

    // the workspace document too: set up by the 项目办, projects registered by whoever registered them
    expect((await s.store.history(workspaceDocName(ws.id))).every((u) => memberIds.has(u.author))).toBe(true);

    let filings = 0;
    for (const project of bundle.projects.slice(0, 40)) {
      const name = projectDocName(ws.id, ProjectIdSchema.parse(project.project.id));
      const stored = await s.store.history(name);
      expect(stored.length, name).toBeGreaterThan(1);
      for (const u of stored) expect(memberIds.has(u.author), `${name} seq ${u.seq}: ${u.author}`).toBe(true);
      expect(stored[0]?.author, name).toBe(project.project.created.by);
      // the board's history of the project names people: no 系统 / server
      const page = await pages.page(name, 0, 1000);
      for (const entry of page?.entries ?? []) {
        const zh = describeEntry(entry, { locale: 'zh-CN', names });
        expect(zh, name).not.toMatch(/系统|未知人员/);
        expect(describeEntry(entry, { locale: 'en', names }), name).not.toMatch(/\bserver\b|System/i);
      }
      // each 月报 filed by its filer, on its day
      for (const report of project.reports) {
        const filing = page?.entries.find((e) =>
          e.changes.some((c) => c.record.kind === 'report' && c.record.id === report.month && c.field === 'cumulativeWan'),
        );
        expect(filing, `${name} ${report.month}`).toMatchObject({ author: report.filed.by, at: report.filed.at });
        filings += 1;
      }
      const doc = await loadDoc(s.store, name);
      if (!doc) throw new Error(`${name} not stored`);
      expect(toProjectBundle(readProjectDoc(doc)).bundle, name).toEqual(project);
      doc.destroy();
    }
    expect(filings).toBeGreaterThan(40);
    expect(await s.accounts.getWorkspace(ws.id)).toMatchObject({ id: ws.id });
    // a second import of the same workspace stores nothing
    expect(await importDemoWithHistory(s, bundle, shanghaiDate(NOW))).toMatchObject({ ok: false });
  });
});
