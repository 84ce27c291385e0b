import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryRow } from '../../../shared/calc/summary-row';
import { ProjectBundleSchema } from '../../../shared/schema/bundle';
import { SummaryRowSchema } from '../../../shared/schema/summary';
import type { Milestone } from '../../../shared/schema/milestone';
import type { MonthlyReport } from '../../../shared/schema/monthly-report';
import type { Problem } from '../../../shared/schema/problem';
import type { ProjectBundle } from '../../../shared/schema/bundle';
import { bundle, milestone, problem, project, report, shanghaiNoon } from './report-fixtures';

describe('summaryRow: what the board shows of one project', () => {
  const worked = bundle(
    { progressNote: '厂房基础施工', updated: { by: 'zhang', at: shanghaiNoon('2026-03-02') } },
    {
      reports: [
        report('2026-01', 300, 300, { progress: '场地平整' }),
        report('2026-03', 500, 1_200, { progress: '主体结构封顶' }),
        report('2026-02', 400, 700),
      ],
      milestones: [
        // Ticked at 23:30 on 31 March in Shanghai (15:30 UTC): the board must show 31 March, not the UTC day.
        milestone('m1', '2026-03-31', { order: 1, done: { by: 'zhang', at: Date.UTC(2026, 2, 31, 15, 30) } }),
        milestone('m0', '2026-02-15', { order: 0 }),
        milestone('gone', '2026-01-15', { archived: true }),
      ],
      problems: [
        problem('q1', '2026-03-20', { escalation: 'reminded' }),
        // Closed at 00:10 on 1 April in Shanghai (16:10 UTC on 31 March).
        problem('q2', '2026-03-10', {
          status: 'resolved',
          resolution: { by: 'wang', at: Date.UTC(2026, 2, 31, 16, 10), evidence: '已取得用地批复' },
        }),
        problem('gone', '2026-03-10', { archived: true }),
      ],
    },
  );

  it('takes money and progress from the reports, the latest month last', () => {
    const row = summaryRow(worked);
    expect(row.completedByMonth).toEqual({ '2026-01': 300, '2026-02': 400, '2026-03': 500 });
    expect(Object.keys(row.completedByMonth)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(row.cumulativeWan).toBe(1_200);
    expect(row.lastReportMonth).toBe('2026-03');
    expect(row.progress).toBe('主体结构封顶');
  });

  it('shows Shanghai days for ticks, raises and closings, and leaves archived records out', () => {
    const row = summaryRow(worked);
    expect(row.milestones).toEqual([
      { id: 'm0', title: '节点 m0', dueDate: '2026-02-15', doneOn: null },
      { id: 'm1', title: '节点 m1', dueDate: '2026-03-31', doneOn: '2026-03-31' },
    ]);
    expect(row.problems.map((p) => [p.id, p.status, p.escalation, p.raisedOn, p.resolvedOn])).toEqual([
      ['q1', 'open', 'reminded', '2026-02-01', null],
      ['q2', 'resolved', 'assigned', '2026-02-01', '2026-04-01'],
    ]);
  });

  it('is last updated by the latest write anywhere in the document', () => {
    // The closing of q2 (31 March 16:10 UTC) is later than every report filed on the 28th at noon.
    expect(summaryRow(worked).updatedAt).toBe(Date.UTC(2026, 2, 31, 16, 10));
  });

  it("falls back to the project's 形象进度 note without reports, or when the latest report says nothing", () => {
    const none = summaryRow(bundle({ progressNote: '完成立项' }));
    expect([none.progress, none.cumulativeWan, none.lastReportMonth, none.completedByMonth]).toEqual(['完成立项', 0, null, {}]);
    const silent = summaryRow(bundle({ progressNote: '完成立项' }, { reports: [report('2026-01', 10, 10, { progress: '  ' })] }));
    expect(silent.progress).toBe('完成立项');
  });

  it('keeps the report filed last when two replicas filed the same month', () => {
    const row = summaryRow(
      bundle(
        {},
        {
          reports: [
            report('2026-02', 90, 90, { filed: { by: 'wang', at: shanghaiNoon('2026-03-03') } }),
            report('2026-02', 80, 80, { filed: { by: 'zhang', at: shanghaiNoon('2026-03-02') } }),
          ],
        },
      ),
    );
    expect([row.completedByMonth, row.cumulativeWan]).toEqual([{ '2026-02': 90 }, 90]);
  });

  it('carries the count of records that did not validate', () => {
    expect(summaryRow(worked, 3).invalidRecords).toBe(3);
    expect(SummaryRowSchema.safeParse(summaryRow(worked, 3)).success).toBe(true);
  });
});

// Generated project documents: whatever a valid document holds, the row it gives is a valid summary row.
const time = fc.integer({ min: 0, max: Date.UTC(2099, 11, 31) });
const day = fc
  .date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.trim() || '节点');
const money = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });

const milestoneArb: fc.Arbitrary<Milestone> = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
  title: text,
  dueDate: day,
  order: fc.integer({ min: -5, max: 5 }),
  done: fc.option(fc.record({ by: fc.constant('zhang'), at: time }), { nil: null }),
  archived: fc.boolean(),
  created: fc.record({ by: fc.constant('zhang'), at: time }),
});
const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    base: fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,8}$/), description: text, deadline: day, at: time }),
    status: fc.constantFrom('open' as const, 'inProgress' as const, 'resolved' as const),
    escalation: fc.constantFrom('assigned' as const, 'reminded' as const, 'supervised' as const),
    closedAt: time,
    archived: fc.boolean(),
  })
  .map(({ base, status, escalation, closedAt, archived }) =>
    problem(base.id, base.deadline, {
      description: base.description,
      raised: { by: 'wang', at: base.at },
      status,
      escalation,
      archived,
      resolution: status === 'resolved' ? { by: 'wang', at: closedAt, evidence: '销号' } : null,
    }),
  );
const reportArb: fc.Arbitrary<MonthlyReport> = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
    completed: money,
    extra: money,
    progress: fc.string({ maxLength: 40 }),
    at: time,
  })
  .map(({ month, completed, extra, progress, at }) => report(month, completed, completed + extra, { progress, filed: { by: 'zhang', at } }));
const bundleArb: fc.Arbitrary<ProjectBundle> = fc
  .record({
    milestones: fc.array(milestoneArb, { maxLength: 6 }),
    problems: fc.array(problemArb, { maxLength: 6 }),
    reports: fc.array(reportArb, { maxLength: 8 }),
    note: fc.string({ maxLength: 40 }),
  })
  .map(({ note, ...parts }) => ({ project: project({ progressNote: note }), ...parts }));

describe('summaryRow on generated project documents', () => {
  it('always gives a row the summary schema accepts, with every unarchived record', () => {
    fc.assert(
      fc.property(bundleArb, fc.nat(20), (b, invalid) => {
        expect(ProjectBundleSchema.safeParse(b).success).toBe(true);
        const row = summaryRow(b, invalid);
        const parsed = SummaryRowSchema.safeParse(row);
        expect(parsed.error?.issues ?? []).toEqual([]);
        expect(row.milestones.length).toBe(b.milestones.filter((m) => !m.archived).length);
        expect(row.problems.length).toBe(b.problems.filter((p) => !p.archived).length);
        expect(row.updatedAt).toBeGreaterThanOrEqual(b.project.updated.at);
      }),
      // fast-check prints the seed and the shrunk counterexample when this fails.
      { seed: 20_260_301, numRuns: 300 },
    );
  });
});
