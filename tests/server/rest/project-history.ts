/**
 * A seeded random project history as the server would store it: three cadres' replicas edit one project through
 * the model (fields, stages, milestones, problems, 月报), partly offline and concurrently, and send their edits in
 * bursts; some edits are resent (changing nothing) and one replica writes a malformed value past the model.
 */
import * as Y from 'yjs';
import { seededIds } from '../../../shared/model/ids';
import { editProject, moveStage } from '../../../shared/model/project-edit';
import { initProject } from '../../../shared/model/project-init';
import { addMilestone, tickMilestone } from '../../../shared/model/project-milestones';
import { addProblem, archiveProblem, escalateProblem, resolveProblem } from '../../../shared/model/project-problems';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { STAGES } from '../../../shared/schema/stage';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { seededRandom } from '../storage/project-edits';

export const HISTORY_T0 = Date.UTC(2026, 2, 2, 1, 0); // 2026-03-02 09:00 in Asia/Shanghai

const REMOTE = Symbol('remote');

interface Replica {
  memberId: string;
  doc: Y.Doc;
  outbox: Uint8Array[];
}

/** `edits` edits in random order by three replicas; the stored log (seq 1, 2, … in acceptance order). */
export function randomProjectHistory(seed: number, edits: number, docName = 'ws1/project/p1'): StoredUpdate[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const newId = seededIds(seed);
  const stored: StoredUpdate[] = [];
  const replicas: Replica[] = ['m-li', 'm-wang', 'm-zhao'].map((memberId, i) => {
    const doc = new Y.Doc();
    doc.clientID = 100 + i;
    const replica: Replica = { memberId, doc, outbox: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) replica.outbox.push(update);
    });
    return replica;
  });
  let at = HISTORY_T0;

  function store(update: Uint8Array, author: string): void {
    at += 60_000;
    stored.push({ docName, seq: stored.length + 1, update, author, at, hash: String(stored.length + 1) });
  }
  /** A replica comes online: the server stores its edits in order and every other replica receives them. */
  function sync(from: Replica): void {
    for (const update of from.outbox.splice(0)) {
      store(update, from.memberId);
      for (const other of replicas) if (other !== from) Y.applyUpdate(other.doc, update, REMOTE);
    }
  }

  const [first] = replicas;
  if (!first) throw new Error('no replica');
  initProject(first.doc, { id: 'p1', name: '城东智能装备产业园', totalInvestmentWan: 50_000 }, { memberId: first.memberId, at }, { locale: 'zh-CN', newId });
  sync(first);

  const ids = (doc: Y.Doc, map: string) => [...new Set([...doc.getMap(map).keys()].map((key) => key.split('/')[0] ?? ''))];
  for (let step = 0; step < edits; step++) {
    const replica = pick(replicas) ?? first;
    const { doc } = replica;
    const author = { memberId: replica.memberId, at: at + 1 };
    const roll = random();
    const problem = pick(ids(doc, 'problems'));
    const milestone = pick(ids(doc, 'milestones'));
    if (roll < 0.15) editProject(doc, { progressNote: `第${step}次进展：${Math.floor(random() * 1000)}` }, author);
    else if (roll < 0.25) editProject(doc, { totalInvestmentWan: Math.floor(random() * 100_000) }, author);
    else if (roll < 0.32) moveStage(doc, pick(STAGES) ?? 'signed', `2026-0${1 + Math.floor(random() * 9)}-15`, author);
    else if (roll < 0.42) addProblem(doc, { description: `问题${step}：用地指标未落实`, deadline: '2026-06-30' }, author, { newId });
    else if (roll < 0.48 && problem) resolveProblem(doc, problem, `已协调解决（${step}）`, author);
    else if (roll < 0.52 && problem) escalateProblem(doc, problem, pick(['reminded', 'supervised'] as const) ?? 'reminded', author);
    else if (roll < 0.55 && problem) archiveProblem(doc, problem, author);
    else if (roll < 0.65 && milestone) tickMilestone(doc, milestone, random() < 0.7, author);
    else if (roll < 0.7) addMilestone(doc, { title: `节点${step}`, dueDate: '2026-05-20' }, author, { newId });
    else if (roll < 0.8) {
      const month = `2026-0${1 + Math.floor(random() * 6)}`;
      fileMonthlyReport(doc, { month, completedWan: Math.floor(random() * 500), progress: `形象进度${step}`, issues: '' }, author);
    } else if (roll < 0.82)
      doc.getMap('milestones').set(`${milestone ?? 'x'}/title`, 42); // past the model: an invalid record
    else if (roll < 0.87 && stored.length > 0) {
      const resent = stored[Math.floor(random() * stored.length)];
      if (resent) store(resent.update, replica.memberId); // a resent edit: stored again, changes nothing
    }
    if (random() < 0.35) sync(replica);
  }
  for (const replica of replicas) sync(replica);
  for (const replica of replicas) replica.doc.destroy();
  return stored;
}
