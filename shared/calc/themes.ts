import { calcMessages } from '../i18n/calc';
import { createTranslator } from '../i18n/translate';
import { formatPercent } from '../format';
import type { WorkspaceData } from '../schema/bundle';
import type { Campaign, QuarterTheme } from '../schema/campaign';
import type { CalendarDate, Id, Locale } from '../schema/common';
import type { SummaryRow } from '../schema/summary';
import type { Target } from '../schema/target';
import { minDate, quarterOf, quarterRange, yearOf, yearRange, type DateRange, type QuarterNumber } from './dates';
import { expectedShare, manualValueText } from './pace';
import { evaluateTarget, targetPeriod } from './targets';

// Only the table these words come from, so the popup does not bundle every message table.
const calcText = createTranslator([calcMessages]);

export type ThemeStatus = 'upcoming' | 'current' | 'passed' | 'missed';

/** One target against a theme's bar, as of the theme's end (or today, while the theme is running). */
export interface ThemeTargetCheck {
  targetId: Id;
  title: string;
  share: number;
  /** The share the theme demands: 序时 at the quarter's end (开门红, 攻坚), 50% (双过半), 100% (收官, windows). */
  requiredShare: number;
  passed: boolean;
  /** A rate target (增速 %), judged by reaching its goal: its value and goal, for the words (no share of a rate). */
  rate?: { actual: number; goal: number; unitLabel: string };
}

interface ThemeCheckBase extends DateRange {
  /** The day the checks were evaluated: min(asOf, end). */
  checkedAsOf: CalendarDate;
  status: ThemeStatus;
  checks: ThemeTargetCheck[];
}

export interface QuarterThemeCheck extends ThemeCheckBase {
  kind: 'quarter';
  quarter: QuarterNumber;
  theme: QuarterTheme;
}

export interface WindowThemeCheck extends ThemeCheckBase {
  kind: 'window';
  windowId: Id;
  name: string;
}

export type ThemeCheck = QuarterThemeCheck | WindowThemeCheck;

const SHARE_EPSILON = 1e-9;
const QUARTER_NUMBERS: readonly QuarterNumber[] = [1, 2, 3, 4];

/** Annual workspace-wide targets (the ones the quarter themes judge): the whole campaign year, not a window's. */
export function annualTargets(workspace: WorkspaceData): Target[] {
  const year = yearRange(workspace.campaign.year);
  return workspace.targets.filter((t) => !t.archived && t.scope.kind === 'workspace' && t.windowId === null && t.start === year.start && t.end === year.end);
}

/**
 * The bar a theme sets for one target, as of the quarter's last day:
 * 开门红 and 攻坚 — at or ahead of 序时 on the campaign's basis (25% and 75% by months);
 * 双过半 — at least half of the task (time is past half by definition on 30 June); 收官 — met.
 */
function requiredShare(theme: QuarterTheme, target: Target, quarterEnd: CalendarDate, workspace: WorkspaceData): number {
  switch (theme) {
    case 'strongStart':
    case 'tackle':
      return expectedShare(targetPeriod(target), quarterEnd, workspace.campaign.pace);
    case 'doubleHalf':
      return 0.5;
    case 'finish':
      return 1;
  }
}

function statusOf(range: DateRange, asOf: CalendarDate, checks: readonly ThemeTargetCheck[]): ThemeStatus {
  if (asOf < range.start) return 'upcoming';
  if (asOf <= range.end) return 'current';
  return checks.every((c) => c.passed) ? 'passed' : 'missed';
}

function quarterCheck(
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  asOf: CalendarDate,
  quarter: QuarterNumber,
  theme: QuarterTheme,
): QuarterThemeCheck {
  const range = quarterRange(workspace.campaign.year, quarter);
  const checkedAsOf = minDate(asOf, range.end);
  const checks = annualTargets(workspace).map((target): ThemeTargetCheck => {
    const result = evaluateTarget(target, workspace, rows, checkedAsOf);
    // A rate target (增速 %, no 序时) meets every theme's bar only by reaching its goal.
    const rate = result.expectedShare === null;
    const required = rate ? 1 : requiredShare(theme, target, range.end, workspace);
    const passed = theme === 'finish' || rate ? result.met : result.share + SHARE_EPSILON >= required;
    const check: ThemeTargetCheck = { targetId: target.id, title: target.title, share: result.share, requiredShare: required, passed };
    if (rate && target.metric.kind === 'manual') check.rate = { actual: result.actual, goal: result.goal, unitLabel: target.metric.unitLabel };
    return check;
  });
  return { kind: 'quarter', quarter, theme, ...range, checkedAsOf, status: statusOf(range, asOf, checks), checks };
}

/**
 * The four quarter themes (开门红 / 双过半 / 攻坚 / 收官) and every campaign window (百日会战), each with its per-target
 * checks. A running theme's checks are provisional (as of today); once it has ended, it passed only if every check did.
 */
export function themeChecks(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate): ThemeCheck[] {
  const quarters = QUARTER_NUMBERS.flatMap((quarter) => {
    const entry = workspace.campaign.quarters.find((q) => q.quarter === quarter);
    return entry ? [quarterCheck(workspace, rows, asOf, quarter, entry.theme)] : [];
  });
  const windows = workspace.campaign.windows.map((w): WindowThemeCheck => {
    const range = { start: w.start, end: w.end };
    const checkedAsOf = minDate(asOf, w.end);
    const checks = workspace.targets
      .filter((t) => !t.archived && t.windowId === w.id)
      .map((target): ThemeTargetCheck => {
        const result = evaluateTarget(target, workspace, rows, checkedAsOf);
        return { targetId: target.id, title: target.title, share: result.share, requiredShare: 1, passed: result.met };
      });
    return { kind: 'window', windowId: w.id, name: w.name, ...range, checkedAsOf, status: statusOf(range, asOf, checks), checks };
  });
  return [...quarters, ...windows];
}

/** The quarter theme on the calendar as of a day, or null outside the campaign year. */
export function currentTheme(campaign: Campaign, asOf: CalendarDate): { quarter: QuarterNumber; theme: QuarterTheme } | null {
  if (yearOf(asOf) !== campaign.year) return null;
  const quarter = quarterOf(asOf);
  const entry = campaign.quarters.find((q) => q.quarter === quarter);
  return entry ? { quarter, theme: entry.theme } : null;
}

/** What a theme check says, one line per target below its bar ("双过半" miss names each target). */
export function describeThemeCheck(locale: Locale, check: ThemeCheck): string[] {
  if (check.checks.length === 0) return [calcText.t(locale, 'calc.theme.noTargets')];
  const failing = check.checks.filter((c) => !c.passed);
  if (failing.length === 0) return [calcText.t(locale, 'calc.theme.allClear')];
  return failing.map((c) =>
    c.rate
      ? calcText.t(locale, 'calc.theme.rateBelow', {
          target: c.title,
          actual: manualValueText(c.rate.actual, c.rate.unitLabel),
          goal: manualValueText(c.rate.goal, c.rate.unitLabel),
        })
      : calcText.t(locale, 'calc.theme.belowBar', { target: c.title, share: formatPercent(c.share), required: formatPercent(c.requiredShare) }),
  );
}
