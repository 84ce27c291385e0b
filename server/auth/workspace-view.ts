import type * as Y from 'yjs';
import { validValues } from '../../shared/model/result';
import { readCollection } from '../../shared/model/slots';
import { workspaceMap } from '../../shared/model/workspace-read';
import { MEMBER_LAYOUT, REGISTRY_LAYOUT, UNIT_LAYOUT } from '../../shared/model/workspace-layout';
import { ProblemClosureSchema } from '../../shared/schema/campaign';
import type { WorkspaceView } from './rights';

/**
 * What rights depend on in a loaded workspace document, read through the model: members, the project registry, the
 * units' heads (who answers for a department's problems) and who confirms 销号. Records that fail validation are left
 * out: such a member falls back to the role in their token; an unreadable closure setting means the 项目办 alone.
 */
export function workspaceViewFromDoc(doc: Y.Doc): WorkspaceView {
  const closure = ProblemClosureSchema.safeParse(workspaceMap(doc, 'campaign').get('problemClosure'));
  return {
    members: validValues(readCollection(workspaceMap(doc, 'members'), MEMBER_LAYOUT)),
    registry: validValues(readCollection(workspaceMap(doc, 'registry'), REGISTRY_LAYOUT)),
    units: validValues(readCollection(workspaceMap(doc, 'units'), UNIT_LAYOUT)),
    ...(closure.success ? { problemClosure: closure.data } : {}),
  };
}

/** What a server without the workspace document yet sees: nobody listed, nothing registered. */
export const EMPTY_WORKSPACE_VIEW: WorkspaceView = { members: [], registry: [] };
