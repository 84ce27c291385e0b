import type * as Y from 'yjs';
import { MoneyWanSchema, MonthSchema } from '../schema/common';
import { MonthlyReportSeriesSchema, type MonthlyReport, type ReportRevision } from '../schema/monthly-report';
import { toFieldErrors } from '../schema/field-errors';
import type { ActivityChange } from './activity';
import type { Author } from './origin';
import { fieldActivity, mutateProject, projectMap, projectSlot, reportSlot, type MutationPlan } from './project-doc';
import { PROJECT_LAYOUT, REPORT_LAYOUT } from './project-layout';
import { planUpdate } from './records';
import { planWrite } from './layout';
import { fieldError, refuse, validValues, type ModelResult, PARSE } from './result';
import { readCollection, readSlot, type Slot } from './slots';
import { err, ok } from '../result';

export interface MonthlyReportInput {
  month: string;
  /** 本月完成投资 (万元): give this or cumulativeWan, the other is derived. */
  completedWan?: number;
  /** 今年累计完成投资 (万元). */
  cumulativeWan?: number;
  /** 本月进展 / 形象进度. */
  progress: string;
  /** 问题和建议. */
  issues: string;
}

/** Money arithmetic kept to the precision people type (万元 with up to 6 decimals), so 0.1 + 0.2 stays 0.3. */
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Files, back-files (补报) or corrects (更正) the 月报 of one month. 一次填报: give one of the two figures and the other
 * is derived from the latest earlier report of the same year (a January report's cumulative is its monthly figure);
 * both figures given must add up with that report, unless there is none (an opening balance). Refuses a cumulative
 * lower than an earlier month's. A correction is a new attributed version: the version it replaces is appended to the
 * report's `revisions`, so the old values stay readable. Whether a late filing or correction counts is not decided
 * here: outside the campaign's window (shared/calc/report-window.ts) a member's version waits for the 项目办's
 * approval. Updates the project's 形象进度 note when this is the latest month.
 */
export function fileMonthlyReport(doc: Y.Doc, input: MonthlyReportInput, author: Author): ModelResult<{ month: string }> {
  const month = MonthSchema.safeParse(input.month, PARSE);
  if (!month.success) return err({ errors: toFieldErrors(month.error).map((e) => ({ ...e, path: 'month' })) });
  for (const field of ['completedWan', 'cumulativeWan'] as const) {
    if (input[field] === undefined) continue;
    const money = MoneyWanSchema.safeParse(input[field], PARSE);
    if (!money.success) return err({ errors: toFieldErrors(money.error).map((e) => ({ ...e, path: field })) });
  }
  return mutateProject(doc, author, () => {
    const m = month.data;
    const all = validValues(readCollection(projectMap(doc, 'reports'), REPORT_LAYOUT));
    const current = all.find((r) => r.month === m);
    const others = all.filter((r) => r.month !== m);
    const previous = others
      .filter((r) => r.month.slice(0, 4) === m.slice(0, 4) && r.month < m)
      .sort((a, b) => a.month.localeCompare(b.month))
      .at(-1);
    const before = previous?.cumulativeWan ?? 0;

    let completedWan: number;
    let cumulativeWan: number;
    if (input.completedWan !== undefined && input.cumulativeWan !== undefined) {
      // Without an earlier report of the year (after January), the two figures are an opening balance: a workspace
      // that starts mid-year (an imported 月报) keeps both as the sheet gives them.
      const opening = previous === undefined && m.slice(5, 7) !== '01';
      if (!opening && Math.abs(before + input.completedWan - input.cumulativeWan) > 1e-6)
        return refuse('err.model.report.figuresMismatch', 'cumulativeWan', { previous: before });
      completedWan = input.completedWan;
      cumulativeWan = input.cumulativeWan;
    } else if (input.completedWan !== undefined) {
      completedWan = input.completedWan;
      cumulativeWan = round6(before + completedWan);
    } else if (input.cumulativeWan !== undefined) {
      cumulativeWan = input.cumulativeWan;
      if (cumulativeWan + 1e-6 < before) return refuse('err.report.cumulativeDecreased', 'cumulativeWan', { previous: before, month: previous?.month ?? '' });
      completedWan = Math.max(0, round6(cumulativeWan - before));
    } else {
      return refuse('err.model.report.figureRequired', 'completedWan');
    }

    const unchanged =
      current !== undefined &&
      current.completedWan === completedWan &&
      current.cumulativeWan === cumulativeWan &&
      current.progress === input.progress &&
      current.issues === input.issues;
    // the same report sent again (a double click, a retry) is no correction: nothing is written
    if (unchanged) return ok({ plan: { writes: [], activity: [], result: { month: m } } });
    const revisions = current === undefined ? undefined : [...(current.revisions ?? []), revisionOf(current)];
    const slot = reportSlot(doc, m);
    const planned = planWrite(REPORT_LAYOUT, m, readSlot(slot, REPORT_LAYOUT), {
      completedWan,
      cumulativeWan,
      progress: input.progress,
      issues: input.issues,
      filed: { by: author.memberId, at: author.at },
      revisions,
    });
    if (!planned.ok) return planned;
    const series = MonthlyReportSeriesSchema.safeParse([...others, planned.plan.value]);
    if (!series.success) return err({ errors: toFieldErrors(series.error).map((e) => fieldError(e.key, e.path.split('.').at(-1) ?? '', e.params)) });

    const writes: Array<[Slot, ReadonlyMap<string, unknown>]> = [[slot, planned.plan.writes]];
    const activity: ActivityChange[] = fieldActivity('report.file', 'report', m, planned.plan.changes);
    const resplit = resplitNext(doc, others, m, cumulativeWan, author);
    if (!resplit.ok) return resplit;
    if (resplit.value) {
      writes.push(resplit.value.write);
      activity.push(...resplit.value.activity);
    }
    if (others.every((r) => r.month <= m)) {
      const note = noteUpdate(doc, planned.plan.value, author);
      if (!note.ok) return note;
      if (note.writes.size > 0) {
        writes.push([projectSlot(doc), note.writes]);
        activity.push(...note.activity);
      }
    }
    const plan: MutationPlan<{ month: string }> = { writes, activity, result: { month: m } };
    return ok({ plan });
  });
}

/**
 * The year's cumulative figures are what each report states for good; a month's 本月完成投资 is the difference from the
 * report before it. Back-filing (or correcting) a month that a later report already builds on changes that difference:
 * the next filed month's 本月 figure is re-derived from its own cumulative, as a new version of that report attributed
 * to whoever back-filed (its old version kept in its revisions), so the year's months still add up to its cumulative.
 */
function resplitNext(doc: Y.Doc, others: readonly MonthlyReport[], m: string, cumulativeWan: number, author: Author) {
  const next = others.filter((r) => r.month.slice(0, 4) === m.slice(0, 4) && r.month > m).sort((a, b) => a.month.localeCompare(b.month))[0];
  if (next === undefined) return ok({ value: null });
  const completedWan = Math.max(0, round6(next.cumulativeWan - cumulativeWan));
  if (Math.abs(completedWan - next.completedWan) <= 1e-6) return ok({ value: null });
  const slot = reportSlot(doc, next.month);
  const planned = planWrite(REPORT_LAYOUT, next.month, readSlot(slot, REPORT_LAYOUT), {
    completedWan,
    filed: { by: author.memberId, at: author.at },
    revisions: [...(next.revisions ?? []), revisionOf(next)],
  });
  if (!planned.ok) return planned;
  return ok({
    value: {
      write: [slot, planned.plan.writes] as [Slot, ReadonlyMap<string, unknown>],
      activity: fieldActivity('report.file', 'report', next.month, planned.plan.changes),
    },
  });
}

/** The version a correction replaces, as kept in the report's `revisions`. */
function revisionOf(report: MonthlyReport): ReportRevision {
  const { completedWan, cumulativeWan, progress, issues, filed } = report;
  return { completedWan, cumulativeWan, progress, issues, filed };
}

/** The project's 形象进度 follows its latest report. */
function noteUpdate(doc: Y.Doc, report: MonthlyReport, author: Author) {
  const planned = planUpdate(projectSlot(doc), PROJECT_LAYOUT, null, { progressNote: report.progress, updated: { by: author.memberId, at: author.at } });
  if (!planned.ok) return planned;
  const changed = planned.plan.changes.some((c) => c.field === 'progressNote');
  return ok({
    writes: changed ? planned.plan.writes : new Map<string, unknown>(),
    activity: changed ? fieldActivity('project.edit', 'project', planned.plan.value.id, planned.plan.changes) : [],
  });
}
