import { join } from 'node:path';
import type { ActivityIndex } from '../../../server/activity/activity-index';
import { openSqliteActivityIndex } from '../../../server/activity/sqlite-activity-index';
import { makeTempDir } from '../storage/temp-dir';
import { describeActivityIndexContract } from './contract';

describeActivityIndexContract('SQLite', async () => {
  const dir = makeTempDir('activity');
  const path = join(dir.dir, 'guatu.sqlite');
  const opened: ActivityIndex[] = [];
  const openOne = async (): Promise<ActivityIndex> => {
    const index = openSqliteActivityIndex(path);
    opened.push(index);
    return index;
  };
  return {
    index: await openOne(),
    reopen: openOne,
    cleanup: async () => {
      for (const index of opened) await index.close();
      dir.remove();
    },
  };
});
