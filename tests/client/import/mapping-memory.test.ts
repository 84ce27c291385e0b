import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuatuDb, type GuatuDb } from '../../../client/db';
import { readMapping, saveMapping } from '../../../client/import/mapping-memory';
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
});
