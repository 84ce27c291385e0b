import type { MessageKey } from '../i18n';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryProblem, SummaryRow } from '../schema/summary';
import { isWithin, minDate, type DateRange } from './dates';
import { activeRows, isUnitRow } from './metrics/row-scope';
import { reachedBy, stageReachedOn } from './metrics/stage-reached';

export const RATE_KINDS = ['landingRate', 'startRate', 'completionRate', 'productionRate', 'problemResolutionRate'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

/** A rate with its parts, so the board can print "12/15 = 80.00%" and the formula beside it. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when nothing was due (denominator 0), which is not the same as 0%. */
  rate: number | null;
  formulaKey: MessageKey;
}

export type UnitRates = Record<RateKind, Rate>;

export interface RateQuery extends DateRange {
  /** The unit (its 责任单位 or county projects), or null for the whole workspace. */
  unitId: Id | null;
}

export function rateOf(numerator: number, denominator: number, formulaKey: MessageKey): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, formulaKey };
}

/** 落地率: of the 招商引资 projects signed in the period, the share that has reached 开工. */
export function landingRate(rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate): Rate {
  const signed = rows.filter((r) => r.source === 'attracted' && inPeriod(stageReachedOn(r, 'signed'), period, cut));
  return rateOf(signed.filter((r) => reachedBy(r, 'started', cut)).length, signed.length, 'calc.formula.landingRate');
}

/** 开工率: of the projects planned to start in the period (so far), the share that has started. */
export function startRate(rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate): Rate {
  const planned = rows.filter((r) => inPeriod(r.plannedStart, period, cut));
  return rateOf(planned.filter((r) => reachedBy(r, 'started', cut)).length, planned.length, 'calc.formula.startRate');
}

/** 竣工率: of the projects planned for completion in the period (so far), the share completed. */
export function completionRate(rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate): Rate {
  const planned = rows.filter((r) => inPeriod(r.plannedCompletion, period, cut));
  return rateOf(planned.filter((r) => reachedBy(r, 'completed', cut)).length, planned.length, 'calc.formula.completionRate');
}

/** 投产率: of the projects completed (竣工) in the period, the share operating (投产) by its end or as-of. */
export function productionRate(rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate): Rate {
  const completed = rows.filter((r) => inPeriod(stageReachedOn(r, 'completed'), period, cut));
  return rateOf(completed.filter((r) => reachedBy(r, 'operating', cut)).length, completed.length, 'calc.formula.productionRate');
}

/** 问题办结率 of the given problems: of those raised in the period, the share resolved (销号) by its end or as-of. */
export function resolutionRateOf(problems: readonly SummaryProblem[], period: DateRange, cut: CalendarDate): Rate {
  const raised = problems.filter((p) => inPeriod(p.raisedOn, period, cut));
  const resolved = raised.filter((p) => p.status === 'resolved' && (p.resolvedOn === null || p.resolvedOn <= cut));
  return rateOf(resolved.length, raised.length, 'calc.formula.problemResolutionRate');
}

/** 问题办结率: of the problems of these projects raised in the period, the share resolved (销号) by its end or as-of. */
export function problemResolutionRate(rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate): Rate {
  return resolutionRateOf(
    rows.flatMap((r) => r.problems),
    period,
    cut,
  );
}

/**
 * The unit that answers for a problem (涉及哪个部门，就由哪个部门一把手负责): its 责任部门, or, when none was named, the
 * project's 责任单位. A unit's 问题办结率 counts the problems it answers for, on whichever project they sit.
 */
export function answeringUnitId(problem: Pick<SummaryProblem, 'departmentId'>, row: Pick<SummaryRow, 'unitId'>): Id | null {
  return problem.departmentId ?? row.unitId;
}

/** The problems each unit answers for (answeringUnitId), indexed once over the rows. */
export function problemsByAnsweringUnit(rows: readonly SummaryRow[]): Map<Id, SummaryProblem[]> {
  const index = new Map<Id, SummaryProblem[]>();
  for (const row of rows) {
    for (const problem of row.problems) {
      const unitId = answeringUnitId(problem, row);
      if (unitId === null) continue;
      const list = index.get(unitId);
      if (list) list.push(problem);
      else index.set(unitId, [problem]);
    }
  }
  return index;
}

function inPeriod(date: CalendarDate | null, period: DateRange, cut: CalendarDate): boolean {
  return date !== null && isWithin(date, { start: period.start, end: cut });
}

const RATE_FUNCTIONS: Record<RateKind, (rows: readonly SummaryRow[], period: DateRange, cut: CalendarDate) => Rate> = {
  landingRate,
  startRate,
  completionRate,
  productionRate,
  problemResolutionRate,
};

/** One rate over the rows as of a day: only what has happened by min(period end, asOf) counts, in numerator and denominator. */
export function computeRate(kind: RateKind, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate): Rate {
  return RATE_FUNCTIONS[kind](activeRows(rows), period, minDate(period.end, asOf));
}

/**
 * The five rates of a unit (or the whole workspace) for a period, as of a day. A unit's project rates count its
 * projects (责任单位 or county); its 问题办结率 counts the problems it answers for (answeringUnitId), on any project.
 */
export function unitRates(rows: readonly SummaryRow[], query: RateQuery, asOf: CalendarDate): UnitRates {
  const { unitId } = query;
  const scoped = unitId === null ? rows : rows.filter((r) => isUnitRow(r, unitId));
  const period = { start: query.start, end: query.end };
  const rate = (kind: RateKind): Rate => computeRate(kind, scoped, period, asOf);
  const answered = unitId === null ? null : (problemsByAnsweringUnit(activeRows(rows)).get(unitId) ?? []);
  return {
    landingRate: rate('landingRate'),
    startRate: rate('startRate'),
    completionRate: rate('completionRate'),
    productionRate: rate('productionRate'),
    problemResolutionRate: answered === null ? rate('problemResolutionRate') : resolutionRateOf(answered, period, minDate(period.end, asOf)),
  };
}
