import type * as Y from 'yjs';
import { validValues } from '../../shared/model/result';
import { readCollection } from '../../shared/model/slots';
import { workspaceMap } from '../../shared/model/workspace-read';
import { MEMBER_LAYOUT, REGISTRY_LAYOUT } from '../../shared/model/workspace-layout';
import type { WorkspaceView } from './rights';

/**
 * The members and project registry of a loaded workspace document, read through the model (only the two
 * collections rights depend on). Records that fail validation are left out: such a member falls back to the role
 * in their token.
 */
export function workspaceViewFromDoc(doc: Y.Doc): WorkspaceView {
  return {
    members: validValues(readCollection(workspaceMap(doc, 'members'), MEMBER_LAYOUT)),
    registry: validValues(readCollection(workspaceMap(doc, 'registry'), REGISTRY_LAYOUT)),
  };
}

/** What a server without the workspace document yet sees: nobody listed, nothing registered. */
export const EMPTY_WORKSPACE_VIEW: WorkspaceView = { members: [], registry: [] };
