import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HistoryReplayer, type HistoryEntry } from '../../../server/rest/history-replay';
import { describeEntry, describeValue } from '../../../shared/history/describe-entry';
import { seededIds } from '../../../shared/model/ids';
import { archiveProject, assignTeam, editProject, moveStage, restoreProject } from '../../../shared/model/project-edit';
import { initProject } from '../../../shared/model/project-init';
import { addMilestone, archiveMilestone, editMilestone, restoreMilestone, tickMilestone } from '../../../shared/model/project-milestones';
import {
  addProblem,
  archiveProblem,
  confirmProblemClose,
  editProblem,
  escalateProblem,
  reopenProblem,
  reportProblemProgress,
  requestProblemClose,
  resolveProblem,
  restoreProblem,
  returnProblemClose,
  setProblemStatus,
} from '../../../shared/model/project-problems';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from '../../../shared/model/project-layout';
import type { Locale } from '../../../shared/schema/common';

const T0 = Date.UTC(2026, 10, 2, 1, 0); // 2026-11-02 09:00 in Asia/Shanghai
const names = new Map([
  ['m-zhang', '张三'],
  ['m-li', '李明'],
  ['m-wang', '王芳'],
  ['u-dev', '市发改委'],
  ['u-land', '市自然资源局'],
]);

/** Every kind of action the activity stream knows, each as one stored update of its own, by the people it names. */
function scriptedHistory(): { entries: HistoryEntry[]; ids: string[] } {
  const doc = new Y.Doc();
  const newId = seededIds(13);
  const replayer = new HistoryReplayer();
  const entries: HistoryEntry[] = [];
  let seq = 0;
  let at = T0;
  const step = (memberId: string, write: (author: { memberId: string; at: number }) => unknown): void => {
    const before = Y.encodeStateVector(doc);
    at += 3_600_000;
    const outcome = write({ memberId, at }) as { ok?: boolean } | undefined;
    if (outcome && outcome.ok === false) throw new Error(`step ${seq + 1} refused: ${JSON.stringify(outcome)}`);
    const update = Y.encodeStateAsUpdate(doc, before);
    seq += 1;
    const entry = replayer.apply({ docName: 'ws1/project/p-cd01', seq, update, author: memberId, at, hash: String(seq) });
    if (entry) entries.push(entry);
  };
  let milestone = '';
  let problem = '';
  let second = '';
  step('m-zhang', (a) =>
    initProject(doc, { id: 'p-cd01', name: '城东智能装备产业园', totalInvestmentWan: 50_000, unitId: 'u-dev', ownerId: 'm-zhang' }, a, {
      locale: 'zh-CN',
      newId,
    }),
  );
  step('m-zhang', (a) => editProject(doc, { progressNote: '主体结构封顶', totalInvestmentWan: 52_000 }, a));
  step('m-li', (a) => editProject(doc, { unitId: 'u-land', leaderId: 'm-li' }, a));
  step('m-li', (a) => assignTeam(doc, ['m-zhang', 'm-wang'], a));
  step('m-zhang', (a) => moveStage(doc, 'started', '2026-03-05', a));
  step('m-li', (a) => archiveProject(doc, a));
  step('m-li', (a) => restoreProject(doc, a));
  step('m-zhang', (a) => {
    const made = addMilestone(doc, { title: '设备进场', dueDate: '2026-12-20' }, a, { newId });
    if (made.ok) milestone = made.id;
    return made;
  });
  step('m-zhang', (a) => editMilestone(doc, milestone, { dueDate: '2026-12-28' }, a));
  step('m-wang', (a) => tickMilestone(doc, milestone, true, a));
  step('m-wang', (a) => tickMilestone(doc, milestone, false, a));
  step('m-zhang', (a) => archiveMilestone(doc, milestone, a));
  step('m-zhang', (a) => restoreMilestone(doc, milestone, a));
  step('m-zhang', (a) => {
    const made = addProblem(doc, { description: '用地指标未落实', deadline: '2026-12-31' }, a, { newId });
    if (made.ok) problem = made.id;
    return made;
  });
  step('m-li', (a) => editProblem(doc, problem, { departmentId: 'u-land', ownerId: 'm-wang', notes: '请自然资源局牵头' }, a));
  step('m-wang', (a) => setProblemStatus(doc, problem, 'inProgress', a));
  step('m-li', (a) => escalateProblem(doc, problem, 'supervised', a));
  step('m-wang', (a) => reportProblemProgress(doc, problem, '已完成用地预审', a));
  step('m-wang', (a) => requestProblemClose(doc, problem, '已取得用地批复', a));
  step('m-li', (a) => returnProblemClose(doc, problem, '批复文号缺失', a));
  step('m-wang', (a) => requestProblemClose(doc, problem, '批复文号：东自然资〔2026〕12号', a));
  step('m-li', (a) => confirmProblemClose(doc, problem, a));
  step('m-li', (a) => reopenProblem(doc, problem, a));
  step('m-zhang', (a) => {
    const made = addProblem(doc, { description: '电力增容待批', deadline: '2026-12-15' }, a, { newId });
    if (made.ok) second = made.id;
    return made;
  });
  step('m-li', (a) => resolveProblem(doc, second, '供电公司已批复', a));
  step('m-li', (a) => archiveProblem(doc, second, a));
  step('m-li', (a) => restoreProblem(doc, second, a));
  step('m-zhang', (a) => fileMonthlyReport(doc, { month: '2026-11', completedWan: 395.4, cumulativeWan: 2085.1, progress: '设备安装', issues: '' }, a));
  step('m-zhang', (a) => fileMonthlyReport(doc, { month: '2026-11', completedWan: 405.4, cumulativeWan: 2095.1, progress: '设备安装调试', issues: '' }, a));
  return { entries, ids: ['p-cd01', milestone, problem, second, ...names.keys()] };
}

