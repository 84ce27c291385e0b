import { t } from '../i18n';
import type { CalendarDate, Id, Locale, Month } from '../schema/common';
import type { ProjectBundle, WorkspaceData } from '../schema/bundle';
import type { SummaryProblem, SummaryRow } from '../schema/summary';
import { endOfMonth, yearOf } from './dates';
import { reportsByMonth, summaryRow } from './summary-row';

/** The standard 月报 columns, in the order the official form prints them (money in 万元). */
export const MONTHLY_REPORT_COLUMNS = [
  'code', // 项目编号
  'name', // 项目名称
  'kind', // 建设性质
  'content', // 建设内容
  'totalInvestment', // 总投资
  'annualPlan', // 今年计划投资
  'cumulativeCompleted', // 今年累计完成投资
  'monthCompleted', // 本月完成投资
  'plannedStart', // 计划开工
  'plannedCompletion', // 计划竣工
  'leader', // 包联领导
  'responsibleUnit', // 责任单位
  'serviceUnit', // 服务单位
  'category', // 项目类型
  'stage', // 建设阶段
  'progress', // 本月进展
  'issues', // 问题和建议
] as const;
export type MonthlyReportColumn = (typeof MONTHLY_REPORT_COLUMNS)[number];

/** Columns holding 万元 figures (typed as numbers in the xlsx export). */
export const MONEY_COLUMNS: ReadonlySet<MonthlyReportColumn> = new Set(['totalInvestment', 'annualPlan', 'cumulativeCompleted', 'monthCompleted']);

/** A cell: text, a number (万元, unformatted so the export can type it), or blank. */
export type Cell = string | number | null;

export interface MonthlyReportTable {
  month: Month;
  columns: { key: MonthlyReportColumn; header: string }[];
  rows: Cell[][];
  /** One entry per row, in the same order: which project it is and whether that month's report was filed. */
  projects: { projectId: Id; filed: boolean }[];
}

export function columnHeader(column: MonthlyReportColumn, locale: Locale): string {
  return t(locale, `report.col.${column}`);
}

/** What one row needs, whether it comes from a project document or from the summary. */
interface RowSource {
  row: SummaryRow;
  content: string;
  report: { completedWan: number; cumulativeWan: number; progress: string; issues: string } | null;
}

function fromBundle(bundle: ProjectBundle, month: Month): RowSource {
  const report = reportsByMonth(bundle.reports).get(month);
  return { row: summaryRow(bundle), content: bundle.project.content, report: report ?? null };
}

/**
 * The summary keeps only each month's figure and the latest report's words (进展, 问题和建议): for an earlier month the
 * cumulative is summed from the year's monthly figures and the texts are not known; 建设内容 is not in the summary.
 */
function fromSummary(row: SummaryRow, month: Month): RowSource {
  const completedWan = row.completedByMonth[month];
  if (completedWan === undefined) return { row, content: '', report: null };
  const latest = row.lastReportMonth === month;
  const yearStart = `${yearOf(month)}-01`;
  const summed = Object.entries(row.completedByMonth)
    .filter(([m]) => m >= yearStart && m <= month)
    .reduce((sum, [, wan]) => sum + wan, 0);
  return {
    row,
    content: '',
    report: {
      completedWan,
      cumulativeWan: latest ? row.cumulativeWan : summed,
      progress: latest ? row.progress : '',
      issues: latest ? (row.issues ?? '') : '',
    },
  };
}

/** A problem still open at the end of the month: raised by then and not closed by then. */
function openAtMonthEnd(problem: SummaryProblem, monthEnd: CalendarDate): boolean {
  return problem.raisedOn <= monthEnd && (problem.resolvedOn === null || problem.resolvedOn > monthEnd);
}

/** 问题和建议: the report's own words, then every problem open at month end that the report does not already quote. */
function issuesCell(source: RowSource, month: Month): string {
  const said = source.report?.issues.trim() ?? '';
  const lines = said ? [said] : [];
  const monthEnd = endOfMonth(month);
  for (const p of source.row.problems) {
    const text = p.description.trim();
    if (openAtMonthEnd(p, monthEnd) && !said.includes(text)) lines.push(text);
  }
  return lines.join('\n');
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The 月报 of `month` in the standard columns, one row per project not archived, ordered by 项目编号 then name.
 * One entry feeds every table (一次填报、多表生成): the figures come from that month's filed report; when none was
 * filed, the month's money cells are blank and 本月进展 says so.
 */
export function monthlyReportRows(
  workspace: WorkspaceData,
  projects: readonly (ProjectBundle | SummaryRow)[],
  month: Month,
  locale: Locale,
): MonthlyReportTable {
  const members = new Map(workspace.members.map((m) => [m.id, m.name]));
  const units = new Map(workspace.units.map((u) => [u.id, u.name]));
  const nameOf = (names: Map<Id, string>, id: Id | null): string => (id === null ? '' : (names.get(id) ?? ''));

  const sources = projects
    .map((p) => ('project' in p ? fromBundle(p, month) : fromSummary(p, month)))
    .filter((s) => !s.row.archived)
    .sort((a, b) => byText(a.row.code, b.row.code) || byText(a.row.name, b.row.name) || byText(a.row.projectId, b.row.projectId));

  const rows = sources.map((source): Cell[] => {
    const { row, report } = source;
    const cells: Record<MonthlyReportColumn, Cell> = {
      code: row.code,
      name: row.name,
      kind: t(locale, `kind.${row.kind}`),
      content: source.content,
      totalInvestment: row.totalInvestmentWan,
      annualPlan: row.annualPlanWan,
      cumulativeCompleted: report?.cumulativeWan ?? null,
      monthCompleted: report?.completedWan ?? null,
      plannedStart: row.plannedStart,
      plannedCompletion: row.plannedCompletion,
      leader: nameOf(members, row.leaderId),
      responsibleUnit: nameOf(units, row.unitId),
      serviceUnit: nameOf(units, row.serviceUnitId),
      category: t(locale, `category.${row.category}`),
      stage: t(locale, `stage.${row.stage}`),
      progress: report ? report.progress : t(locale, 'report.notFiled'),
      issues: issuesCell(source, month),
    };
    return MONTHLY_REPORT_COLUMNS.map((key) => cells[key]);
  });

  return {
    month,
    columns: MONTHLY_REPORT_COLUMNS.map((key) => ({ key, header: columnHeader(key, locale) })),
    rows,
    projects: sources.map((s) => ({ projectId: s.row.projectId, filed: s.report !== null })),
  };
}

/** The table's title: "2026年3月重点项目建设月报". */
export function monthlyReportTitle(month: Month, locale: Locale): string {
  return t(locale, 'report.title', { year: yearOf(month), month: Number(month.slice(5, 7)) });
}
