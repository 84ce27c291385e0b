/**
 * Builds the peer of the board benchmark: the whole city (workspace and every project document of the running demo
 * server) copied into ONE Yjs document, records as nested maps (one Y.Map per project, per milestone, per problem, per
 * report) so each field could still be edited on its own, as a single-document design would need.
 */
import * as Y from 'yjs';
import { parseDocName, projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { PROJECT_KEYS, WORKSPACE_KEYS } from '../../../shared/model/keys';
import { loadDoc } from '../../../server/bundle/store-bundle';
import type { DocumentStore } from '../../../server/storage/document-store';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map of records becomes a Y.Map of Y.Maps (one per record); anything else is kept as a JSON value. */
function recordsMap(records: Record<string, Json>): Y.Map<unknown> {
  const out = new Y.Map<unknown>();
  for (const [id, record] of Object.entries(records)) out.set(id, isRecord(record) ? fieldsMap(record) : record);
  return out;
}

function fieldsMap(fields: Record<string, Json>): Y.Map<unknown> {
  const out = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) out.set(k, v);
  return out;
}

export interface CityDocument {
  update: Uint8Array;
  projects: number;
}

export async function buildCityDocument(store: DocumentStore, workspaceId: string): Promise<CityDocument> {
  const city = new Y.Doc();
  const wsDoc = await loadDoc(store, workspaceDocName(workspaceId));
  if (!wsDoc) throw new Error('no workspace document');
  const names = (await store.listDocuments(`ws/${workspaceId}/project/`)).filter((n) => parseDocName(n)?.kind === 'project');
  const sources: Array<{ id: string; json: Record<string, unknown> }> = [];
  for (const name of names) {
    const doc = await loadDoc(store, name);
    const parsed = parseDocName(name);
    if (!doc || parsed?.kind !== 'project') continue;
    sources.push({
      id: parsed.projectId,
      json: {
        project: doc.getMap(PROJECT_KEYS.project).toJSON(),
        milestones: doc.getMap(PROJECT_KEYS.milestones).toJSON(),
        problems: doc.getMap(PROJECT_KEYS.problems).toJSON(),
        reports: doc.getMap(PROJECT_KEYS.reports).toJSON(),
        activity: doc.getArray(PROJECT_KEYS.activity).toJSON(),
      },
    });
    doc.destroy();
  }
  city.transact(() => {
    const workspace = city.getMap<unknown>('workspace');
    for (const key of Object.values(WORKSPACE_KEYS)) {
      const value = wsDoc.getMap(key).toJSON();
      workspace.set(key, recordsMap(value as Record<string, Json>));
    }
    const projects = city.getMap<unknown>('projects');
    for (const { id, json } of sources) {
      const project = new Y.Map<unknown>();
      project.set('project', fieldsMap(json.project as Record<string, Json>));
      for (const key of ['milestones', 'problems', 'reports'] as const) project.set(key, recordsMap(json[key] as Record<string, Json>));
      const activity = new Y.Array<unknown>();
      activity.push(json.activity as Json[]);
      project.set('activity', activity);
      projects.set(id, project);
    }
  });
  wsDoc.destroy();
  const update = Y.encodeStateAsUpdate(city);
  city.destroy();
  return { update, projects: sources.length };
}

export { projectDocName };
