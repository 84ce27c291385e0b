/**
 * The activity window through the real server: a member's crafted update that empties the project's activity stream
 * is refused (4422) and reaches neither a peer nor storage; the model's own trims, after many edits, are accepted.
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes';
import { ACTIVITY_WINDOW, activityArray } from '../../../shared/model/activity';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { validValues } from '../../../shared/model/result';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { loadDoc } from '../../../server/bundle/store-bundle';
import { eventually, joinDemo, waitFor, type Joined } from '../app/fixtures';
import { appPerTest } from '../app/app-per-test';

const env = appPerTest('activity-trim');
const open = env.open;

async function storedActivity(room: string): Promise<number> {
  const doc = await loadDoc(env.running.app.store, room);
  if (!doc) throw new Error(`${room} is not stored`);
  try {
    return activityArray(doc).length;
  } finally {
    doc.destroy();
  }
}

/** The member's own project (they may write it) and its room name. */
async function ownProject(member: Joined): Promise<string> {
  const ws = await open(workspaceDocName(member.workspaceId), member);
  const entry = validValues(readWorkspace(ws.doc).registry).find((r) => r.ownerId === member.memberId);
  if (!entry) throw new Error('the demo member owns no project');
  return projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id));
}

const lengthOf = (doc: Y.Doc): number => activityArray(doc).length;

describe('the activity window at the server', () => {
  it('a member deleting the whole activity stream is refused (4422): the peer and the store keep it', async () => {
    const [member, admin] = [await joinDemo(env.running, 'member'), await joinDemo(env.running, 'admin')];
    const room = await ownProject(member);
    const mine = await open(room, member);
    const peer = await open(room, admin);
    const before = lengthOf(peer.doc);
    expect(before).toBeGreaterThan(0);
    activityArray(mine.doc).delete(0, lengthOf(mine.doc));
    await waitFor(() => mine.closes.includes(CloseCode.changeRefused), 'the socket to close with 4422');
    expect(lengthOf(peer.doc)).toBe(before);
    expect(await storedActivity(room)).toBe(before);
  });

  it('edits past the window: the writer’s own trims are accepted and the stored stream holds the newest ACTIVITY_WINDOW', async () => {
    const member = await joinDemo(env.running, 'member');
    const room = await ownProject(member);
    const mine = await open(room, member);
    const edits = ACTIVITY_WINDOW + 20;
    for (let i = 0; i < edits; i++)
      expect(editProject(mine.doc, { progressNote: `第${i}次形象进度` }, { memberId: member.memberId, at: Date.now() }).ok).toBe(true);
    expect(lengthOf(mine.doc)).toBe(ACTIVITY_WINDOW);
    await eventually(async () => (await storedActivity(room)) === ACTIVITY_WINDOW, 'the trimmed stream to be stored');
    expect(mine.closes).toEqual([]);
  });
});
