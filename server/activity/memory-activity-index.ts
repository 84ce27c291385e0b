/**
 * The activity index in memory: for tests and tools. Each workspace's entries are kept sorted newest first; a query
 * walks them from the cursor on.
 */
import { compareNewestFirst, pageOf, type ActivityEntry, type ActivityFilter, type ActivityIndex } from './activity-index';

function matches(entry: ActivityEntry, filter: ActivityFilter): boolean {
  return (
    (filter.memberId === undefined || entry.memberId === filter.memberId) &&
    (filter.unitId === undefined || entry.unitId === filter.unitId) &&
    (filter.projectId === undefined || entry.projectId === filter.projectId) &&
    (filter.kind === undefined || entry.kind === filter.kind) &&
    (filter.from === undefined || entry.at >= filter.from) &&
    (filter.to === undefined || entry.at < filter.to)
  );
}

/** Index of the first entry after `cursor` in a newest-first list. */
function firstAfter(entries: readonly ActivityEntry[], cursor: Parameters<typeof compareNewestFirst>[0]): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = entries[mid];
    if (entry && compareNewestFirst(entry, cursor) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createMemoryActivityIndex(): ActivityIndex {
  const byWorkspace = new Map<string, ActivityEntry[]>();
  const keys = new Set<string>();
  const marks = new Map<string, number>();
  return {
    async indexedSeq(docName) {
      return marks.get(docName) ?? 0;
    },
    async record(docName, entries, uptoSeq) {
      for (const entry of entries) {
        const key = `${entry.workspaceId}\u0000${entry.projectId}\u0000${entry.seq}`;
        if (keys.has(key)) continue;
        keys.add(key);
        let list = byWorkspace.get(entry.workspaceId);
        if (!list) {
          list = [];
          byWorkspace.set(entry.workspaceId, list);
        }
        const copy = structuredClone(entry);
        list.splice(firstAfter(list, copy), 0, copy);
      }
      marks.set(docName, Math.max(marks.get(docName) ?? 0, uptoSeq));
    },
    async query({ workspaceId, filter, cursor, limit }) {
      const list = byWorkspace.get(workspaceId) ?? [];
      const rows: ActivityEntry[] = [];
      for (let i = cursor ? firstAfter(list, cursor) : 0; i < list.length && rows.length <= limit; i++) {
        const entry = list[i];
        if (entry && matches(entry, filter)) rows.push(structuredClone(entry));
      }
      return pageOf(rows, limit);
    },
    async close() {},
  };
}
