import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteAccountStore } from '../../../server/auth/sqlite-account-store';
import { canonicalBundle, makeBundle } from '../../../server/bundle/bundle-format';
import { exportBundle, importBundle, loadDoc, type BundleStores } from '../../../server/bundle/store-bundle';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { summaryDocName } from '../../../shared/model/doc-names';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { exampleBundle } from '../app/fixtures';

const NOON_MARCH_31 = Date.UTC(2026, 2, 31, 4, 0, 0);
const opened: BundleStores[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.store.close();
    await s.accounts.close();
  }
});

function stores(): BundleStores {
  const s = { store: openSqliteStore({ path: ':memory:' }), accounts: openSqliteAccountStore(':memory:'), now: () => NOON_MARCH_31 };
  opened.push(s);
  return s;
}

describe('importing a bundle', () => {
  it('stores one update per document, by the server, with the summary derived', async () => {
    const s = stores();
    const result = await importBundle(s, exampleBundle());
    expect(result).toEqual({ ok: true, workspaceId: 'anping-2026', documents: 4 });
    expect(await s.store.listDocuments()).toEqual([
      'ws/anping-2026',
      'ws/anping-2026/project/p-factory',
      'ws/anping-2026/project/p-road',
      'ws/anping-2026/summary',
    ]);
    for (const name of await s.store.listDocuments()) {
      expect((await s.store.history(name)).map((u) => u.author)).toEqual(['server']);
    }
    expect(await s.accounts.getWorkspace('anping-2026')).toMatchObject({ id: 'anping-2026', name: '安平县2026年项目建设年' });
    const summary = await loadDoc(s.store, summaryDocName('anping-2026'));
    if (!summary) throw new Error('no summary');
    const read = readSummary(summary);
    expect(validValues(read.rows).map((r) => [r.projectId, r.cumulativeWan])).toEqual([
      ['p-factory', 1200],
      ['p-road', 0],
    ]);
    // target results are computed by whoever shows them, from these rows: none are stored
    expect([...summary.share.keys()]).toEqual(['rows']);
  });

  it('never overwrites: a second import of the same workspace stores nothing', async () => {
    const s = stores();
    await importBundle(s, exampleBundle());
    const again = await importBundle(s, exampleBundle());
    expect(again).toEqual({ ok: false, errors: [{ path: 'workspace.id', key: 'bundle.workspaceExists', params: { id: 'anping-2026' } }] });
    expect((await s.store.verify()).updates).toBe(4);
  });
});

describe('exporting', () => {
  it('gives back the imported data (the documented example)', async () => {
    const s = stores();
    await importBundle(s, exampleBundle());
    const exported = await exportBundle(s.store, 'anping-2026');
    expect(exported).toEqual({ ok: true, bundle: canonicalBundle(exampleBundle()), skipped: [] });
  });

  it('round-trips a county demo workspace: export → import elsewhere → export is the same file', async () => {
    const demo = generateWorkspace({ scale: 'county', seed: 7, year: 2026, asOf: '2026-03-31' });
    const original = makeBundle(demo.workspace, demo.projects);
    const first = stores();
    expect((await importBundle(first, original)).ok).toBe(true);
    const exported = await exportBundle(first.store, demo.workspace.id);
    if (!exported.ok) throw new Error('export failed');
    expect(exported.bundle).toEqual(canonicalBundle(original));

    const second = stores();
    const reimported = JSON.parse(JSON.stringify(exported.bundle)) as typeof exported.bundle;
    expect((await importBundle(second, reimported)).ok).toBe(true);
    const again = await exportBundle(second.store, demo.workspace.id);
    expect(again.ok && JSON.stringify(again.bundle)).toBe(JSON.stringify(exported.bundle));
  });

  it('refuses a workspace that is not stored', async () => {
    expect(await exportBundle(stores().store, 'nobody')).toEqual({ ok: false, reason: 'unknown_workspace' });
  });
});
