/**
 * The sync server's live rights for Guatu documents: the workspace document governs every connection of its
 * workspace; rights are `rightsFor` over a view of it that is read once per state of the document (not once per
 * connection), and changes are vetted by the write rules.
 */
import type * as Y from 'yjs';
import { workspaceDocName } from '../../shared/model/doc-names';
import { WORKSPACE_KEYS } from '../../shared/model/keys';
import type { RightsPolicy } from '../sync/config';
import { effectiveRole, rightsFor, type WorkspaceView } from './rights';
import { EMPTY_WORKSPACE_VIEW, workspaceViewFromDoc } from './workspace-view';
import { vetWrite } from './write-rules';

export interface LiveRights extends RightsPolicy {
  /** The rights view of a loaded workspace document, cached until its members or registry change. */
  viewOf(doc: Y.Doc): WorkspaceView;
}

/** Top-level maps of the workspace document that rights and the write rules read (units: heads; campaign: who confirms 销号). */
const RIGHTS_ROOTS: readonly string[] = [WORKSPACE_KEYS.members, WORKSPACE_KEYS.registry, WORKSPACE_KEYS.units, WORKSPACE_KEYS.campaign];

export function createLiveRights(): LiveRights {
  const views = new WeakMap<Y.Doc, WorkspaceView>();
  const viewOf = (doc: Y.Doc): WorkspaceView => {
    let view = views.get(doc);
    if (!view) {
      view = workspaceViewFromDoc(doc);
      views.set(doc, view);
    }
    return view;
  };
  return {
    viewOf,
    governingDocument: (principal) => workspaceDocName(principal.workspaceId),
    rightsMayChange(_docName, doc, roots) {
      if (!RIGHTS_ROOTS.some((root) => roots.has(root))) return false;
      views.delete(doc);
      return true;
    },
    evaluate(principal, docName, governing) {
      const { read, write } = rightsFor(principal, docName, governing === null ? EMPTY_WORKSPACE_VIEW : viewOf(governing));
      return { read, write };
    },
    vet(principal, docName, change, governing, doc) {
      const view = governing === null ? EMPTY_WORKSPACE_VIEW : viewOf(governing);
      return vetWrite({ memberId: principal.memberId, role: effectiveRole(principal, view) }, docName, change, { view, doc });
    },
  };
}
