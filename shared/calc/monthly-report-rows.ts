import { t } from '../i18n';
import type { CalendarDate, Id, Locale, Month } from '../schema/common';
import type { ProjectBundle, WorkspaceData } from '../schema/bundle';
import type { SummaryProblem, SummaryRow } from '../schema/summary';
import { CATEGORIES, type Category } from '../schema/project';
import { STAGES, stageIndex, type Stage } from '../schema/stage';
import { endOfMonth, yearOf } from './dates';
import { reportsByMonth, summaryRow } from './summary-row';
import { trustedRows } from './trusted-rows';

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

/** Columns holding calendar dates (written as date cells in the xlsx export). */
export const DATE_COLUMNS: ReadonlySet<MonthlyReportColumn> = new Set(['plannedStart', 'plannedCompletion']);

/** The money of a group of rows (万元, rounded to the fen-free two decimals the form prints). */
export interface MoneyTotals {
  count: number;
  totalInvestment: number;
  annualPlan: number;
  cumulativeCompleted: number;
  monthCompleted: number;
  /** Rows whose 月报 of the month was not filed (their cumulative is the last one filed this year). */
  notFiled: number;
}

/** A section of the form (一、工业项目): its rows by index into `rows`, and its 小计. */
export interface MonthlyReportSection {
  category: Category;
  title: string;
  rowIndexes: number[];
  subtotal: MoneyTotals;
}

export interface MonthlyReportTable {
  month: Month;
  columns: { key: MonthlyReportColumn; header: string }[];
  rows: Cell[][];
  /** One entry per row, in the same order: which project it is, whether that month's report was filed, its 县区. */
  projects: { projectId: Id; filed: boolean; category: Category; county: string }[];
  /** Rows grouped by 项目类型, in the form's order; every row is in exactly one section. */
  sections: MonthlyReportSection[];
  /** 合计 of every row: its 今年累计完成投资 equals the board's figure for the year up to the month. */
  total: MoneyTotals;
  /**
   * Figures filed but flagged and not yet confirmed by the 项目办 (审核): the form prints them as filed, the board leaves
   * them out until they are confirmed, so the board's figure is the 合计 less `wan`.
   */
  awaitingReview: { count: number; wan: number };
}

export function columnHeader(column: MonthlyReportColumn, locale: Locale): string {
  return t(locale, `report.col.${column}`);
}

/** What one row needs, whether it comes from a project document or from the summary. */
interface RowSource {
  row: SummaryRow;
  content: string;
  /** The month's report; null when it was not filed. */
  report: { completedWan: number; cumulativeWan: number; progress: string; issues: string } | null;
  /** 今年累计完成投资 as at the month: the month's own figure, or the last one filed earlier this year (0 if none). */
  cumulativeWan: number;
}

function fromBundle(bundle: ProjectBundle, month: Month): RowSource {
  const byMonth = reportsByMonth(bundle.reports);
  const report = byMonth.get(month) ?? null;
  const yearStart = `${yearOf(month)}-01`;
  const earlier = [...byMonth.values()].filter((r) => r.month >= yearStart && r.month < month).sort((a, b) => byText(a.month, b.month));
  const carried = earlier.at(-1)?.cumulativeWan ?? 0;
  const row = summaryRow(bundle);
  return { row, content: bundle.project.content, report, cumulativeWan: report?.cumulativeWan ?? carried };
}

/**
 * The summary keeps each month's figure and the latest report's words (进展, 问题和建议): the cumulative at a month is
 * the year's monthly figures up to it (the same sum the board shows), and the texts of an earlier month are not known.
 */
