import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGuatuDb, setLocale, type GuatuDb } from '../../client/db';
import { watchStoredRows } from '../../client/stored-rows-changes';
import { freshName } from './helpers';

// watchStoredRows listens to a broadcast that is Dexie's internal business: these write with the installed Dexie, so
// an upgrade that renames the channel or changes what it posts fails here, not silently in the popup.
const dbs: GuatuDb[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const db of dbs.splice(0)) await db.delete();
});

describe('following Dexie writes without Dexie', () => {
  it('hears a write to a watched table of the database, and not one to another table or another database', async () => {
    const db = openGuatuDb(freshName('watched'));
    const other = openGuatuDb(freshName('other'));
    dbs.push(db, other);
    const heard = vi.fn();
    stops.push(watchStoredRows(db.name, ['settings'], heard));
    // Broadcasts arrive in order: once the watched write is heard, the two before it have been delivered too.
    await other.settings.put({ key: 'locale', value: 'en' });
    await db.notifications.put({ id: 'n1', notifiedAt: 1 });
    await setLocale(db, 'en');
    await vi.waitFor(() => expect(heard).toHaveBeenCalled());
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('stops hearing once stopped', async () => {
    const db = openGuatuDb(freshName('stopped'));
    dbs.push(db);
    const stopped = vi.fn();
    const running = vi.fn();
    const stop = watchStoredRows(db.name, ['settings'], stopped);
    stops.push(watchStoredRows(db.name, ['settings'], running));
    stop();
    await setLocale(db, 'en');
    await vi.waitFor(() => expect(running).toHaveBeenCalled());
    expect(stopped).not.toHaveBeenCalled();
  });
});
