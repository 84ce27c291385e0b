import { describe, expect, it } from 'vitest';
import { planScope } from '../../../server/audit/scope-plan';
import type { DocumentStore, StoredUpdate } from '../../../server/storage/document-store';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { randomProjectHistory } from '../rest/project-history';

/** Three project documents of 40-odd updates each; counts the updates read. */
function store(): { store: DocumentStore; read: () => number } {
  const docs = new Map<string, StoredUpdate[]>(
    ['a', 'b', 'c'].map((id, i) => [`ws/ws1/project/${id}`, randomProjectHistory(3_000 + i, 30, `ws/ws1/project/${id}`)]),
  );
  let read = 0;
  const partial: Pick<DocumentStore, 'listDocuments' | 'history'> = {
    listDocuments: async (prefix = '') => [...docs.keys()].filter((name) => name.startsWith(prefix)),
    history: async (name, fromSeq = 1, limit) => {
      const updates = (docs.get(name) ?? []).filter((u) => u.seq >= fromSeq).slice(0, limit);
      read += updates.length;
      return updates;
    },
  };
  return { store: partial as DocumentStore, read: () => read };
}

const everyone = { kind: 'member' as const, memberId: 'm-li', from: 0, to: Date.UTC(2030, 0, 1), projectId: null };

describe('planScope caps what one request may read (#13 restorable)', () => {
  it('refuses more projects than the cap before reading any history', async () => {
    const s = store();
    expect(await planScope(s.store, 'ws1', everyone, { maxProjects: 2, maxUpdates: 1_000_000 })).toEqual({
      ok: false,
      reason: 'tooLarge',
      limit: 'maxProjects',
      max: 2,
    });
    expect(s.read()).toBe(0);
  });

  it('stops reading once the updates exceed the cap, and plans in full under it', async () => {
    const s = store();
    const refused = await planScope(s.store, 'ws1', everyone, { maxProjects: 10, maxUpdates: 50 });
    expect(refused).toEqual({ ok: false, reason: 'tooLarge', limit: 'maxUpdates', max: 50 });
    expect(s.read()).toBeLessThanOrEqual(51);
    const planned = await planScope(store().store, 'ws1', everyone, { maxProjects: 10, maxUpdates: 1_000 });
    expect(planned.ok && planned.projects.map((p) => p.projectId)).toEqual(['a', 'b', 'c']);
    // one project asked for: only it is read
    const one = await planScope(store().store, 'ws1', { ...everyone, projectId: ProjectIdSchema.parse('b') }, { maxProjects: 1, maxUpdates: 1_000 });
    expect(one.ok && one.projects.map((p) => p.projectId)).toEqual(['b']);
  });
});
