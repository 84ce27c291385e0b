import type * as Y from 'yjs';
import { validValues } from '../../shared/model/result';
import { readWorkspace } from '../../shared/model/workspace-read';
import type { WorkspaceView } from './rights';

/**
 * The members and project registry of a loaded workspace document, read through the model.
 * Records that fail validation are left out: such a member falls back to the role in their token.
 */
export function workspaceViewFromDoc(doc: Y.Doc): WorkspaceView {
  const read = readWorkspace(doc);
  return { members: validValues(read.members), registry: validValues(read.registry) };
}

/** What a server without the workspace document yet sees: nobody listed, nothing registered. */
export const EMPTY_WORKSPACE_VIEW: WorkspaceView = { members: [], registry: [] };