function fromSummary(row: SummaryRow, month: Month): RowSource {
  const content = row.content ?? '';
  const yearStart = `${yearOf(month)}-01`;
  const summed = Object.entries(row.completedByMonth)
    .filter(([m]) => m >= yearStart && m <= month)
    .reduce((sum, [, wan]) => sum + wan, 0);
  const completedWan = row.completedByMonth[month];
  const latest = row.lastReportMonth === month;
  const cumulativeWan = latest ? row.cumulativeWan : round6(summed);
  if (completedWan === undefined) return { row, content, report: null, cumulativeWan };
  return {
    row,
    content,
    report: { completedWan, cumulativeWan, progress: latest ? row.progress : '', issues: latest ? (row.issues ?? '') : '' },
    cumulativeWan,
  };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * 建设阶段 as at a day, from the dates each stage was reached: the current stage unless it (or a stage before it) was
 * reached after the day; then the highest stage below the first one reached after the day. Stages without a date are
 * taken as reached in order (a project registered at 前期 has no 签约 date).
 */
export function stageAt(row: Pick<SummaryRow, 'stage' | 'stageDates'>, day: CalendarDate): Stage {
  const current = stageIndex(row.stage);
  let firstAfter = -1;
  for (let i = 0; i <= current; i++) {
    const date = row.stageDates[STAGES[i] as Stage];
    if (date !== undefined && date > day) {
      firstAfter = i;
      break;
    }
  }
  if (firstAfter < 0) return row.stage;
  return STAGES[Math.max(0, firstAfter - 1)] as Stage;
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

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** 一、二、… for section and chapter headings (1. 2. … in English). */
export function sectionNumeral(index: number, locale: Locale): string {
  return locale === 'zh-CN' ? `${CHINESE_NUMERALS[index] ?? String(index + 1)}、` : `${index + 1}. `;
}

function totalsOf(sources: readonly RowSource[]): MoneyTotals {
  let totalInvestment = 0;
  let annualPlan = 0;
  let cumulativeCompleted = 0;
  let monthCompleted = 0;
  let notFiled = 0;
  for (const s of sources) {
    totalInvestment += s.row.totalInvestmentWan;
    annualPlan += s.row.annualPlanWan;
    cumulativeCompleted += s.cumulativeWan;
    monthCompleted += s.report?.completedWan ?? 0;
    if (!s.report) notFiled += 1;
  }
  return {
    count: sources.length,
    totalInvestment: round2(totalInvestment),
    annualPlan: round2(annualPlan),
    cumulativeCompleted: round2(cumulativeCompleted),
    monthCompleted: round2(monthCompleted),
    notFiled,
  };
}

/**
 * The 月报 of `month` in the standard columns, one row per project not archived, grouped by 项目类型 (sections in the
 * form's order), ordered by 项目编号 then name within a section. One entry feeds every table (一次填报、多表生成):
 * the figures come from that month's filed report; when none was filed, 本月完成投资 stays blank, 今年累计完成投资
 * carries the last figure filed this year (so the 合计 equals the board's) and 本月进展 says 未报送. 建设阶段 is the
 * stage at the end of the month.
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
  const monthEnd = endOfMonth(month);

  const sources = projects
    .map((p) => ('project' in p ? fromBundle(p, month) : fromSummary(p, month)))
    .filter((s) => !s.row.archived)
    .sort(
      (a, b) =>
        CATEGORIES.indexOf(a.row.category) - CATEGORIES.indexOf(b.row.category) ||
        byText(a.row.code, b.row.code) ||
        byText(a.row.name, b.row.name) ||
        byText(a.row.projectId, b.row.projectId),
    );

  const rows = sources.map((source): Cell[] => {
    const { row, report } = source;
    const cells: Record<MonthlyReportColumn, Cell> = {
      code: row.code,
      name: row.name,
      kind: t(locale, `kind.${row.kind}`),
      content: source.content,
      totalInvestment: row.totalInvestmentWan,
      annualPlan: row.annualPlanWan,
      cumulativeCompleted: source.cumulativeWan,
      monthCompleted: report?.completedWan ?? null,
      plannedStart: row.plannedStart,
      plannedCompletion: row.plannedCompletion,
      leader: nameOf(members, row.leaderId),
      responsibleUnit: nameOf(units, row.unitId),
      serviceUnit: nameOf(units, row.serviceUnitId),
      category: t(locale, `category.${row.category}`),
      stage: t(locale, `stage.${stageAt(row, monthEnd)}`),
      progress: report ? report.progress : t(locale, 'report.notFiled'),
      issues: issuesCell(source, month),
    };
    return MONTHLY_REPORT_COLUMNS.map((key) => cells[key]);
  });

  const sections: MonthlyReportSection[] = [];
  for (const category of CATEGORIES) {
    const rowIndexes = sources.flatMap((s, i) => (s.row.category === category ? [i] : []));
    if (rowIndexes.length === 0) continue;
    sections.push({
      category,
      title: `${sectionNumeral(sections.length, locale)}${t(locale, 'report.section', { category: t(locale, `category.${category}`) })}`,
      rowIndexes,
      subtotal: totalsOf(rowIndexes.map((i) => sources[i] as RowSource)),
    });
  }

  const trusted = trustedRows(
    sources.map((s) => s.row),
    workspace,
  );
  const yearStart = `${yearOf(month)}-01`;
  let awaitingCount = 0;
  let awaitingWan = 0;
  sources.forEach((s, i) => {
    const held = trusted[i];
    if (!held || held === s.row) return;
    let wan = 0;
    for (const [m, filed] of Object.entries(s.row.completedByMonth)) if (m >= yearStart && m <= month) wan += filed - (held.completedByMonth[m] ?? 0);
    if (wan > 0) {
      awaitingCount += 1;
      awaitingWan += wan;
    }
  });

  return {
    month,
    columns: MONTHLY_REPORT_COLUMNS.map((key) => ({ key, header: columnHeader(key, locale) })),
    rows,
    projects: sources.map((s) => ({ projectId: s.row.projectId, filed: s.report !== null, category: s.row.category, county: nameOf(units, s.row.countyId) })),
    sections,
    total: totalsOf(sources),
    awaitingReview: { count: awaitingCount, wan: round2(awaitingWan) },
  };
}

/** The table's title: "2026年3月重点项目建设月报". */
export function monthlyReportTitle(month: Month, locale: Locale): string {
  return t(locale, 'report.title', { year: yearOf(month), month: Number(month.slice(5, 7)) });
}