/** Every internal key the project document's records have: none may show in a sentence meant for people. */
const RAW_KEYS = [PROJECT_LAYOUT, MILESTONE_LAYOUT, PROBLEM_LAYOUT, REPORT_LAYOUT].flatMap((layout) => [
  ...layout.fields,
  ...layout.groups.flatMap((g) => [g.key, ...Object.values(g.fields)]),
]);

describe('the history in plain words (#13 readable)', () => {
  const { entries, ids } = scriptedHistory();

  for (const locale of ['zh-CN', 'en'] as const satisfies readonly Locale[]) {
    it(`one sentence per action, every kind, in ${locale}, with no id and no internal key`, () => {
      const lines = entries.map((entry) => describeEntry(entry, { locale, names }));
      expect(lines).toMatchSnapshot();
      for (const line of lines) {
        for (const id of ids) expect(line, line).not.toContain(id);
        // camelCase keys (unitId, completedWan, closeRequested …) are never words
        expect(line, line).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
        expect(line, line).not.toMatch(/\[object|undefined|null|\{|\}/);
        if (locale === 'zh-CN') {
          // Chinese sentences carry no Latin word at all: a key like `raised`, `filed`, `month` or `id` would show here
          expect(line, line).not.toMatch(/[A-Za-z]{2,}/);
        } else {
          for (const key of RAW_KEYS) if (/[A-Z]/.test(key)) expect(line, line).not.toContain(key);
        }
      }
    });
  }

  it('files a 月报 as one entry with both figures, and a second filing of the month as a correction', () => {
    const reports = entries.filter((entry) => entry.changes.some((c) => c.record.kind === 'report'));
    expect(reports.map((entry) => describeEntry(entry, { locale: 'zh-CN', names }))).toEqual([
      '张三 报送 2026年11月 月报：本月 395.4 万元，累计 2085.1 万元',
      '张三 更正 2026年11月 月报：本月 405.4 万元，累计 2095.1 万元',
    ]);
    expect(describeEntry(reports[0] as HistoryEntry, { locale: 'en', names })).toBe(
      '张三 filed the 2026-11 monthly report: CNY 3.95 million this month, CNY 20.85 million to date',
    );
  });

  it('names the system for the server’s own writes and never shows an unknown id', () => {
    expect(describeEntry({ author: 'server', changes: [] }, { locale: 'zh-CN', names })).toBe('系统 ');
    expect(describeValue('leaderId', 'county-1ka-u07', { locale: 'zh-CN', names })).toBe('（未知人员）');
    expect(describeValue('team', ['m-li', 'm-wang'], { locale: 'zh-CN', names })).toBe('李明、王芳');
    expect(describeValue('totalInvestmentWan', 25_000, { locale: 'zh-CN', names })).toBe('2.5 亿元');
    expect(describeValue('stageDates', { signed: '2026-01-10', started: '2026-03-05' }, { locale: 'zh-CN', names })).toBe('签约 2026-01-10；开工 2026-03-05');
  });
});
