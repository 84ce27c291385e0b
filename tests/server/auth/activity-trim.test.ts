import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { vetWrite, type Writer } from '../../../server/auth/write-rules';
import { appliedChange, type AppliedChange } from '../../../server/sync/applied-change';
import { ACTIVITY_PROTECTED, ACTIVITY_WINDOW, activityArray } from '../../../shared/model/activity';
import { editProject, moveStage } from '../../../shared/model/project-edit';
import { initProject } from '../../../shared/model/project-init';
import { fileMonthlyReport } from '../../../shared/model/project-reports';

const DOC = 'ws/w1/project/p1';
const owner: Writer = { memberId: 'owner1', role: 'member' };
const teamMember: Writer = { memberId: 'team1', role: 'member' };
const admin: Writer = { memberId: 'admin1', role: 'admin' };
const WRITERS = [owner, teamMember, admin];
const at = (minute: number, who: Writer) => ({ memberId: who.memberId, at: Date.UTC(2026, 3, 1, 2) + minute * 60_000 });

/** The server's replica of project p1 (owner1 owns it, team1 is on its team) after `edits` progress edits. */
function serverReplica(edits: number): Y.Doc {
  const doc = new Y.Doc();
  const init = initProject(doc, { id: 'p1', name: '临江港区物流园', ownerId: 'owner1', team: ['team1'] }, at(0, owner), {
    locale: 'zh-CN',
    defaultMilestones: false,
  });
  expect(init.ok).toBe(true);
  for (let i = 0; i < edits; i++) expect(editProject(doc, { progressNote: `第${i}次进展` }, at(i + 1, owner)).ok).toBe(true);
  return doc;
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Applies `update` to the server's document the way the room does and returns what the write rules see. */
function applyAsServer(server: Y.Doc, update: Uint8Array): AppliedChange {
  let seen: AppliedChange | null = null;
  const watch = (tr: Y.Transaction) => {
    seen = appliedChange(tr);
  };
  server.on('afterTransaction', watch);
  Y.applyUpdate(server, update, 'connection');
  server.off('afterTransaction', watch);
  if (seen === null) throw new Error('nothing arrived');
  return seen;
}

/** What the server sees when `edit`, made on a fresh replica of `server`, arrives. */
function arriving(server: Y.Doc, edit: (client: Y.Doc) => void): AppliedChange {
  const client = replicaOf(server);
  const vector = Y.encodeStateVector(client);
  edit(client);
  return applyAsServer(server, Y.encodeStateAsUpdate(client, vector));
}

describe('the server keeps the newest activity window (a crafted update cannot wipe 新进展)', () => {
  it('refuses an update deleting every activity entry, from a member and from the 项目办 alike', () => {
    const change = arriving(serverReplica(30), (c) => activityArray(c).delete(0, activityArray(c).length));
    for (const writer of WRITERS) expect(vetWrite(writer, DOC, change)).toBe('activity-recent-removed');
  });

  it('refuses deleting only the newest entry, or entries hidden among an edit of the writer’s own', () => {
    const newest = arriving(serverReplica(30), (c) => activityArray(c).delete(activityArray(c).length - 1, 1));
    expect(vetWrite(owner, DOC, newest)).toBe('activity-recent-removed');
    const hidden = arriving(serverReplica(30), (c) => {
      c.transact(() => {
        activityArray(c).delete(0, 5);
        editProject(c, { progressNote: '正常进展' }, at(100, owner));
      });
    });
    expect(vetWrite(owner, DOC, hidden)).toBe('activity-recent-removed');
  });

  it('draws the line exactly: an entry with ACTIVITY_PROTECTED entries after it may go, one with fewer may not', () => {
    const server = serverReplica(ACTIVITY_WINDOW + 50);
    // an older server document, grown before the window: put back a long stream the old way
    const longer = replicaOf(server);
    longer.transact(() =>
      activityArray(longer).insert(
        0,
        Array.from({ length: 50 }, (_, i) => ({ by: 'owner1', at: i, action: 'project.edit', record: null })),
      ),
    );
    applyAsServer(server, Y.encodeStateAsUpdate(longer, Y.encodeStateVector(server)));
    const length = activityArray(server).length;
    expect(length).toBe(ACTIVITY_WINDOW + 50);
    const inside = arriving(replicaOf(server), (c) => activityArray(c).delete(length - ACTIVITY_PROTECTED, 1));
    expect(vetWrite(owner, DOC, inside)).toBe('activity-recent-removed');
    const outside = arriving(replicaOf(server), (c) => activityArray(c).delete(length - ACTIVITY_PROTECTED - 1, 1));
    expect(vetWrite(owner, DOC, outside)).toBeNull();
  });

  it('a trim made on a replica ahead of the server (it has edits the server has not received yet) is not refused', () => {
    const server = serverReplica(ACTIVITY_WINDOW);
    const ahead = replicaOf(server);
    // edits the server has not received (another instance's, or sent just before this connection's sync)
    for (let i = 0; i < ACTIVITY_WINDOW - ACTIVITY_PROTECTED - 1; i++) editProject(ahead, { progressNote: `别处第${i}次` }, at(500 + i, teamMember));
    const vector = Y.encodeStateVector(ahead);
    expect(editProject(ahead, { progressNote: '本次进展' }, at(900, owner)).ok).toBe(true);
    // only this last edit (with its trim) reaches the server, without the edits before it
    const change = applyAsServer(server, Y.encodeStateAsUpdate(ahead, vector));
    expect(vetWrite(owner, DOC, change)).toBeNull();
  });

  it('an old document holding thousands of entries is trimmed by the next edit, and the server accepts the trim', () => {
    const server = serverReplica(3);
    const old = replicaOf(server);
    old.transact(() => activityArray(old).push(Array.from({ length: 5_000 }, (_, i) => ({ by: 'owner1', at: i, action: 'project.edit', record: null }))));
    applyAsServer(server, Y.encodeStateAsUpdate(old, Y.encodeStateVector(server)));
    const change = arriving(server, (c) => {
      expect(fileMonthlyReport(c, { month: '2026-03', completedWan: 500, progress: '主体施工', issues: '' }, at(10, owner)).ok).toBe(true);
    });
    expect(change.removed).toEqual([{ array: 'activity', entries: expect.any(Number), fewestLater: ACTIVITY_WINDOW }]);
    expect(vetWrite(owner, DOC, change)).toBeNull();
    expect(activityArray(server).length).toBe(ACTIVITY_WINDOW);
  });
});

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261207;

describe(`honest offline writers’ trims are never refused, whatever order they reach the server in (seed ${SEED})`, () => {
  it('each offline replica’s update, applied as it arrives, passes the write rules, and every replica converges with the server', () => {
    const start = Y.encodeStateAsUpdate(serverReplica(ACTIVITY_WINDOW - 20));
    const editArb = fc.record({ kind: fc.constantFrom('progress', 'stage', 'report'), n: fc.nat(1000) });
    fc.assert(
      fc.property(
        fc.array(fc.array(editArb, { maxLength: 60 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (edits, order) => {
          const server = new Y.Doc();
          Y.applyUpdate(server, start);
          const replicas = edits.map(() => replicaOf(server));
          const writers = edits.map((_, r) => WRITERS[r % WRITERS.length] as Writer);
          edits.forEach((list, r) => {
            const doc = replicas[r] as Y.Doc;
            const writer = writers[r] as Writer;
            list.forEach(({ kind, n }, i) => {
              const author = at(1_000 + r * 100 + i, writer);
              if (kind === 'progress') editProject(doc, { progressNote: `副本${r}进展${n}` }, author);
              else if (kind === 'stage') moveStage(doc, n % 2 === 0 ? 'started' : 'preparation', '2026-04-01', author);
              // each replica its own month: two offline filings of one month are another matter than the window
              else fileMonthlyReport(doc, { month: `2026-0${r + 1}`, completedWan: n, progress: `月报${n}`, issues: '' }, author);
            });
          });
          const arrival = replicas.map((_, r) => r).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
          for (const r of arrival) {
            const change = applyAsServer(server, Y.encodeStateAsUpdate(replicas[r] as Y.Doc, Y.encodeStateVectorFromUpdate(start)));
            expect(vetWrite(writers[r] as Writer, DOC, change)).toBeNull();
          }
          for (const replica of replicas) Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
          const served = JSON.stringify(activityArray(server).toJSON());
          for (const replica of replicas) expect(JSON.stringify(activityArray(replica).toJSON())).toBe(served);
          expect(activityArray(server).length).toBeGreaterThanOrEqual(Math.min(ACTIVITY_WINDOW, ACTIVITY_WINDOW - 20 + 1));
        },
      ),
      { seed: SEED, numRuns: 20 },
    );
  });
});
