import * as Y from 'yjs';
import { defaultCampaign } from '../../../shared/schema/campaign';
import { initProject, type ProjectInput } from '../../../shared/model/project-init';
import { initWorkspace } from '../../../shared/model/workspace-write';
import type { Author } from '../../../shared/model/origin';

export const MARCH_1 = Date.UTC(2026, 2, 1, 2); // 10:00 in Shanghai
export const alice: Author = { memberId: 'alice', at: MARCH_1 };
export const bob: Author = { memberId: 'bob', at: MARCH_1 + 60_000 };

/** Ids a test can predict: prefix-0, prefix-1, … */
export function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${n++}`;
}

export function newWorkspace(): Y.Doc {
  const doc = new Y.Doc();
  const r = initWorkspace(doc, { id: 'ws1', name: '某市项目建设年', campaign: defaultCampaign(2026) }, alice);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return doc;
}

export const PARK: ProjectInput = {
  id: 'p1',
  code: 'XM-001',
  name: '智能装备产业园',
  category: 'industry',
  kind: 'new',
  source: 'attracted',
  totalInvestmentWan: 50_000,
  annualPlanWan: 12_000,
  plannedStart: '2026-06-01',
  plannedCompletion: '2027-12-31',
  ownerId: 'alice',
  leaderId: 'lee',
};

/** A project document with the 前期 checklist, milestone ids m-0 … m-5. */
export function newProject(input: ProjectInput = PARK): Y.Doc {
  const doc = new Y.Doc();
  const r = initProject(doc, input, alice, { locale: 'zh-CN', newId: counterIds('m') });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return doc;
}

/** Everything `doc` holds, as an update another replica could apply. */
export function snapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** A second replica that has seen everything `doc` has. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), { source: 'remote' });
  return other;
}

/** Exchanges everything both ways (both replicas then hold the same state). */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua, { source: 'remote' });
  Y.applyUpdate(a, ub, { source: 'remote' });
}
