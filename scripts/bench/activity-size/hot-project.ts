/**
 * A hot project's stored history for the activity-size benchmark: a county demo project written through the model,
 * then edits through the model, one transaction (one stored update) each, in the mix a busy project sees: 形象进度
 * notes, 问题 progress, stage moves and 月报 filings (with corrections), by three cadres taking turns.
 *
 * 'window' is the model as it is (the activity stream keeps its newest ACTIVITY_WINDOW entries); 'keep-all' is the
 * behaviour before the window: the same model calls on a document whose activity array ignores deletions, so every
 * entry stays, exactly as appendActivity did when it only pushed.
 */
import * as Y from 'yjs';
import { addMonths, monthOf } from '../../../shared/calc/dates';
import { shanghaiDate } from '../../../shared/format';
import { PROJECT_KEYS } from '../../../shared/model/keys';
import type { Author } from '../../../shared/model/origin';
import { moveStage, editProject } from '../../../shared/model/project-edit';
import { addProblem, reportProblemProgress } from '../../../shared/model/project-problems';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import type { Stage } from '../../../shared/schema/stage';
import { demoProjectWithReports, writeProject } from '../sync/demo-documents';

export type ActivityMode = 'window' | 'keep-all';

/** An array that ignores deletions: the activity stream as it was before the window. */
class KeepAllArray<T> extends Y.Array<T> {
  override delete(): void {
    // the old appendActivity never deleted
  }
}

/** A document whose activity array keeps every entry, whatever the model asks. */
class KeepAllActivityDoc extends Y.Doc {
  override getArray<T = unknown>(name = ''): Y.Array<T> {
    return name === PROJECT_KEYS.activity ? (this.get(name, KeepAllArray) as Y.Array<T>) : super.getArray<T>(name);
  }
}

export interface HotProjectHistory {
  /** Exactly `count` updates, each one transaction. */
  updates: Uint8Array[];
  /** The model calls of the edit mix, and how many of them it refused (they wrote nothing). */
  edits: number;
  refused: number;
  /** The edits of each kind. */
  mix: Record<'progressNote' | 'problemProgress' | 'stage' | 'report', number>;
}

/** Stage moves go forward and back among these, each with its own date (a later stage never dated before an earlier one). */
const STAGE_MOVES: Array<[Stage, string]> = [
  ['preparation', '2026-02-10'],
  ['started', '2026-03-18'],
  ['completed', '2026-10-28'],
  ['started', '2026-03-18'],
];
const PROBLEMS = 3;
/** One 月报 filing or correction every this many edits (about every five days at three minutes an edit). */
const REPORT_EVERY = 2_500;

export function hotProjectHistory(count: number, mode: ActivityMode): HotProjectHistory {
  const bundle = demoProjectWithReports();
  const doc = mode === 'window' ? new Y.Doc() : new KeepAllActivityDoc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  writeProject(doc, bundle);
  const cadres = [bundle.project.ownerId ?? 'owner', ...bundle.project.team, bundle.project.leaderId ?? 'leader'].slice(0, 3);
  const start = Date.UTC(2026, 6, 1, 1);
  const author = (i: number): Author => ({ memberId: cadres[i % cadres.length] ?? 'owner', at: start + i * 180_000 });
  const problemIds: string[] = [];
  const unit = bundle.project.unitId;
  for (let p = 0; p < PROBLEMS; p++) {
    const added = addProblem(
      doc,
      { id: `q-hot-${p + 1}`, description: `用地指标第${p + 1}批未落实`, departmentId: unit, ownerId: cadres[0] ?? null, deadline: '2026-12-31' },
      author(p),
    );
    if (added.ok) problemIds.push(added.id);
  }
  const mix = { progressNote: 0, problemProgress: 0, stage: 0, report: 0 };
  let refused = 0;
  let edits = 0;
  for (let i = 0; updates.length < count; i++) {
    const by = author(i);
    let result: { ok: boolean };
    if (i % REPORT_EVERY === 0) {
      // last month's 月报: filed once, then corrected a few times (the edits run from July for about a hundred days)
      const month = addMonths(monthOf(shanghaiDate(by.at)), -1);
      result = fileMonthlyReport(doc, { month, completedWan: 300 + (i % 700), progress: `本月完成主体结构第${i % 40}层`, issues: '' }, by);
      mix.report++;
    } else if (i % 25 === 1) {
      const [stage, date] = STAGE_MOVES[Math.floor(i / 25) % STAGE_MOVES.length] ?? ['started', '2026-03-18'];
      result = moveStage(doc, stage, date, by);
      mix.stage++;
    } else if (i % 10 === 2 && problemIds.length > 0) {
      const id = problemIds[i % problemIds.length] ?? '';
      result = reportProblemProgress(doc, id, `已与自然资源局对接，第${i % 30}次协调`, by);
      mix.problemProgress++;
    } else {
      result = editProject(doc, { progressNote: `主体结构施工，完成第${i % 40}层，累计完成投资${i % 900}万元` }, by);
      mix.progressNote++;
    }
    edits++;
    if (!result.ok) refused++;
  }
  doc.destroy();
  return { updates: updates.slice(0, count), edits, refused, mix };
}
