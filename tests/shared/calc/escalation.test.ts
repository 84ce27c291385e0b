import { describe, expect, it } from 'vitest';
import { effectiveEscalation, escalationList, redMayReturn, supervisionColour } from '../../../shared/calc/escalation';
import { ESCALATION_LEVELS } from '../../../shared/schema/problem';
import { summaryRow } from '../../../shared/calc/summary-row';
import type { EscalationRules } from '../../../shared/schema/campaign';
import { bundle, milestone, problem, shanghaiNoon } from './report-fixtures';

// 提醒 three days late, 督办 seven days late.
const rules: EscalationRules = { remindAfterDays: 3, superviseAfterDays: 7 };
const open = { deadline: '2026-03-10', manual: 'assigned' as const, open: true };

describe('effectiveEscalation: 交办 → 提醒 → 督办 as the deadline passes', () => {
  it('stays 交办 up to the deadline and two days after it', () => {
    expect(effectiveEscalation(open, '2026-03-01', rules)).toEqual({ level: 'assigned', escalating: false, daysOverdue: 0 });
    expect(effectiveEscalation(open, '2026-03-10', rules)).toEqual({ level: 'assigned', escalating: false, daysOverdue: 0 });
    expect(effectiveEscalation(open, '2026-03-12', rules)).toEqual({ level: 'assigned', escalating: true, daysOverdue: 2 });
  });
  it('climbs to 提醒 at exactly 3 days late and stays there through 6', () => {
    expect(effectiveEscalation(open, '2026-03-13', rules).level).toBe('reminded');
    expect(effectiveEscalation(open, '2026-03-16', rules)).toEqual({ level: 'reminded', escalating: true, daysOverdue: 6 });
  });
  it('climbs to 督办 at exactly 7 days late', () => {
    expect(effectiveEscalation(open, '2026-03-17', rules)).toEqual({ level: 'supervised', escalating: true, daysOverdue: 7 });
  });
  it('counts days across a month end (28 February to 2 March is 2 days)', () => {
    const feb = { ...open, deadline: '2026-02-28' };
    expect(effectiveEscalation(feb, '2026-03-02', { remindAfterDays: 2, superviseAfterDays: 5 }).level).toBe('reminded');
  });
  it('keeps a level set by hand when the rules give less', () => {
    expect(effectiveEscalation({ ...open, manual: 'supervised' }, '2026-03-01', rules).level).toBe('supervised');
    expect(effectiveEscalation({ ...open, manual: 'reminded' }, '2026-03-20', rules).level).toBe('supervised');
  });
  it('with remindAfterDays 0 reminds from the first late day, never on the deadline day', () => {
    const zero = { remindAfterDays: 0, superviseAfterDays: 0 };
    expect(effectiveEscalation(open, '2026-03-10', zero).level).toBe('assigned');
    expect(effectiveEscalation(open, '2026-03-11', zero).level).toBe('supervised');
  });
  it('a closed item keeps the level it had reached when closed and no longer escalates', () => {
    const closed = { ...open, open: false, closedOn: '2026-03-14' };
    expect(effectiveEscalation(closed, '2026-06-30', rules)).toEqual({ level: 'reminded', escalating: false, daysOverdue: 0 });
    expect(effectiveEscalation({ ...open, open: false, manual: 'reminded' }, '2026-06-30', rules).level).toBe('reminded');
    expect(effectiveEscalation({ ...open, open: false, closedOn: '2026-03-09' }, '2026-06-30', rules).level).toBe('assigned');
  });
});

