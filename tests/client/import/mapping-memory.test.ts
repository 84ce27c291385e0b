import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuatuDb, type GuatuDb } from '../../../client/db';
import { readMapping, readReportTemplate, saveMapping, saveReportTemplate } from '../../../client/import/mapping-memory';
import { freshName } from '../helpers';

const dbs: GuatuDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('the remembered column mapping', () => {
  it('is kept per workspace and template, and a stored value that does not parse is ignored', async () => {
    const db = openGuatuDb(freshName());
    dbs.push(db);
    await saveMapping(db, 'ws-a', 'tpl-1', { 0: 'name', 3: 'content', 4: null });
    expect(await readMapping(db, 'ws-a', 'tpl-1')).toEqual({ 0: 'name', 3: 'content', 4: null });
    expect(await readMapping(db, 'ws-a', 'tpl-2')).toBeNull();
    expect(await readMapping(db, 'ws-b', 'tpl-1')).toBeNull();
    await db.settings.put({ key: 'importMapping|ws-a|tpl-3', value: { 0: 'notAField' } });
    expect(await readMapping(db, 'ws-a', 'tpl-3')).toBeNull();
  });

  it('keeps the last 月报 template per workspace, and reads a damaged or foreign value as none', async () => {
    const db = openGuatuDb(freshName());
    dbs.push(db);
    expect(await readReportTemplate(db, 'ws-a')).toBeNull();
    const stored = {
      name: '全县重点项目建设进展情况表',
      template: {
        title: '2026年11月全县重点项目建设进展情况表',
        columns: [
          { field: 'seq' as const, header: '序号' },
          { field: 'name' as const, header: '项目名称' },
          { field: 'cumulativeCompleted' as const, header: '2026年1-11月完成投资 › 累计', hidden: true },
          { field: null, header: '备注' },
        ],
      },
      savedAt: 1_796_000_000_000,
    };
    await saveReportTemplate(db, 'ws-a', stored);
    expect(await readReportTemplate(db, 'ws-a')).toEqual(stored);
    expect(await readReportTemplate(db, 'ws-b')).toBeNull();
    // a later import replaces it
    const next = { ...stored, name: '月报', savedAt: stored.savedAt + 1 };
    await saveReportTemplate(db, 'ws-a', next);
    expect(await readReportTemplate(db, 'ws-a')).toEqual(next);
    for (const bad of [
      { ...stored, template: { columns: [{ field: 'owner', header: '责任人' }] } },
      { ...stored, template: { columns: [] } },
      { ...stored, name: '' },
      'not a template',
    ]) {
      await db.settings.put({ key: 'reportTemplate|ws-c', value: bad });
      expect(await readReportTemplate(db, 'ws-c')).toBeNull();
    }
  });
});
