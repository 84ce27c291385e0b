import { MemoryStore } from '../sync/memory-store';
import { describeDocumentStoreContract } from './contract';

// the store every sync test runs on keeps the same numbered rules as SQLite, or those tests prove nothing about it
describeDocumentStoreContract('in memory (the sync tests’ store)', async () => {
  const store = new MemoryStore();
  const opened = [store];
  return {
    store,
    reopen: async () => {
      const again = store.reopen();
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const each of opened) await each.close();
    },
  };
});
