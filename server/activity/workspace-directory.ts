/**
 * Who and what a workspace document names, read once per state of the document: members' and units' names (the
 * activity's sentences say names, never ids), projects' names, and each member's unit (the activity's unit filter).
 * The activity indexer and the activity route share it; a cost paid per change of the workspace, not per request.
 */
import type * as Y from 'yjs';
import { historyNames } from '../../shared/history/describe-entry';
import { validValues } from '../../shared/model/result';
import { readCollection } from '../../shared/model/slots';
import { workspaceMap } from '../../shared/model/workspace-read';
import { MEMBER_LAYOUT, REGISTRY_LAYOUT, UNIT_LAYOUT } from '../../shared/model/workspace-layout';

export interface WorkspaceDirectory {
  /** Names of members and units by id (describe-entry's `names`). */
  names: ReadonlyMap<string, string>;
  projectNames: ReadonlyMap<string, string>;
  /** Each listed member's unit (null: none). */
  unitOf: ReadonlyMap<string, string | null>;
}

const directories = new WeakMap<Y.Doc, { directory: WorkspaceDirectory | null }>();

function read(doc: Y.Doc): WorkspaceDirectory {
  const members = validValues(readCollection(workspaceMap(doc, 'members'), MEMBER_LAYOUT));
  const units = validValues(readCollection(workspaceMap(doc, 'units'), UNIT_LAYOUT));
  const registry = validValues(readCollection(workspaceMap(doc, 'registry'), REGISTRY_LAYOUT));
  return {
    names: historyNames(members, units),
    projectNames: new Map(registry.map((r) => [r.id, r.name])),
    unitOf: new Map(members.map((m) => [m.id, m.unitId ?? null])),
  };
}

/** The directory of a loaded workspace document, read again only after the document changed. */
export function workspaceDirectory(doc: Y.Doc): WorkspaceDirectory {
  let cached = directories.get(doc);
  if (!cached) {
    const entry: { directory: WorkspaceDirectory | null } = { directory: null };
    doc.on('update', () => {
      entry.directory = null;
    });
    directories.set(doc, entry);
    cached = entry;
  }
  cached.directory ??= read(doc);
  return cached.directory;
}
