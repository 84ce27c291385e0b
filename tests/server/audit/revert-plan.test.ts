import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyRevert, planRevert } from '../../../server/audit/revert-plan';
import { HistoryReplayer, type HistoryEntry } from '../../../server/rest/history-replay';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { jsonEqual } from '../../../shared/model/plain-json';
import { randomProjectHistory } from '../rest/project-history';
import { seededRandom } from '../storage/project-edits';

const DOC = 'ws1/project/p1';
const MEMBERS = ['m-li', 'm-wang', 'm-zhao'];
const ADMIN = 'm-admin';

function replay(history: readonly StoredUpdate[]): HistoryEntry[] {
  const replayer = new HistoryReplayer();
  const entries: HistoryEntry[] = [];
  for (const stored of history) {
    const entry = replayer.apply(stored);
    if (entry) entries.push(entry);
  }
  replayer.destroy();
  return entries;
}

const key = (c: { record: { kind: string; id: string }; field: string }): string => `${c.record.kind}/${c.record.id}/${c.field}`;

describe('revert by scope (#13 restorable): a property over random histories', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => 1_000 + i);
  for (const seed of seeds) {
    it(`restores exactly the fields the member touched in the window that nobody changed later (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const history = randomProjectHistory(seed, 80, DOC);
      const member = MEMBERS[Math.floor(random() * MEMBERS.length)] ?? 'm-li';
      const times = history.map((h) => h.at);
      const a = times[Math.floor(random() * times.length)] ?? 0;
      const b = times[Math.floor(random() * times.length)] ?? 0;
      const scope = { memberId: member, from: Math.min(a, b), to: Math.max(a, b) };

      // what the member did in the window, and what came after, from the plain replay
      const entries = replay(history);
      const first = new Map<string, unknown>();
      const lastSeq = new Map<string, number>();
      const createdRecords = new Set<string>();
      for (const entry of entries) {
        if (entry.author !== member || entry.at < scope.from || entry.at > scope.to) continue;
        for (const c of entry.changes) {
          if (!first.has(key(c))) first.set(key(c), c.from ?? null);
          lastSeq.set(key(c), entry.seq);
          if ((c.field === 'created' || c.field === 'id') && (c.from === null || c.from === undefined)) createdRecords.add(`${c.record.kind}/${c.record.id}`);
        }
      }
      const changedLater = new Set<string>();
      for (const entry of entries) for (const c of entry.changes) if ((lastSeq.get(key(c)) ?? Infinity) < entry.seq) changedLater.add(key(c));

      const plan = await planRevert(DOC, history, scope);
      expect(new Set(plan.conflicts.map(key))).toEqual(
        new Set([...lastSeq.keys()].filter((k) => changedLater.has(k) && !createdRecords.has(k.split('/').slice(0, 2).join('/')))),
      );

      const doc = new Y.Doc();
      for (const stored of history) Y.applyUpdate(doc, stored.update);
      const before = Y.encodeStateVector(doc);
      const outcome = applyRevert(doc, plan, { memberId: ADMIN, at: (times.at(-1) ?? 0) + 60_000 });
      const revertUpdate = Y.encodeStateAsUpdate(doc, before);
      const after = replay([...history, { docName: DOC, seq: history.length + 1, update: revertUpdate, author: ADMIN, at: 0, hash: '' }]);
      const last = after.at(-1);
      const revertChanges = last && last.seq === history.length + 1 ? last.changes : [];
      const refused = new Set(outcome.refused.map((r) => `${r.record.kind}/${r.record.id}`));

      for (const [k, original] of first) {
        const recordKey = k.split('/').slice(0, 2).join('/');
        const field = k.split('/')[2] ?? '';
        if (changedLater.has(k) || createdRecords.has(recordKey) || refused.has(recordKey) || ['id', 'created', 'updated', 'month'].includes(field)) continue;
        const change = revertChanges.find((c) => key(c) === k);
        // restored to the value before the member's first change (or it was already that value)
        if (change) expect(jsonEqual(change.to ?? null, original ?? null), `${k} → ${JSON.stringify(change.to)}, want ${JSON.stringify(original)}`).toBe(true);
        else expect(plan.restores.some((r) => key(r) === k)).toBe(false);
      }
      // nothing else moves: no field the member did not touch in the window, nor one changed later
      for (const c of revertChanges) {
        if (['updated', 'stage'].includes(c.field)) continue;
        if (c.field === 'archived' && createdRecords.has(`${c.record.kind}/${c.record.id}`)) continue;
        expect(first.has(key(c)) && !changedLater.has(key(c)), `${key(c)} changed by the revert`).toBe(true);
      }
      for (const record of plan.archives) if (!refused.has(`${record.kind}/${record.id}`)) expect(outcome.archived).toContainEqual(record);
    });
  }
});
