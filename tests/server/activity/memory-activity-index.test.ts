import { createMemoryActivityIndex } from '../../../server/activity/memory-activity-index';
import { describeActivityIndexContract } from './contract';

describeActivityIndexContract('memory', async () => {
  const index = createMemoryActivityIndex();
  return { index, reopen: async () => index, cleanup: async () => undefined };
});
