import { createHmac, randomBytes } from 'node:crypto';

/**
 * The number a room shows for a presence (awareness) client instead of its own (issue #13). A y-websocket client's
 * awareness client id is its document's Yjs client id, so relaying it as it came would tell every member of the room
 * the client id a member's browser is about to write with: enough to write under it first and have their real edits
 * refused (a "squat"). Peers see a keyed hash instead: stable while the room is loaded (so a client's presence updates
 * and removal match), unrelated to the client id, and unguessable without the room's key.
 */
export class PresenceAliases {
  private readonly key = randomBytes(32);

  aliasOf(clientId: number): number {
    return createHmac('sha256', this.key).update(String(clientId)).digest().readUInt32BE(0);
  }
}