describe('escalationList: the 调度 list', () => {
  const rows = [
    summaryRow(
      bundle(
        { id: 'p1', name: '智能装备产业园', unitId: 'u1', ownerId: 'zhang' },
        {
          milestones: [
            milestone('m-late', '2026-03-05'), // 10 days late on 15 March → 督办
            milestone('m-done', '2026-03-01', { done: { by: 'zhang', at: shanghaiNoon('2026-03-08') } }),
            milestone('m-future', '2026-03-20'),
            milestone('m-today', '2026-03-15'), // due today: not slipping yet
          ],
          problems: [
            problem('q-open', '2026-03-30', { departmentId: 'u3', ownerId: 'wang' }), // not due: 交办
            problem('q-hand', '2026-03-30', { escalation: 'supervised' }), // 督办 by hand, not late
            problem('q-done', '2026-03-01', { status: 'resolved', resolution: { by: 'wang', at: shanghaiNoon('2026-03-02'), evidence: '已协调' } }),
          ],
        },
      ),
    ),
    summaryRow(
      bundle(
        { id: 'p2', name: '城南污水处理厂', unitId: 'u2', ownerId: 'wang' },
        {
          problems: [problem('q-late', '2026-03-11', { status: 'inProgress' })], // 4 days late → 提醒
        },
      ),
    ),
    summaryRow(bundle({ id: 'p3', name: '已撤销项目', archived: true }, { problems: [problem('q-archived', '2026-01-01')] })),
  ];

  it('lists open problems and slipping milestones, highest level first, then most days late', () => {
    const list = escalationList(rows, '2026-03-15', rules);
    expect(list.map((i) => [i.recordId, i.level, i.daysOverdue])).toEqual([
      ['m-late', 'supervised', 10],
      ['q-hand', 'supervised', 0],
      ['q-late', 'reminded', 4],
      ['q-open', 'assigned', 0],
    ]);
  });

  it("names project, department and owner: the problem's own, else the project's", () => {
    const byId = new Map(escalationList(rows, '2026-03-15', rules).map((i) => [i.recordId, i]));
    expect(byId.get('q-open')).toMatchObject({ kind: 'problem', projectName: '智能装备产业园', departmentId: 'u3', ownerId: 'wang' });
    expect(byId.get('q-late')).toMatchObject({ kind: 'problem', projectId: 'p2', departmentId: 'u2', ownerId: 'wang' });
    expect(byId.get('m-late')).toMatchObject({ kind: 'milestone', title: '节点 m-late', departmentId: 'u1', ownerId: 'zhang', deadline: '2026-03-05' });
  });

  it("names the department's head as 责任人 of a problem that names a department and nobody, not the project's owner", () => {
    const headed = summaryRow(
      bundle({ id: 'p9', name: '化工园区污水管网', unitId: 'u1', ownerId: 'zhang' }, { problems: [problem('q-eco', '2026-03-30', { departmentId: 'eco' })] }),
    );
    const [item] = escalationList([headed], '2026-03-15', rules, [{ id: 'eco', headId: 'deng' }]);
    expect(item).toMatchObject({ recordId: 'q-eco', departmentId: 'eco', ownerId: 'deng' });
    expect(item?.closeRequested).toBeUndefined();
    const asked = summaryRow(
      bundle(
        { id: 'p9', name: '化工园区污水管网', ownerId: 'zhang' },
        {
          problems: [
            problem('q-eco', '2026-03-30', {
              departmentId: 'eco',
              status: 'closeRequested',
              request: { by: 'deng', at: shanghaiNoon('2026-03-14'), evidence: '批复已下达' },
            }),
          ],
        },
      ),
    );
    // still on the 调度 list until the 项目办 confirms, marked as awaiting it
    expect(escalationList([asked], '2026-03-15', rules, [{ id: 'eco', headId: 'deng' }])[0]).toMatchObject({ recordId: 'q-eco', closeRequested: true });
  });
});

describe('三色督办单', () => {
  it('交办 is blue, 提醒 yellow, 督办 red', () => {
    expect(ESCALATION_LEVELS.map(supervisionColour)).toEqual(['blue', 'yellow', 'red']);
  });

  it('a red slip ordered by hand returns to yellow only with progress reported and while the rules do not give 督办', () => {
    const red = { escalation: 'supervised' as const, status: 'inProgress' as const, deadline: '2026-03-10', progress: { by: 'deng', at: 1, note: '已对接' } };
    expect(redMayReturn(red, '2026-03-12', rules)).toBe(true);
    expect(redMayReturn({ ...red, progress: null }, '2026-03-12', rules)).toBe(false);
    expect(redMayReturn(red, '2026-03-31', rules)).toBe(false);
    expect(redMayReturn({ ...red, escalation: 'reminded' }, '2026-03-12', rules)).toBe(false);
  });
});
