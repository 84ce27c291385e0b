import type { CalendarDate } from '../../shared/schema/common';
import type { Category, ProjectKind, ProjectSource } from '../../shared/schema/project';
import { STAGES, type Stage, type StageDates } from '../../shared/schema/stage';
import { addDays, dateOf, dayNumber, maxDate, minDate } from './dates';
import { chance, intBetween, pick, weighted, type Rng } from './random';

/** Categories whose projects go on to 投产/达产 (a road is "in use" once completed, and stops there). */
const PRODUCTIVE: ReadonlySet<Category> = new Set(['industry', 'agriculture', 'services', 'digitalEconomy', 'cleanEnergy']);

export function isProductive(category: Category): boolean {
  return PRODUCTIVE.has(category);
}

/**
 * A project's whole life as planned and as it actually goes (dates may lie beyond the as-of day: only those up to
 * it become stage dates).
 */
export interface Schedule {
  plannedStart: CalendarDate;
  plannedCompletion: CalendarDate;
  /** Every stage the project will pass through, with the day it does (未来 included). */
  timeline: Partial<Record<Stage, CalendarDate>>;
  /** Planned construction length in days. */
  durationDays: number;
}

/** Bigger projects take longer: 6 months for a small workshop, up to 3 years for a 50 亿 plant. */
function constructionDays(rng: Rng, totalWan: number): number {
  const months = 6 + Math.min(30, Math.max(0, Math.log10(totalWan / 500) * 10)) + intBetween(rng, -2, 4);
  return Math.round(months * 30.4);
}

/** Planned start of a new project: weighted to spring, because 一季度比开门红. */
function plannedStartOf(rng: Rng, year: number): CalendarDate {
  const month = Number(weighted(rng, { '2': 10, '3': 22, '4': 18, '5': 14, '6': 12, '7': 8, '8': 6, '9': 6, '10': 4 }));
  return dateOf(year, month, intBetween(rng, 1, 28));
}

export function planSchedule(
  rng: Rng,
  opts: { year: number; kind: ProjectKind; source: ProjectSource; category: Category; totalWan: number; registeredOn: CalendarDate },
): Schedule {
  const { year, kind, source, category, totalWan, registeredOn } = opts;
  const durationDays = constructionDays(rng, totalWan);
  const timeline: Partial<Record<Stage, CalendarDate>> = {};
  let plannedStart: CalendarDate;
  let actualStart: CalendarDate;
  if (kind === 'continued') {
    // 续建: started in an earlier year and due to finish this year or next.
    const daysLeft = intBetween(rng, 30, 540);
    actualStart = addDays(dateOf(year, 1, 1), -Math.max(30, durationDays - daysLeft));
    plannedStart = addDays(actualStart, -intBetween(rng, 0, 40));
  } else {
    // 前期推进 projects are on the list to get their paperwork done this year and break ground next year.
    plannedStart = chance(rng, 0.15) ? plannedStartOf(rng, year + 1) : plannedStartOf(rng, year);
    // Most start on time or a little late; some slip by months; a few stall for the year (未开工).
    const slip = weighted(rng, { onTime: 60, late: 26, stalled: 14 });
    const slipDays = slip === 'onTime' ? intBetween(rng, -15, 20) : slip === 'late' ? intBetween(rng, 30, 130) : intBetween(rng, 400, 500);
    actualStart = addDays(plannedStart, slipDays);
  }
  const plannedCompletion = addDays(plannedStart, durationDays);

  // Working backwards from the start: 前期 a few months before, 签约 before that (招商 only), 谋划 first.
  // 招商 projects move fast once signed (签约即开工), so most of this year's starts were signed this year.
  const preparation = addDays(actualStart, -(source === 'attracted' ? intBetween(rng, 30, 120) : intBetween(rng, 45, 200)));
  const signed = source === 'attracted' ? addDays(preparation, -intBetween(rng, 5, 40)) : undefined;
  let planning = addDays(signed ?? preparation, -intBetween(rng, 30, 240));
  // Everything on this year's list was at least 谋划 when the list was drawn up.
  planning = minDate(planning, registeredOn);
  timeline.planning = planning;
  if (signed) timeline.signed = maxDate(signed, planning);
  timeline.preparation = maxDate(preparation, timeline.signed ?? planning);
  timeline.started = maxDate(actualStart, timeline.preparation);
  let completion = addDays(timeline.started, Math.round(durationDays * (0.9 + 0.4 * rng.next())));
  // A 续建 project is by definition still being built when the year begins.
  if (kind === 'continued') completion = maxDate(completion, addDays(dateOf(year, 1, 20), intBetween(rng, 0, 60)));
  timeline.completed = completion;
  timeline.operating = addDays(completion, intBetween(rng, 10, 90));
  if (isProductive(category)) timeline.fullProduction = addDays(timeline.operating, intBetween(rng, 120, 360));
  return { plannedStart, plannedCompletion, timeline, durationDays };
}

/** The stage reached by `asOf` and the dates of the stages reached so far. */
export function stageAsOf(timeline: Schedule['timeline'], asOf: CalendarDate): { stage: Stage; stageDates: StageDates } {
  let stage: Stage = 'planning';
  const stageDates: StageDates = {};
  for (const s of STAGES) {
    const date = timeline[s];
    if (date && date <= asOf) {
      stage = s;
      stageDates[s] = date;
    }
  }
  return { stage, stageDates };
}

/** Rounds money the way a 项目清单 prints it: 10 万元 steps below 1 亿元, 100 万元 above. */
export function roundWan(value: number): number {
  return value >= 10_000 ? Math.round(value / 100) * 100 : Math.max(10, Math.round(value / 10) * 10);
}

/**
 * 今年计划投资: the share of the total the schedule puts in this year, never more than what is left of the total.
 * Returns also what was spent before the year (续建).
 */
export function annualPlan(rng: Rng, schedule: Schedule, totalWan: number, year: number): { planWan: number; spentBeforeWan: number } {
  const yearStart = dayNumber(dateOf(year, 1, 1));
  const yearEnd = dayNumber(dateOf(year, 12, 31));
  const start = dayNumber(schedule.plannedStart);
  const end = dayNumber(schedule.plannedCompletion);
  const span = Math.max(1, end - start);
  const before = Math.min(1, Math.max(0, (yearStart - start) / span));
  const within = Math.max(0, Math.min(end, yearEnd) - Math.max(start, yearStart)) / span;
  const spentBeforeWan = Math.round(totalWan * before * 0.9);
  // 前期 costs count too, so a project starting late still plans something this year.
  const share = Math.max(0.05, within * (0.85 + 0.25 * rng.next()));
  const left = totalWan - spentBeforeWan;
  const planWan = Math.min(roundWan(totalWan * share), Math.floor(left / 10) * 10);
  return { planWan: Math.max(0, planWan), spentBeforeWan };
}

export function pickKind(rng: Rng): ProjectKind {
  return chance(rng, 0.38) ? 'continued' : 'new';
}

export function pickSource(rng: Rng, category: Category): ProjectSource {
  const publicWorks: readonly Category[] = ['infrastructure', 'livelihood', 'urban', 'ecology', 'ruralRevitalization'];
  if (publicWorks.includes(category)) return chance(rng, 0.85) ? 'government' : pick(rng, ['attracted', 'enterprise'] as const);
  return weighted(rng, { attracted: 62, enterprise: 30, government: 8 });
}
